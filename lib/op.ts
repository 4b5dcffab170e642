/**
 * Reduction operations. On buffers an Op is MPI's own (MPI_SUM, …). On
 * JavaScript values (lowercase `reduce`, `allreduce`, `scan`, `exscan`) the
 * predefined ops act on numbers and bigints, and element by element on arrays
 * and typed arrays of them — where Python's `+` would concatenate lists.
 */
import { ERR_OP } from './constants';
import { describe, trailing } from './args';
import { MPIException } from './errors';
import { BufSpec, IN_PLACE, message } from './buffer';
import { native } from './native';

/**
 * A function that combines two values into one. On values (lowercase
 * reductions, `combine`) it gets `(a, b, undefined)` and returns the result; on
 * buffers it gets `(invec, inoutvec, datatype)`, typed-array views over MPI's
 * memory, and leaves `inoutvec[i] = invec[i] ∘ inoutvec[i]` (its return is
 * ignored), as mpi4py's `function(invec, inoutvec, datatype)`.
 */
export type OpFunction = (a: any, b: any, datatype?: any) => any;

/** The error of the 33rd live user op: Python's RuntimeError, as mpi4py raises it. */
class RuntimeError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RuntimeError';
  }
}

/** As mpi4py: at most 32 user ops exist at once. */
const MAX_USER_OPS = 32;
let liveUserOps = 0;

/**
 * The Datatype objects of the datatype ids that buffer reductions with a user
 * op were given, so the op's function gets the very object the caller passed
 * (`datatype === MPI.INT`). Weak: a reduction holds its datatype while it runs.
 */
const typesById = new Map<number, WeakRef<object>>();

/**
 * A user op collected without Free() gives its slot back, as mpi4py's op does
 * when Python deallocates it. The cell holds its native id (0 until first used
 * on buffers); a request still reducing with it keeps the native slot alive.
 */
const collected = new FinalizationRegistry((cell: { handle: number }) => {
  liveUserOps--;
  if (cell.handle !== 0 && native.environment.isInitialized() && !native.environment.isFinalized()) {
    try {
      native.op.free(cell.handle);
    } catch {
      // A cleanup callback must not throw: the op is gone either way.
    }
  }
});

/** mpi4py: `MPI.Op`. */
export class Op {
  /** @internal id in the addon's op table; 0 for OP_NULL and for a user op not yet used on buffers */
  handle: number;
  /** @internal a user op after Free(): OP_NULL in all but name (mpi4py) */
  freed = false;
  /** @internal made by Op.Create */
  readonly user: boolean;

  /** @internal what the FinalizationRegistry frees if the op is collected unfreed */
  private readonly cell = { handle: 0 };

  /** @internal */
  constructor(
    handle: number,
    private readonly fn: OpFunction,
    private readonly commute: boolean,
    readonly name = '',
    user = false,
  ) {
    this.handle = handle;
    this.user = user;
    if (user) collected.register(this, this.cell, this);
  }

  /**
   * A user-defined operation, for lowercase reductions on values and for
   * buffer reductions: `MPI.Op.Create((a, b) => ({...a, ...b}), true)`.
   * At most 32 user ops exist at once (Free releases one); the 33rd is an
   * Error named RuntimeError. mpi4py: `Op.Create(function, commute=False)`.
   */
  static Create(fn: OpFunction, commute: boolean | { commute?: boolean } = false): Op {
    if (typeof fn !== 'function') throw new TypeError('Op.Create: expecting a function (a, b) => result');
    if (typeof commute === 'object' && commute !== null) commute = trailing('Op.Create', { commute: false }, [commute]).commute;
    if (liveUserOps >= MAX_USER_OPS) throw new RuntimeError('cannot create too many user-defined reduction operations');
    liveUserOps++;
    return new Op(0, fn, Boolean(commute), '', true);
  }

  /** Combines two values: mpi4py's `op(x, y)`. */
  combine(a: unknown, b: unknown): unknown {
    if (this.freed) throw new MPIException(ERR_OP, undefined, undefined, 'Op.combine');
    return this.user ? this.fn(a, b, undefined) : this.fn(a, b);
  }

  /**
   * @internal combine, for the reduction `call`: a predefined op's refusal of
   * its operands names the call; a user's function gets `(a, b, undefined)`,
   * as mpi4py passes None for the datatype of values.
   */
  combineIn(call: string, a: unknown, b: unknown): unknown {
    return this.name ? (this.fn as Predefined)(a, b, call) : this.fn(a, b, undefined);
  }

  /**
   * mpi4py: `Reduce_local(inbuf, inoutbuf)`: `inoutbuf[i] = inbuf[i] ∘ inoutbuf[i]`
   * on this process, no communication. Both buffers have the same count and datatype.
   */
  Reduce_local(inbuf: BufSpec, inoutbuf: BufSpec): void {
    const call = 'Reduce_local';
    // Read as a reduction's buffers are (a Uint8Array is UINT8_T, not BYTE); no IN_PLACE here.
    const i = message(inbuf, true, `${call}: inbuf`);
    const o = message(inoutbuf, true, `${call}: inoutbuf`);
    if (i.view === IN_PLACE || o.view === IN_PLACE) throw new TypeError(`${call}: MPI.IN_PLACE is not a buffer here`);
    if (i.datatype !== o.datatype) throw new TypeError(`${call}: mismatch in inbuf and inoutbuf MPI datatypes (${i.datatype} and ${o.datatype})`);
    if (i.count !== o.count) throw new RangeError(`${call}: mismatch in inbuf count ${i.count} and inoutbuf count ${o.count}`);
    const op = bufferOp(call, this, o.datatype);
    native.op.Reduce_local(i.view as ArrayBufferView | null, i.count, i.datatype.handle, o.view as ArrayBufferView | null, o.count, o.datatype.handle, op);
  }

  /** mpi4py: `Is_commutative()`. */
  Is_commutative(): boolean {
    return this.commute;
  }

  get is_commutative(): boolean {
    return this.commute;
  }

  get is_predefined(): boolean {
    return !this.user && this.handle !== 0;
  }

  /**
   * mpi4py: `Free()`. A user op is then OP_NULL (reducing with it or freeing
   * it again is MPI.Exception ERR_OP) and its slot among the 32 is free again;
   * predefined ops and OP_NULL cannot be freed (ERR_OP, as MPI_Op_free says).
   */
  Free(): void {
    if (this.freed || !this.user) throw new MPIException(ERR_OP, undefined, undefined, 'MPI_Op_free');
    this.freed = true;
    liveUserOps--;
    collected.unregister(this);
    // A request still reducing with it keeps the native slot until it completes (src-native/op.cc).
    if (this.handle !== 0 && native.environment.isInitialized() && !native.environment.isFinalized()) native.op.free(this.handle);
    this.handle = 0;
  }

  toString(): string {
    return this.name ? `MPI.${this.name}` : 'MPI.Op(user)';
  }

  /** @internal the addon's op for a buffer reduction: a user op's MPI_Op is made on first use */
  nativeHandle(): number {
    if (this.user && this.handle === 0) {
      const fn = this.fn;
      this.handle = native.op.create((invec: unknown, inoutvec: unknown, typeId: number) => {
        fn(invec, inoutvec, typesById.get(typeId)?.deref());
      }, this.commute);
      this.cell.handle = this.handle;
    }
    return this.handle;
  }
}

/**
 * The addon's id of the op of a buffer reduction `call` on `datatype`: any
 * MPI.Op, predefined or user (whose function is then told `datatype`). Every
 * buffer reduction call site uses it. A plain function is refused (it is no
 * MPI op); OP_NULL and freed ops are MPI.Exception ERR_OP, as MPI says.
 */
export function bufferOp(call: string, op: unknown, datatype: { handle: number }): number {
  if (!(op instanceof Op)) {
    throw new TypeError(`${call}: op must be an MPI.Op (MPI.SUM, …, or MPI.Op.Create(fn)), got ${describe(op)}`);
  }
  if (op.freed || (op.handle === 0 && !op.user)) throw new MPIException(ERR_OP, undefined, undefined, call);
  if (!op.user) return op.handle;
  typesById.set(datatype.handle, new WeakRef(datatype));
  return op.nativeHandle();
}

type Scalar = (a: any, b: any) => any;

/** A predefined op's function: `call`, when given, names the reduction in its errors. */
type Predefined = (a: any, b: any, call?: string) => any;

/** The start of a predefined op's error message: the reduction's name, if known. */
const within = (call: string | undefined): string => (call ? `${call}: ` : '');

/** What a predefined op combines: Python's operand types, in JavaScript's. */
type Operands = 'numeric' | 'numeric-or-string' | 'ordered' | 'integer' | 'any';

function operandType(x: unknown): string {
  if (x === null) return 'null';
  if (Array.isArray(x)) return 'array';
  return typeof x === 'object' ? ((x as object).constructor?.name ?? 'object') : typeof x;
}

/**
 * Whether a and b are operands the op can combine, as Python's operators
 * decide: `+` adds numbers (or bigints) and joins strings, `max` compares
 * numbers and bigints with each other and strings with strings, `&` takes
 * integers. JavaScript would turn anything else into a string or NaN.
 */
function combinable(kind: Operands, a: unknown, b: unknown): boolean {
  const ta = typeof a;
  const tb = typeof b;
  const numeric = (t: string) => t === 'number' || t === 'bigint';
  switch (kind) {
    case 'any':
      return true;
    case 'numeric':
      return ta === tb && numeric(ta);
    case 'numeric-or-string':
      return ta === tb && (numeric(ta) || ta === 'string');
    case 'ordered':
      return (numeric(ta) && numeric(tb)) || (ta === 'string' && tb === 'string');
    case 'integer':
      return (ta === 'bigint' && tb === 'bigint') || (Number.isInteger(a) && Number.isInteger(b));
  }
}

/** f, refusing operands it cannot combine with mpi4py's TypeError. */
function typed(name: string, kind: Operands, f: Scalar): Predefined {
  return (a, b, call) => {
    if (!combinable(kind, a, b)) {
      throw new TypeError(`${within(call)}MPI.${name}: unsupported operand types ${operandType(a)} and ${operandType(b)}`);
    }
    return f(a, b);
  };
}

function isArrayLikeValue(x: unknown): x is ArrayLike<unknown> {
  return Array.isArray(x) || (ArrayBuffer.isView(x) && !(x instanceof DataView));
}

/** Applies f to numbers, and element by element to (typed) arrays of equal length. */
function elementwise(name: string, kind: Operands, scalar: Scalar): Predefined {
  const f = typed(name, kind, scalar);
  const combine = (a: any, b: any, call?: string): any => {
    if (isArrayLikeValue(a) && isArrayLikeValue(b)) {
      if (a.length !== b.length) throw new RangeError(`${within(call)}MPI.${name}: reduction of arrays of lengths ${a.length} and ${b.length}`);
      if (Array.isArray(a)) return Array.from(a, (x, i) => combine(x, b[i], call));
      const out = new (a.constructor as new (n: number) => any)(a.length);
      for (let i = 0; i < a.length; i++) out[i] = f((a as any)[i], (b as any)[i], call);
      return out;
    }
    return f(a, b, call);
  };
  return combine;
}

function loc(better: (x: any, y: any) => boolean): Predefined {
  return (a: [unknown, number], b: [unknown, number], call?: string) => {
    if (!Array.isArray(a) || !Array.isArray(b)) throw new TypeError(`${within(call)}MAXLOC and MINLOC reduce [value, index] pairs`);
    if (better(a[0], b[0])) return a;
    if (better(b[0], a[0])) return b;
    return a[1] <= b[1] ? a : b;
  };
}

const ids = native.op.predefined;
const predefined = (name: string, fn: OpFunction) => new Op(ids[name], fn, true, name);

export const OP_NULL = new Op(0, (_a: unknown, _b: unknown, call?: string) => {
  throw new TypeError(`${within(call)}MPI.OP_NULL cannot reduce`);
}, true, 'OP_NULL');
export const SUM = predefined('SUM', elementwise('SUM', 'numeric-or-string', (a, b) => a + b));
export const PROD = predefined('PROD', elementwise('PROD', 'numeric', (a, b) => a * b));
export const MAX = predefined('MAX', elementwise('MAX', 'ordered', (a, b) => (b > a ? b : a)));
export const MIN = predefined('MIN', elementwise('MIN', 'ordered', (a, b) => (b < a ? b : a)));
export const LAND = predefined('LAND', elementwise('LAND', 'any', (a, b) => Boolean(a) && Boolean(b)));
export const LOR = predefined('LOR', elementwise('LOR', 'any', (a, b) => Boolean(a) || Boolean(b)));
export const LXOR = predefined('LXOR', elementwise('LXOR', 'any', (a, b) => Boolean(a) !== Boolean(b)));
export const BAND = predefined('BAND', elementwise('BAND', 'integer', (a, b) => a & b));
export const BOR = predefined('BOR', elementwise('BOR', 'integer', (a, b) => a | b));
export const BXOR = predefined('BXOR', elementwise('BXOR', 'integer', (a, b) => a ^ b));
export const MAXLOC = predefined('MAXLOC', loc((x, y) => x > y));
export const MINLOC = predefined('MINLOC', loc((x, y) => x < y));
export const REPLACE = predefined('REPLACE', (_a, b) => b);
export const NO_OP = predefined('NO_OP', (a) => a);

/** An op or a plain function `(a, b) => result`, for lowercase reductions. */
export type OpLike = Op | OpFunction;

/** @internal */
export function isOpLike(x: unknown): x is OpLike {
  return x instanceof Op || typeof x === 'function';
}

/** @internal The function a lowercase reduction folds with; `call` names the reduction in errors. */
export function toCombine(op: OpLike, call = 'toCombine'): OpFunction {
  // A freed op fails here, on every rank, before any communication.
  if (op instanceof Op && op.freed) throw new MPIException(ERR_OP, undefined, undefined, call);
  if (op instanceof Op) return (a, b) => op.combineIn(call, a, b);
  if (typeof op === 'function') return op;
  throw new TypeError(`${call}: op must be an MPI.Op or a function (a, b) => result, got ${describe(op)}`);
}
