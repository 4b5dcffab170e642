/**
 * Error handlers, as mpi4py's `MPI.Errhandler` (`MPI.src/Errhandler.pyx`,
 * `errhimpl.pxi`): the predefined ERRORS_RETURN (every new communicator's, so
 * that MPI errors are thrown as MPI.Exception), ERRORS_ARE_FATAL, ERRORS_ABORT,
 * and handlers made from a JavaScript function by `Comm.Create_errhandler`,
 * `Win.Create_errhandler`, `File.Create_errhandler` and
 * `Session.Create_errhandler`. MPI calls a handler inside the failing call, on
 * the main thread (src-native/errhandler.cc); the call then returns its error
 * code, thrown as MPI.Exception, as in mpi4py. The four kinds share one path
 * here (create/get/set/call …Of(kind, …)) and one dispatcher.
 */
import type { Comm } from './comm/comm';
import { ERR_ARG, ERR_OTHER } from './constants';
import { argumentError, NotImplementedError, notProvided } from './errors';
import { COMM_WORLD_ID, native } from './native';

const E = native.errhandler;

/** Fixed ids of the predefined handlers (src-native/errhandler.cc). */
const NULL_ID = 0;
const RETURN_ID = 1;
const FATAL_ID = 2;
const ABORT_ID = 3;

/** mpi4py: `errhandler_fn(comm, error_code)` (a window's, file's, session's: that object first). */
export type ErrhandlerFn = (comm: Comm, errorcode: number) => void;

/** mpi4py: `MPI.Errhandler`. `new MPI.Errhandler()` is MPI.ERRHANDLER_NULL's kind: a null handle. */
export class Errhandler {
  /** @internal id in the addon's error handler table */
  handle: number;

  /** @internal the kind of object a user handler was made for (Comm.Create_errhandler, …); none for the predefined ones */
  readonly kind: ErrhandlerKind | undefined;

  /** @internal (the handle; none: the null handle) */
  constructor(handle: number = NULL_ID, kind?: ErrhandlerKind) {
    this.handle = handle;
    this.kind = kind;
  }

  /**
   * Frees the handler (MPI keeps it while a communicator uses it); the object
   * becomes the null handle. A predefined handler (ERRORS_RETURN, …, and what
   * Get_errhandler answers for one) stays as it is, as mpi4py's constants do.
   * mpi4py: `Free()`.
   */
  Free(): void {
    if (this.handle === NULL_ID) throw argumentError(ERR_ARG, 'Errhandler.Free', 'the error handler is MPI.ERRHANDLER_NULL (or a freed one)');
    if (isPredefined(this)) return;
    E.free(this.handle);
    this.handle = NULL_ID;
  }

  /** Free() unless null, for `using`. */
  [Symbol.dispose](): void {
    if (this.handle !== NULL_ID) this.Free();
  }

  toString(): string {
    const name = this === ERRORS_RETURN ? 'ERRORS_RETURN' : this === ERRORS_ARE_FATAL ? 'ERRORS_ARE_FATAL' : this === ERRORS_ABORT ? 'ERRORS_ABORT' : this.handle === NULL_ID ? 'ERRHANDLER_NULL' : 'user';
    return `MPI.Errhandler(${name})`;
  }
}

/** mpi4py: `MPI.ERRHANDLER_NULL`. */
export const ERRHANDLER_NULL = new Errhandler(NULL_ID);
/** Errors come back to the call, thrown as MPI.Exception (every communicator's default). mpi4py: `MPI.ERRORS_RETURN`. */
export const ERRORS_RETURN = new Errhandler(RETURN_ID);
/** An error ends the job. mpi4py: `MPI.ERRORS_ARE_FATAL`. */
export const ERRORS_ARE_FATAL = new Errhandler(FATAL_ID);
/**
 * An error aborts the processes of the communicator (MPI-4.0). On an MPI-3
 * library (Open MPI 4.1) its handle is null, as in mpi4py, and
 * `Set_errhandler(MPI.ERRORS_ABORT)` is a NotImplementedError; so on MPICH
 * before 4.1, which fails an assertion when it is set.
 */
export const ERRORS_ABORT = new Errhandler(E.hasErrorsAbort ? ABORT_ID : NULL_ID);

function isPredefined(eh: Errhandler): boolean {
  return eh === ERRHANDLER_NULL || eh === ERRORS_RETURN || eh === ERRORS_ARE_FATAL || eh === ERRORS_ABORT;
}

/**
 * The kinds of object with error handlers, and their numbers in the addon
 * (src-native/errhandler.cc's Kind).
 */
export type ErrhandlerKind = 'Comm' | 'Win' | 'File' | 'Session';
const KINDS: Record<ErrhandlerKind, number> = { Comm: 0, Win: 1, File: 2, Session: 3 };
const KIND_NAMES: ErrhandlerKind[] = ['Comm', 'Win', 'File', 'Session'];

/** The name of kind's call op in errors: a communicator's bare (`Set_errhandler`, as every Comm method's), the others' as `File.Set_errhandler`. */
function callName(kind: ErrhandlerKind, op: string): string {
  return kind === 'Comm' ? op : `${kind}.${op}`;
}

/** The JavaScript functions of each kind's user handlers, by trampoline index (never reused, as in mpi4py). */
const functions: Record<ErrhandlerKind, ((object: never, errorcode: number) => void)[]> = { Comm: [], Win: [], File: [], Session: [] };

/** The object a handler is about, from its id, by kind: each class registers its own (a new object of the handle, mpi4py alike). */
const objectOf: Partial<Record<ErrhandlerKind, (id: number) => unknown>> = {};

/** @internal lib/win.ts, lib/file.ts, lib/session.ts register their factory */
export function setObjectFactory(kind: ErrhandlerKind, f: (id: number) => unknown): void {
  objectOf[kind] = f;
}

/** @internal lib/comm/comm.ts registers this */
export function setCommFactory(f: (id: number) => Comm): void {
  objectOf.Comm = f;
}

/**
 * The objects whose handler is running, as `Kind:id`, with their depth: MPI is
 * inside a call on each, so freeing one there (Comm.Free, Win.Free,
 * File.Close, Session.Finalize) would free what the call still uses.
 */
const handling = new Map<string, number>();

/** @internal Throws MPI.Exception ERR_OTHER naming call if object is one whose handler is running. */
export function refuseInHandler(kind: ErrhandlerKind, object: number, call: string): void {
  if (handling.has(`${kind}:${object}`)) {
    throw argumentError(ERR_OTHER, call, `called from this ${kind}'s own error handler: MPI is still inside the failing call on it (free it after that call)`);
  }
}

// An error in a user-defined handler is unrecoverable (mpi4py): it is printed and the job aborts.
E.setDispatcher((kind, index, id, code) => {
  const name = KIND_NAMES[kind];
  const key = `${name}:${id}`;
  handling.set(key, (handling.get(key) ?? 0) + 1);
  try {
    const fn = functions[name]?.[index];
    const make = objectOf[name];
    if (!fn || !make) return;
    fn(make(id) as never, code);
  } catch (e) {
    process.stderr.write(`mpi4js: an error handler threw (error code ${code}); aborting the job\n${(e as Error)?.stack ?? String(e)}\n`);
    native.comm.Abort(COMM_WORLD_ID, 1);
  } finally {
    const depth = (handling.get(key) ?? 1) - 1;
    if (depth > 0) handling.set(key, depth);
    else handling.delete(key);
  }
});

/**
 * @internal X.Create_errhandler (Comm, Win, File, Session): a handler of that
 * kind calling fn(object, errorcode). At most 32 per kind and process, as mpi4py.
 */
export function createErrhandlerOf(kind: ErrhandlerKind, fn: unknown): Errhandler {
  const call = callName(kind, 'Create_errhandler');
  if (typeof fn !== 'function') throw new TypeError(`${call}: errhandler_fn must be a function, got ${fn === null ? 'null' : typeof fn}`);
  const list = functions[kind];
  if (list.length >= E.maxUser) throw new RangeError(`${call}: cannot create more than ${E.maxUser} user-defined error handlers of a ${kind} (mpi4py alike)`);
  const index = list.length;
  const id = E.create(KINDS[kind], index);
  list.push(fn as (object: never, errorcode: number) => void);
  return new Errhandler(id, kind);
}

/** @internal X.Get_errhandler of the object id (live; a file's may be 0, FILE_NULL: the default of files): a predefined handler as its constant object. */
export function getErrhandlerOf(kind: ErrhandlerKind, object: number): Errhandler {
  const id = E.get(KINDS[kind], object);
  if (id === RETURN_ID) return ERRORS_RETURN;
  if (id === FATAL_ID) return ERRORS_ARE_FATAL;
  if (id === ABORT_ID) return ERRORS_ABORT;
  return new Errhandler(id, kind); // set on an object of this kind: a handler of this kind
}

/**
 * @internal X.Set_errhandler: a predefined handler, or a user handler made for
 * this kind of object (MPI would call another kind's with the wrong object).
 */
export function setErrhandlerOf(kind: ErrhandlerKind, object: number, errhandler: unknown): void {
  const call = callName(kind, 'Set_errhandler');
  if (!(errhandler instanceof Errhandler)) {
    const got = errhandler === null ? 'null' : typeof errhandler === 'object' ? (errhandler as object).constructor?.name ?? 'object' : typeof errhandler;
    throw new TypeError(`${call}: errhandler must be an MPI.Errhandler, got ${got}`);
  }
  if (errhandler === ERRORS_ABORT && !E.hasErrorsAbort) {
    // MPI-3 libraries lack it; MPICH 4.0 has the name but fails an assertion when it is set.
    const named = `${kind}.Set_errhandler(MPI.ERRORS_ABORT)`;
    if (!native.environment.features.mpi4) throw notProvided(named, '4.0');
    throw new NotImplementedError(named, 'not provided by this library (MPICH before 4.1 fails an assertion on it)');
  }
  if (errhandler.handle === NULL_ID) throw argumentError(ERR_ARG, call, 'errhandler is MPI.ERRHANDLER_NULL (or a freed one)');
  if (errhandler.kind !== undefined && errhandler.kind !== kind) {
    throw argumentError(ERR_ARG, call, `errhandler was made by ${errhandler.kind}.Create_errhandler: a ${kind} takes a predefined one or one of ${kind}.Create_errhandler (MPI would call it with the wrong object)`);
  }
  E.set(KINDS[kind], object, errhandler.handle);
}

/** @internal X.Call_errhandler: runs the object's handler on errorcode (an int, checked by the caller). */
export function callErrhandlerOf(kind: ErrhandlerKind, object: number, errorcode: number): void {
  // Open MPI takes any int (and calls the handler with it); error codes are never negative.
  if (errorcode < 0) throw argumentError(ERR_ARG, callName(kind, 'Call_errhandler'), `errorcode ${errorcode} is negative (error codes are MPI.SUCCESS and up)`);
  E.call(KINDS[kind], object, errorcode);
}

/** @internal Comm.Create_errhandler */
export function createErrhandler(fn: unknown): Errhandler {
  return createErrhandlerOf('Comm', fn);
}

/** @internal Comm.Get_errhandler */
export function getErrhandler(comm: number): Errhandler {
  return getErrhandlerOf('Comm', comm);
}

/** @internal Comm.Set_errhandler */
export function setErrhandler(comm: number, errhandler: unknown): void {
  setErrhandlerOf('Comm', comm, errhandler);
}

/** @internal Comm.Call_errhandler */
export function callErrhandler(comm: number, errorcode: number): void {
  callErrhandlerOf('Comm', comm, errorcode);
}
