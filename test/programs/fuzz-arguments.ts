// The bad-argument fuzz (issue 11, item 9). Every public method, found by
// walking the prototypes of mpi4js's classes and the functions of the MPI
// namespace, is called with a valid baseline, then with each value of a
// catalogue of bad arguments in each argument position in turn, on
// COMM_WORLD, COMM_NULL and a freed Dup. Each call must throw a TypeError,
// RangeError or MPI.Exception naming the call, and leave the rank working.
//
// argv[2] picks the area: `p2p` (communicator queries, management and
// point-to-point), `coll` (collectives) or `other` (groups, datatypes, ops,
// statuses, requests, messages, topologies, the environment). Every rank makes
// the same calls in the same order, so a collective refused before MPI is
// refused on every rank. Arguments significant only at the root are fuzzed on
// COMM_SELF, where this rank is the root: on COMM_WORLD a root refusing its own
// buffer would leave the others inside MPI, as C would with a root that never calls.
//
// Rank 0 writes every rank's result (the calls made, the outcomes counted, the
// failures listed) as JSON to the file FUZZ_RESULT; test/fuzz.test.ts judges.
// Before each method a `fuzz: <method>` line names what runs, so a crash or
// the watchdog's report on a hang (MPI4JS_WATCHDOG) shows where.
import { appendFileSync, writeFileSync } from 'node:fs';

import * as path from 'node:path';

import { MPI, comm, program, rank, size } from './harness';
// --- mpi4js/util (issue 15)
import { pkl5, pool as utilPool, sync } from 'mpi4js/util';

// --- send modes and collectives (issue 12, WP3): what the addon's headers provide (src-native/implementation.h).
const { features } = (require(path.join(__dirname, '../../../dist/native.js')) as { native: { environment: { features: { mpi4: boolean } } } }).native.environment;

const area = process.argv[2] ?? 'p2p';
/** FUZZ_BREAK=<check> turns a check off, to see the test go red (test/fuzz.test.ts). */
const broken = process.env.FUZZ_BREAK ?? '';

// ---- the catalogue ------------------------------------------------------------------

/** A value to try; `edge` ones are valid input that must be handled (success allowed). */
interface Bad {
  label: string;
  make: () => unknown;
  edge?: boolean;
  /** Only tried where a buffer (`buf`) or a v-buffer (`bufv`) is expected. */
  only?: 'buf' | 'bufv';
}

function detached(): Float64Array {
  const a = new Float64Array(4);
  structuredClone(a.buffer, { transfer: [a.buffer] });
  return a;
}

function detachedBuffer(): ArrayBuffer {
  const b = new ArrayBuffer(16);
  structuredClone(b, { transfer: [b] });
  return b;
}

const ResizableArrayBuffer = ArrayBuffer as unknown as new (n: number, o: { maxByteLength: number }) => ArrayBuffer;

const CATALOGUE: Bad[] = [
  { label: 'NaN', make: () => Number.NaN },
  { label: 'Infinity', make: () => Infinity },
  { label: '-Infinity', make: () => -Infinity },
  { label: '-0', make: () => -0, edge: true }, // the integer 0
  { label: '1.5', make: () => 1.5 },
  { label: '-1', make: () => -1 },
  { label: '-3', make: () => -3 },
  { label: '2**31', make: () => 2 ** 31 },
  { label: '-(2**31)-1', make: () => -(2 ** 31) - 1 },
  { label: '2**53', make: () => 2 ** 53 },
  { label: "'1'", make: () => '1' },
  { label: 'true', make: () => true },
  { label: 'null', make: () => null },
  { label: 'undefined', make: () => undefined },
  { label: '1n', make: () => 1n },
  { label: 'Symbol', make: () => Symbol('fuzz') },
  { label: 'function', make: () => () => 1 },
  { label: '{bogus}', make: () => ({ bogus: 1 }) },
  { label: '[]', make: () => [] },
  { label: 'Date', make: () => new Date(0) },
  { label: 'MPI.COMM_NULL', make: () => MPI.COMM_NULL },
  { label: 'detached view', make: detached },
  { label: 'detached ArrayBuffer', make: detachedBuffer },
  { label: 'resizable view', make: () => new Int32Array(new ResizableArrayBuffer(8, { maxByteLength: 64 })), edge: true },
  { label: 'shared view', make: () => new Int32Array(new SharedArrayBuffer(8)), edge: true },
  { label: 'zero-length view', make: () => new Int32Array(0), edge: true },
  { label: 'offset view', make: () => new Int32Array(new ArrayBuffer(16), 4, 2), edge: true },
  // Malformed buffer specifications.
  { label: '[buf, 3] overrun', make: () => [new Int32Array(2), 3], only: 'buf' },
  { label: '[buf, -1]', make: () => [new Int32Array(2), -1], only: 'buf' },
  { label: '[buf, 1.5]', make: () => [new Int32Array(2), 1.5], only: 'buf' },
  { label: '[buf, NaN]', make: () => [new Int32Array(2), Number.NaN], only: 'buf' },
  { label: '[buf, 2**31]', make: () => [new Int32Array(2), 2 ** 31], only: 'buf' },
  { label: '[buf, [1, 2], i] displ overrun', make: () => [new Int32Array(2), [1, 2], 'i'], only: 'buf' },
  { label: '[buf, [1, -1], i]', make: () => [new Int32Array(2), [1, -1], 'i'], only: 'buf' },
  { label: '[buf, [1, 0.5], i]', make: () => [new Int32Array(2), [1, 0.5], 'i'], only: 'buf' },
  { label: '[buf, 1, 2**53, i]', make: () => [new Int32Array(2), 1, 2 ** 53, 'i'], only: 'buf' },
  { label: '[buf, 1, 1.5, i]', make: () => [new Int32Array(2), 1, 1.5, 'i'], only: 'buf' },
  { label: "[buf, 'zz']", make: () => [new Int32Array(2), 'zz'], only: 'buf' },
  { label: '[buf]', make: () => [new Int32Array(2)], only: 'buf' },
  { label: '[buf, 1, 0, i, 9]', make: () => [new Int32Array(2), 1, 0, 'i', 9], only: 'buf' },
  { label: '[buf, DATATYPE_NULL]', make: () => [new Int32Array(2), MPI.DATATYPE_NULL], only: 'buf' },
  { label: '[buf, 1, {}]', make: () => [new Int32Array(2), 1, {}], only: 'buf' },
  { label: '[detached, 1]', make: () => [detached(), 1], only: 'buf' },
  { label: "['text', 1]", make: () => ['text', 1], only: 'buf' },
  // Malformed v-specifications [buf, counts, displs, type] (4 ints at most per rank).
  { label: 'v: counts of wrong length', make: () => [new Int32Array(8), [1, 1, 1].slice(0, size + 1), null, 'i'], only: 'bufv' },
  { label: 'v: displs of wrong length', make: () => [new Int32Array(8), new Array(size).fill(1), [0], 'i'], only: 'bufv' },
  { label: 'v: counts overrun', make: () => [new Int32Array(8), new Array(size).fill(9), null, 'i'], only: 'bufv' },
  { label: 'v: displs overrun', make: () => [new Int32Array(8), new Array(size).fill(1), new Array(size).fill(8), 'i'], only: 'bufv' },
  { label: 'v: negative count', make: () => [new Int32Array(8), new Array(size).fill(-1), null, 'i'], only: 'bufv' },
  { label: 'v: negative displ', make: () => [new Int32Array(8), new Array(size).fill(1), new Array(size).fill(-1), 'i'], only: 'bufv' },
  { label: 'v: count 1.5', make: () => [new Int32Array(8), new Array(size).fill(1.5), null, 'i'], only: 'bufv' },
  { label: 'v: displ NaN', make: () => [new Int32Array(8), new Array(size).fill(1), new Array(size).fill(Number.NaN), 'i'], only: 'bufv' },
  { label: 'v: count 2**31', make: () => [new Int32Array(8), new Array(size).fill(2 ** 31), null, 'i'], only: 'bufv' },
  { label: 'v: displ 2**53', make: () => [new Int32Array(8), new Array(size).fill(1), new Array(size).fill(2 ** 53), 'i'], only: 'bufv' },
  { label: "v: counts 'x'", make: () => [new Int32Array(8), 'x', null, 'i'], only: 'bufv' },
  { label: 'v: [buf, [counts, displs] overrun, i]', make: () => [new Int32Array(8), [new Array(size).fill(4), new Array(size).fill(6)], 'i'], only: 'bufv' },
  { label: 'v: detached', make: () => [detached(), new Array(size).fill(1), null, 'd'], only: 'bufv' },
];

// ---- what each argument is, and the allow-table ---------------------------------------

/**
 * The kind of an argument: it decides which catalogue values are valid there.
 * buf/rbuf: a buffer spec to send/receive; bufv: a v-spec; obj: any JavaScript value;
 * the rest are what their names say.
 */
type Kind =
  | 'buf' | 'bufv' | 'obj' | 'dest' | 'source' | 'stag' | 'rtag' | 'root' | 'op' | 'status' | 'int' | 'key'
  | 'count' | 'comm' | 'group' | 'datatype' | 'ranks' | 'dims' | 'flags' | 'bool' | 'name' | 'fn' | 'requests'
  | 'statuses' | 'code' | 'any' | 'aint' | 'view' | 'list' | 'errhandler' | 'attrfn' | 'datarepfn'
  // --- topologies (issue 13)
  | 'periods' | 'weights'
  // --- info objects and communicator creation (issue 13): an MPI.Info; what Info.Create and update take
  | 'info' | 'items'
  // --- sessions (issue 13 part 1): an MPI.Session
  | 'session'
  // --- one-sided communication (issue 14): a TargetSpec
  | 'target'
  // --- parallel I/O (issue 14): File.Set_view's filetype and datarep, where null is mpi4py's None
  | 'filetype' | 'datarep'
  // --- mpi4js/util (issue 15): a counter's value, a trailing options object, a value whose null is the default,
  // a task, a task's argument array, an iterable, a timeout in milliseconds
  | 'element' | 'options' | 'nullable' | 'task' | 'args' | 'iterable' | 'timeout'
  // --- mpi4js/futures: shutdown's wait flag or options; map's last argument (another iterable, a string too, or its options)
  | 'waitOrOptions' | 'mapTail';

interface Param {
  kind: Kind;
  /** The valid baseline value (made afresh for each call). */
  v: () => unknown;
  /** Has a default: undefined is valid. */
  optional?: boolean;
  /** Significant only at the root: fuzzed on COMM_SELF (see the top of the file). */
  rootOnly?: boolean;
}

/** A negative catalogue number, which may be one of the library's special ranks or tags. */
function special(bad: Bad): number | undefined {
  return bad.label === '-1' || bad.label === '-3' ? (bad.make() as number) : undefined;
}

/**
 * The allow-table: values that are valid in a kind of position, so a call
 * that succeeds with them is not a silent success. Each entry says why.
 */
function allowed(p: Param, bad: Bad): string | undefined {
  const v = bad.label;
  if (bad.edge) return 'valid input (the integer 0, or a buffer MPI can use)';
  if (v === 'undefined' && p.optional) return 'undefined is the default';
  switch (p.kind) {
    case 'obj':
      // Any value the pickle serializes can be sent (mpi4py: any picklable object).
      if (v !== 'Symbol' && v !== 'function' && v !== '{bogus}') return 'a value to send';
      if (v === '{bogus}') return 'a plain object is a value to send';
      return undefined;
    case 'buf':
    case 'bufv':
      if (v === 'null' || v === 'undefined') return 'no buffer is an empty message (mpi4py: None)';
      if (v === 'detached ArrayBuffer') return undefined;
      return undefined;
    // The special ranks are the library's own values (MPI.PROC_NULL is -2 in Open MPI, -1 in MPICH).
    case 'dest':
      if (special(bad) === MPI.PROC_NULL) return 'MPI.PROC_NULL';
      return undefined;
    case 'source':
      if (special(bad) === MPI.ANY_SOURCE) return 'MPI.ANY_SOURCE';
      if (special(bad) === MPI.PROC_NULL) return 'MPI.PROC_NULL';
      return undefined;
    case 'rtag':
      if (special(bad) === MPI.ANY_TAG) return 'MPI.ANY_TAG';
      return undefined;
    case 'key':
      // Any C int is valid: a key only orders ranks, a shift or stride may be negative, a status field is any int.
      if (v === '-1' || v === '-3') return 'any int is valid here';
      return undefined;
    case 'aint':
      // A byte displacement, extent or MPI_Count: negatives and values past a C int are valid.
      if (v === '-1' || v === '-3' || v === '2**31' || v === '-(2**31)-1') return 'any MPI_Aint/MPI_Count is valid here';
      return undefined;
    case 'ranks':
    case 'requests':
      if (v === '[]') return 'an empty list is valid';
      return undefined;
    case 'statuses':
      if (v === '[]' || v === 'null') return 'no statuses (mpi4py: None), or a list the call fills';
      return undefined;
    case 'view':
      if (v === 'detached view') return 'a detached view still has its element type';
      return undefined;
    case 'list':
      // A datatype constructor's list: an empty one is no blocks (where its partner lists agree).
      if (v === '[]') return 'an empty list is valid (no blocks)';
      return undefined;
    case 'op':
      if (v === 'function') return 'a function is a user op (object reductions)';
      return undefined;
    case 'fn':
      if (v === 'function') return 'a function is a user op';
      return undefined;
    case 'bool':
      // mpi4py reads flags by truth value (bool(x)), as C reads an int.
      return 'a flag is read by its truth value';
    case 'name':
      if (v === "'1'") return 'a string is a name';
      return undefined;
    case 'flags':
      if (v === 'null') return 'no periodic dimension (mpi4py: None)';
      return undefined;
    // --- topologies (issue 13)
    case 'periods':
      if (v === 'null') return 'no periodic dimension (mpi4py: None)';
      if (v === 'true') return 'one boolean for every dimension (mpi4py)';
      return undefined;
    case 'weights':
      if (v === 'null') return 'no weights (mpi4py: None is MPI.UNWEIGHTED)';
      return undefined;
    case 'status':
      if (v === 'null') return 'no status (mpi4py: None)';
      return undefined;
    case 'any':
      return 'any value is valid here';
    // --- attributes and error handlers (issue 13 part 3b)
    case 'datarepfn':
      // Register_datarep's read_fn/write_fn: a function, or null/undefined (mpi4py: None, no conversion).
      if (v === 'function' || v === 'null' || v === 'undefined') return 'a function, null or undefined is valid here';
      return undefined;
    case 'attrfn':
      // Create_keyval's copy_fn/delete_fn: a function, true (copy as is), false or null (none).
      if (v === 'function' || v === 'true' || v === 'null') return 'a function, true or null is valid here';
      return undefined;
    // --- info objects and communicator creation (issue 13)
    case 'info':
      if (v === 'null' && p.optional) return 'no info (mpi4py: None)';
      return undefined;
    // --- sessions (issue 13 part 1)
    case 'errhandler':
      if (v === 'null' && p.optional) return 'no errhandler (mpi4py: None): MPI.ERRORS_RETURN';
      return undefined;
    // --- one-sided communication (issue 14): a TargetSpec (a displacement, or [disp, count, datatype])
    case 'target':
      if (v === 'null') return 'no target: displacement 0, the origin\'s count and datatype (mpi4py: None)';
      if (v === '[]') return 'an empty target: every item defaults';
      return undefined;
    case 'items':
      if (v === '[]') return 'no pairs';
      if (v === 'null' && p.optional) return 'no items (mpi4py: None)';
      return undefined;
    // --- parallel I/O (issue 14)
    case 'filetype':
      if (v === 'null') return 'no filetype (mpi4py: None, the etype)';
      return undefined;
    case 'datarep':
      if (v === 'null') return "no datarep (mpi4py: None, 'native')";
      if (v === "'1'") return 'a string is a datarep name (MPI refuses an unknown one)';
      return undefined;
    // --- mpi4js/util (issue 15)
    case 'element':
      if (v === '-1' || v === '-3' || v === '1n' || v === 'null') return "a counter's value: any int, a bigint, or null for the step";
      return undefined;
    case 'nullable':
      if (v === 'null') return 'null is the default (mpi4py: None)';
      return undefined;
    case 'task':
      if (v === "'1'") return "a string names a task's module (the workers load it)";
      if (v === 'null' && p.optional) return 'no initializer (mpi4py: None)';
      return undefined;
    case 'args':
      if (v === '[]' || v === 'null') return 'no arguments';
      return undefined;
    case 'iterable':
      if (v === '[]') return 'an empty iterable';
      return undefined;
    // --- mpi4js/futures
    case 'waitOrOptions':
      if (v === 'true') return 'shutdown(wait) as mpi4py takes it: a boolean';
      return undefined;
    case 'mapTail':
      if (v === '[]') return 'an empty iterable: map over no items';
      if (v === "'1'") return 'a string is an iterable of its characters (Python: map(fn, xs, \'1\'))';
      return undefined;
    case 'timeout':
      if (v === 'Infinity' || v === '2**31' || v === '2**53') return 'a long timeout is valid (Infinity: none)';
      if (v === '1.5') return 'a timeout in milliseconds may have a fraction';
      return undefined;
    default:
      return undefined;
  }
}

/**
 * Values that are valid but wait for a message that never comes, as they
 * would in C (a blocking receive or probe from MPI.ANY_SOURCE): not called.
 */
function blocks(method: string, p: Param, bad: Bad): boolean {
  const waits = /^(recv|Recv|probe|Probe|mprobe|Mprobe|sendrecv|Sendrecv|Sendrecv_replace|Isendrecv|Isendrecv_replace)$/.test(method);
  // -0 is rank 0, MPI.ANY_SOURCE (-1 in Open MPI), undefined the default MPI.ANY_SOURCE: nothing is sent to match.
  if (waits && p.kind === 'source' && (special(bad) === MPI.ANY_SOURCE || bad.label === '-0' || bad.label === 'undefined')) return true;
  // -0 is rank 0: a real message nobody receives (a synchronous send would wait for ever, as in C).
  return p.kind === 'dest' && bad.label === '-0';
}

// ---- outcomes -------------------------------------------------------------------------

type Outcome = 'threw-right' | 'threw-generic' | 'threw-wrong-class' | 'silent-success' | 'allowed-success' | 'not-called';
const counts: Record<Outcome, number> = {
  'threw-right': 0, 'threw-generic': 0, 'threw-wrong-class': 0, 'silent-success': 0, 'allowed-success': 0, 'not-called': 0,
};
const failures: string[] = [];
const generic: string[] = [];
let calls = 0;

/** Names a method may go by in its messages (the MPI call, a helper's name). */
const ALIASES: Record<string, string[]> = {
  Clone: ['Dup'],
  probe: ['Probe'],
  Split_type: ['Split'],
  Get_dim: ['Cart_get', 'Cartdim'],
  Get_topo: ['Cart_get'],
  Get_cart_rank: ['Cart_rank'],
  Get_coords: ['Cart_coords'],
  Shift: ['Cart_shift'],
  Sub: ['Cart_sub'],
  Get_topology: ['Topo_test'],
  Get_error_class: ['Error_class'],
  Get_error_string: ['Error_string'],
  // --- send modes and collectives (issue 12, WP3)
  Attach_buffer: ['Buffer_attach'],
  Detach_buffer: ['Buffer_detach'],
  // --- topologies (issue 13)
  Create_graph: ['Graph_create'],
  Create_dist_graph: ['Dist_graph_create'],
  Create_dist_graph_adjacent: ['Dist_graph_create_adjacent'],
  Get_neighbors: ['Graph_neighbors'],
  Get_neighbors_count: ['Graph_neighbors'],
  // --- sessions (issue 13 part 1): MPI's refusal of a process set it does not have names the MPI call
  Create_group: ['Group_from_session_pset'],
  Create_from_session_pset: ['Group_from_session_pset'],
};

function namesCall(method: string, message: string): boolean {
  if (broken === 'names') return false; // every message taken for a generic one
  const m = message.toLowerCase();
  return [method, ...(ALIASES[method] ?? [])].some((n) => m.includes(n.toLowerCase()));
}

function isRightClass(e: unknown): boolean {
  if (broken === 'class') return e instanceof TypeError;
  return e instanceof TypeError || e instanceof RangeError || e instanceof MPI.Exception;
}

/** Completes what a successful call returned, so nothing is left pending. */
/** Frees what a call returned; a request's error when its wait throws (a later stage's refusal). */
function settle(result: unknown): unknown {
  // --- mpi4js/util (issue 15): pkl5's requests complete as MPI's (their parts are MPI requests)
  if (result instanceof pkl5.Request) return result.requests.map(settle).find((e) => e !== undefined);
  if (result instanceof MPI.Request && result.active) {
    try {
      result.Cancel();
    } catch {
      // a collective's request: MPI forbids cancelling it; every rank waits for it below
    }
    try {
      result.Wait();
    } catch (e) {
      // a cancelled receive, or a failed stage: it is complete either way
      return e;
    }
  } else if (Array.isArray(result) && result.length === 2 && result[0] instanceof MPI.Comm && result[1] instanceof MPI.Request) {
    // Idup's [comm, request]: the request completes (every rank alike), then the communicator is freed.
    const e = settle(result[1]);
    settle(result[0]);
    return e;
  } else if (result instanceof MPI.Comm && result !== MPI.COMM_NULL && result !== MPI.COMM_WORLD && result !== MPI.COMM_SELF) {
    result.Free();
  } else if (result instanceof MPI.Session) {
    // --- sessions (issue 13 part 1): an Init that succeeded (its defaults)
    result.Finalize();
  } else if (result instanceof MPI.File && String(result) !== 'MPI.FILE_NULL') {
    result.Close(); // --- parallel I/O (issue 14): File.Open's successes
  } else if (result instanceof MPI.Group && result !== MPI.GROUP_EMPTY && result !== MPI.GROUP_NULL) {
    try {
      result.Free();
    } catch {
      // a predefined group
    }
  } else if (result instanceof MPI.Datatype && !PREDEFINED_TYPES.has(result)) {
    try {
      result.Free();
    } catch {
      // a predefined-like type (Match_size, f90): never freed
    }
  }
}

/** The buffer calls whose arguments are checked in a request's second stage (after an agreement of every rank). */
const TWO_STAGE = /^I(gatherv|scatterv|alltoallv)$|^Ineighbor_(allgatherv|alltoall[vw])$/;

const PREDEFINED_TYPES = new Set(Object.values(MPI).filter((x) => x instanceof MPI.Datatype));

/** FUZZ_TRACE=<path>: every call and its error to <path>.<rank>, written at once (to debug a hang or crash). */
function trace(line: string): void {
  if (process.env.FUZZ_TRACE) appendFileSync(`${process.env.FUZZ_TRACE}.${rank}`, `${line}\n`);
}

/** One call: runs it, classifies the outcome, records a failure. */
function attempt(what: string, method: string, f: () => unknown, mustThrow: boolean, allowReason?: string): void {
  calls++;
  trace(`call ${what}`);
  let result: unknown;
  try {
    result = f();
  } catch (e) {
    trace(`  threw ${(e as Error)?.message}`);
    if (!isRightClass(e)) {
      counts['threw-wrong-class']++;
      failures.push(`${what}: threw ${(e as Error)?.constructor?.name}: ${(e as Error)?.message ?? String(e)}`);
    } else if (!namesCall(method, (e as Error).message)) {
      counts['threw-generic']++;
      generic.push(`${what}: ${(e as Error).constructor.name}: ${(e as Error).message}`);
    } else counts['threw-right']++;
    return;
  }
  const later = settle(result);
  // Igatherv, Iscatterv, Ialltoallv agree on their counts first (every rank alike): the call's own
  // refusal then comes from the request's second stage, at its completion, as a right-class error.
  if (mustThrow && later instanceof Error && TWO_STAGE.test(method) && isRightClass(later) && namesCall(method, later.message)) {
    counts['threw-right']++;
    return;
  }
  if (!mustThrow || (allowReason !== undefined && broken !== 'allow')) {
    counts['allowed-success']++;
    return;
  }
  counts['silent-success']++;
  failures.push(`${what}: succeeded (returned ${describe(result)})`);
}

function describe(x: unknown): string {
  if (x === undefined || x === null) return String(x);
  if (typeof x === 'object') return (x as object).constructor?.name ?? 'object';
  return typeof x === 'symbol' ? 'symbol' : JSON.stringify(x) ?? typeof x;
}

// ---- the surface, from the objects ----------------------------------------------------

/** The methods (not accessors) a prototype defines itself. */
function methodsOf(proto: object): string[] {
  return Object.getOwnPropertyNames(proto).filter((n) => {
    if (n === 'constructor' || n.startsWith('_')) return false;
    const d = Object.getOwnPropertyDescriptor(proto, n);
    return d !== undefined && typeof d.value === 'function';
  });
}

/** A table row: the baseline arguments, or why the method is not fuzzed (never silent). */
type Row = Param[] | { skip: string };

const i32 = (n = 2) => () => new Int32Array(n).fill(1);
const P = {
  buf: (n = 2): Param => ({ kind: 'buf', v: i32(n) }),
  rootBuf: (n: number): Param => ({ kind: 'buf', v: i32(n), rootOnly: true }),
  inplaceOk: (n = 2): Param => ({ kind: 'buf', v: i32(n) }),
  bufv: (rootOnly = false): Param => ({ kind: 'bufv', v: () => [new Int32Array(size), new Array(size).fill(1), null, 'i'], rootOnly }),
  obj: (): Param => ({ kind: 'obj', v: () => 7 }),
  rootObj: (): Param => ({ kind: 'obj', v: () => new Array(size).fill(7), rootOnly: true }),
  dest: (): Param => ({ kind: 'dest', v: () => MPI.PROC_NULL }),
  source: (): Param => ({ kind: 'source', v: () => MPI.PROC_NULL, optional: true }),
  stag: (): Param => ({ kind: 'stag', v: () => 3, optional: true }),
  rtag: (): Param => ({ kind: 'rtag', v: () => 3, optional: true }),
  root: (): Param => ({ kind: 'root', v: () => 0, optional: true }),
  op: (): Param => ({ kind: 'op', v: () => MPI.SUM, optional: true }),
  status: (): Param => ({ kind: 'status', v: () => new MPI.Status(), optional: true }),
};

function commTable(): Record<string, Row> {
  return {
    Get_rank: [], Get_size: [], Get_group: [], Get_name: [], Is_inter: [], Is_intra: [], Get_topology: [],
    Set_name: [{ kind: 'name', v: () => 'fuzzed' }],
    Clone: [],
    // --- info objects and communicator creation (issue 13)
    Dup: [{ kind: 'info', v: () => undefined, optional: true }],
    Dup_with_info: [{ kind: 'info', v: () => MPI.INFO_NULL }],
    Idup: [{ kind: 'info', v: () => undefined, optional: true }],
    Idup_with_info: features.mpi4
      ? [{ kind: 'info', v: () => MPI.INFO_NULL }]
      : { skip: 'MPI-4.0: NotImplementedError for a valid info on this library (communicators-with-info.ts)' },
    Set_info: [{ kind: 'info', v: () => MPI.INFO_ENV }],
    Get_info: [],
    Create_group: [{ kind: 'group', v: () => MPI.COMM_WORLD.Get_group() }, { kind: 'stag', v: () => 0, optional: true }],
    same: { skip: 'private helper' }, copied: { skip: 'private helper' },
    Free: { skip: 'frees the communicator: called on COMM_NULL and the freed Dup only (below)' },
    Compare: [{ kind: 'comm', v: () => MPI.COMM_WORLD }],
    Abort: { skip: 'ends the job by design' },
    // TypeScript-private helpers: on the prototype, but not public.
    wrap: { skip: 'protected helper' }, live: { skip: 'protected helper' }, rankIn: { skip: 'protected helper' },
    sizeIn: { skip: 'protected helper' }, timedOut: { skip: 'private helper' }, waiting: { skip: 'private helper' },
    gatherArgs: { skip: 'private helper' }, scatterArgs: { skip: 'private helper' }, blocksArgs: { skip: 'private helper' },
    reduction: { skip: 'private helper' },
    groupSizeIn: { skip: 'protected helper' },
    // Needs two disjoint groups: fuzzed in fuzzIntercomm (area other), on two halves of COMM_WORLD.
    Create_intercomm: { skip: 'fuzzed by fuzzIntercomm on two groups' },
    sendAny: { skip: 'private: the general path of the sends' }, recvAny: { skip: 'private: the general path of Recv' },
    irecvAny: { skip: 'private: the general path of Irecv' }, bcastAny: { skip: 'private: the general path of Bcast' },
    reduceAny: { skip: 'private: the general path of Reduce' }, allreduceAny: { skip: 'private: the general path of Allreduce' },
    send: [P.obj(), P.dest(), P.stag()], ssend: [P.obj(), P.dest(), P.stag()],
    isend: [P.obj(), P.dest(), P.stag()], issend: [P.obj(), P.dest(), P.stag()],
    recv: [P.source(), P.rtag(), P.status()], irecv: [P.source(), P.rtag()],
    sendrecv: [P.obj(), P.dest(), P.stag(), P.source(), P.rtag(), P.status()],
    probe: [P.source(), P.rtag(), P.status()], iprobe: [P.source(), P.rtag(), P.status()],
    mprobe: [P.source(), P.rtag(), P.status()], improbe: [P.source(), P.rtag(), P.status()],
    Send: [P.buf(), P.dest(), P.stag()], Ssend: [P.buf(), P.dest(), P.stag()],
    Isend: [P.buf(), P.dest(), P.stag()], Issend: [P.buf(), P.dest(), P.stag()],
    Recv: [P.buf(), P.source(), P.rtag(), P.status()], Irecv: [P.buf(), P.source(), P.rtag()],
    Sendrecv: [P.buf(), P.dest(), P.stag(), P.buf(), P.source(), P.rtag(), P.status()],
    Probe: [P.source(), P.rtag(), P.status()], Iprobe: [P.source(), P.rtag(), P.status()],
    Mprobe: [P.source(), P.rtag(), P.status()], Improbe: [P.source(), P.rtag(), P.status()],
    // collectives
    barrier: [], Barrier: [], ibarrier: [], Ibarrier: [],
    // The value to broadcast matters at the root only: a root that cannot serialize it
    // raises there alone (as mpi4py's pickle does), so it is fuzzed on COMM_SELF.
    bcast: [P.rootObj(), P.root()], ibcast: [P.rootObj(), P.root()],
    scatter: [P.rootObj(), P.root()], iscatter: [P.rootObj(), P.root()],
    gather: [P.obj(), P.root()], igather: [P.obj(), P.root()],
    allgather: [P.obj()], iallgather: [P.obj()], alltoall: [{ kind: 'obj', v: () => new Array(size).fill(7) }],
    ialltoall: [{ kind: 'obj', v: () => new Array(size).fill(7) }],
    reduce: [P.obj(), P.op(), P.root()], ireduce: [P.obj(), P.op(), P.root()],
    allreduce: [P.obj(), P.op()], iallreduce: [P.obj(), P.op()], scan: [P.obj(), P.op()], exscan: [P.obj(), P.op()],
    Bcast: [P.buf(), P.root()], Ibcast: [P.buf(), P.root()],
    Scatter: [P.rootBuf(2 * size), P.buf(2), P.root()], Iscatter: [P.rootBuf(2 * size), P.buf(2), P.root()],
    Gather: [P.buf(2), P.rootBuf(2 * size), P.root()], Igather: [P.buf(2), P.rootBuf(2 * size), P.root()],
    Scatterv: [P.bufv(true), P.buf(1), P.root()], Gatherv: [P.buf(1), P.bufv(true), P.root()],
    Allgather: [P.buf(2), P.buf(2 * size)], Iallgather: [P.buf(2), P.buf(2 * size)],
    Allgatherv: [P.buf(1), P.bufv()], Alltoall: [P.buf(2 * size), P.buf(2 * size)],
    Ialltoall: [P.buf(2 * size), P.buf(2 * size)], Alltoallv: [P.bufv(), P.bufv()],
    Reduce: [P.buf(2), P.rootBuf(2), P.op(), P.root()], Ireduce: [P.buf(2), P.rootBuf(2), P.op(), P.root()],
    Allreduce: [P.buf(2), P.buf(2), P.op()], Iallreduce: [P.buf(2), P.buf(2), P.op()],
    Reduce_scatter_block: [P.buf(2 * size), P.buf(2), P.op()],
    Scan: [P.buf(2), P.buf(2), P.op()], Exscan: [P.buf(2), P.buf(2), P.op()],
    // Intracomm
    Split: [{ kind: 'int', v: () => 0, optional: true }, { kind: 'key', v: () => 0, optional: true }],
    Split_type: [{ kind: 'int', v: () => MPI.COMM_TYPE_SHARED }, { kind: 'key', v: () => 0, optional: true }, { kind: 'info', v: () => MPI.INFO_NULL, optional: true }],
    Create: [{ kind: 'group', v: () => MPI.COMM_WORLD.Get_group() }],
    Create_cart: [{ kind: 'dims', v: () => [size] }, { kind: 'periods', v: () => [false], optional: true }, { kind: 'bool', v: () => false, optional: true }],
    // --- topologies (issue 13): a ring, as a graph and as a distributed graph
    Create_graph: [{ kind: 'list', v: () => ringGraph().index }, { kind: 'list', v: () => ringGraph().edges }, { kind: 'bool', v: () => false, optional: true }],
    Graph_map: [{ kind: 'list', v: () => ringGraph().index }, { kind: 'list', v: () => ringGraph().edges }],
    Cart_map: [{ kind: 'dims', v: () => [size] }, { kind: 'periods', v: () => [false], optional: true }],
    Create_dist_graph_adjacent: [
      { kind: 'ranks', v: () => [(rank - 1 + size) % size] }, { kind: 'ranks', v: () => [(rank + 1) % size] },
      { kind: 'weights', v: () => [1], optional: true }, { kind: 'weights', v: () => [1], optional: true },
      { kind: 'info', v: () => null, optional: true }, { kind: 'bool', v: () => false, optional: true },
    ],
    Create_dist_graph: [
      { kind: 'ranks', v: () => [rank] }, { kind: 'list', v: () => [1] }, { kind: 'ranks', v: () => [(rank + 1) % size] },
      { kind: 'weights', v: () => [1], optional: true }, { kind: 'info', v: () => null, optional: true }, { kind: 'bool', v: () => false, optional: true },
    ],
    // --- persistent requests
    Send_init: [P.buf(), P.dest(), P.stag()], Bsend_init: [P.buf(), P.dest(), P.stag()],
    Ssend_init: [P.buf(), P.dest(), P.stag()], Rsend_init: [P.buf(), P.dest(), P.stag()],
    Recv_init: [P.buf(), P.source(), P.rtag()],
    sendInit: { skip: 'private: the general path of the *_init sends' },
    collectiveInit: { skip: 'private: the checks and flush of the persistent collectives' },
    release: { skip: 'private: the common path of Free and Disconnect' },
    predefinedOp: { skip: 'private: refuses a user op in a persistent collective' },
    reductionInit: { skip: 'private: the general path of Allreduce_init, Scan_init, Exscan_init' },
    ...persistentCollectives(),
    // --- send modes and collectives (issue 12, WP3)
    sendMode: { skip: 'private: the general path of Bsend, Rsend and their I-forms' },
    reduceScatterArgs: { skip: 'private helper' },
    reduceScatterBlockArgs: { skip: 'private helper' },
    bsend: [P.obj(), P.dest(), P.stag()], ibsend: [P.obj(), P.dest(), P.stag()],
    Bsend: [P.buf(), P.dest(), P.stag()], Rsend: [P.buf(), P.dest(), P.stag()],
    Ibsend: [P.buf(), P.dest(), P.stag()], Irsend: [P.buf(), P.dest(), P.stag()],
    Sendrecv_replace: [P.buf(), P.dest(), P.stag(), P.source(), P.rtag(), P.status()],
    ...(features.mpi4
      ? {
          Isendrecv: [P.buf(), P.dest(), P.stag(), P.buf(), P.source(), P.rtag()],
          Isendrecv_replace: [P.buf(), P.dest(), P.stag(), P.source(), P.rtag()],
        }
      : {
          Isendrecv: { skip: 'MPI-4.0: NotImplementedError before any argument is read (isendrecv-where-the-library-is-mpi-4.ts)' },
          Isendrecv_replace: { skip: 'MPI-4.0: NotImplementedError before any argument is read (isendrecv-where-the-library-is-mpi-4.ts)' },
        }),
    Attach_buffer: { skip: 'MPI-4.1: NotImplementedError on every call here (every-send-mode.ts)' },
    Detach_buffer: { skip: 'MPI-4.1: NotImplementedError on every call here (every-send-mode.ts)' },
    Flush_buffer: { skip: 'MPI-4.1: NotImplementedError on every call here (every-send-mode.ts)' },
    Iflush_buffer: { skip: 'MPI-4.1: NotImplementedError on every call here (every-send-mode.ts)' },
    Reduce_scatter: [P.buf(size), P.buf(1), recvcounts(), P.op()], Ireduce_scatter: [P.buf(size), P.buf(1), recvcounts(), P.op()],
    Ireduce_scatter_block: [P.buf(2 * size), P.buf(2), P.op()],
    Iscan: [P.buf(2), P.buf(2), P.op()], Iexscan: [P.buf(2), P.buf(2), P.op()],
    Igatherv: [P.buf(1), P.bufv(true), P.root()], Iscatterv: [P.bufv(true), P.buf(1), P.root()],
    Iallgatherv: [P.buf(1), P.bufv()], Ialltoallv: [P.bufv(), P.bufv()],
    Alltoallw: [bufw(), bufw()], Ialltoallw: [bufw(), bufw()],
    // --- attributes and error handlers (issue 13 part 3b)
    Set_attr: [fuzzKeyval(), { kind: 'any', v: () => ({ fuzz: 1 }) }],
    Get_attr: [fuzzKeyval()],
    Delete_attr: [fuzzKeyval()],
    Get_errhandler: [],
    Set_errhandler: [{ kind: 'errhandler', v: () => MPI.ERRORS_RETURN }],
    Call_errhandler: [{ kind: 'code', v: () => MPI.SUCCESS }],
    // --- dynamic processes (issue 15): a valid call starts processes or waits for a peer, so none is made here
    Disconnect: { skip: 'disconnects the communicator: called on COMM_NULL and the freed Dup only (below)' },
    Spawn: { skip: 'a valid call starts processes: every argument\'s refusal is checked in spawn-connect-and-names.ts' },
    Spawn_multiple: { skip: 'a valid call starts processes: every argument\'s refusal is checked in spawn-connect-and-names.ts' },
    Accept: { skip: 'a valid call waits for a Connect: every argument\'s refusal is checked in spawn-connect-and-names.ts' },
    Connect: { skip: 'a valid call needs a peer in Accept: every argument\'s refusal is checked in spawn-connect-and-names.ts' },
  };
}

// --- attributes and error handlers (issue 13 part 3b): one key for the attribute calls.
let keyval: number | undefined;
let errorcode: number | undefined;
function fuzzKeyval(): Param {
  return { kind: 'int', v: () => (keyval ??= MPI.Comm.Create_keyval()) };
}
let winKeyvalValue: number | undefined;
const winAttrfn = (): Param => ({ kind: 'attrfn', v: () => null, optional: true });
function winKeyval(): Param {
  return { kind: 'int', v: () => (winKeyvalValue ??= MPI.Win.Create_keyval()) };
}

/** The persistent collectives: MPI-4.0, fuzzed where the library has them (else NotImplementedError for any argument). */
function persistentCollectives(): Record<string, Row> {
  const rows: Record<string, Param[]> = {
    Barrier_init: [], Bcast_init: [P.buf(), P.root()],
    Scatter_init: [P.rootBuf(2 * size), P.buf(2), P.root()], Gather_init: [P.buf(2), P.rootBuf(2 * size), P.root()],
    Scatterv_init: [P.bufv(true), P.buf(1), P.root()], Gatherv_init: [P.buf(1), P.bufv(true), P.root()],
    Allgather_init: [P.buf(2), P.buf(2 * size)], Allgatherv_init: [P.buf(1), P.bufv()],
    Alltoall_init: [P.buf(2 * size), P.buf(2 * size)], Alltoallv_init: [P.bufv(), P.bufv()],
    Reduce_init: [P.buf(2), P.rootBuf(2), P.op(), P.root()], Allreduce_init: [P.buf(2), P.buf(2), P.op()],
    Reduce_scatter_block_init: [P.buf(2 * size), P.buf(2), P.op()],
    Reduce_scatter_init: [P.buf(size), P.buf(1), recvcounts(), P.op()], Alltoallw_init: [bufw(), bufw()],
    Scan_init: [P.buf(2), P.buf(2), P.op()], Exscan_init: [P.buf(2), P.buf(2), P.op()],
  };
  // Each takes hints last (mpi4py: info=INFO_NULL).
  for (const row of Object.values(rows)) row.push({ kind: 'info', v: () => MPI.INFO_NULL, optional: true });
  if (MPI.Get_version()[0] >= 4) return rows;
  const why = 'MPI-4.0: NotImplementedError whatever the arguments on this library (test/programs/persistent-collectives.ts)';
  return Object.fromEntries(Object.keys(rows).map((m) => [m, { skip: why }]));
}


// --- send modes and collectives (issue 12, WP3)
/** Reduce_scatter's recvcounts: one per rank, or null/undefined (gathered): 'flags' allows null. */
function recvcounts(): Param {
  return { kind: 'flags', v: () => new Array(size).fill(1), optional: true };
}
// --- topologies (issue 13)
/** A ring over the communicator as MPI_Graph_create takes it. */
function ringGraph(): { index: number[]; edges: number[] } {
  return { index: Array.from({ length: size }, (_, k) => 2 * (k + 1)), edges: Array.from({ length: size }, (_, k) => [(k - 1 + size) % size, (k + 1) % size]).flat() };
}
/** The neighbour collectives' sides on a graph of one process with two self-loops: two blocks each way. */
const N = {
  bufv: (): Param => ({ kind: 'bufv', v: () => [new Int32Array(2), [1, 1], null, 'i'] }),
  bufw: (): Param => ({ kind: 'buf', v: () => [new Int32Array(2), [1, 1], [0, 4], [MPI.INT, MPI.INT]] }),
};

/** An Alltoallw side: one INT from byte 4·i for rank i. */
function bufw(): Param {
  return { kind: 'buf', v: () => [new Int32Array(size), new Array(size).fill(1), Array.from({ length: size }, (_, i) => 4 * i), new Array(size).fill(MPI.INT)] };
}

const COLLECTIVE = /^i?(barrier|bcast|scatterv?|gatherv?|allgatherv?|alltoall[vw]?|reduce|allreduce|reduce_scatter(_block)?|scan|exscan)(_init)?$/i;
const MANAGEMENT = /^(Dup|Clone|Split|Split_type|Create|Create_cart|Free)$/;

// ---- driving -------------------------------------------------------------------------

function heading(what: string): void {
  process.stdout.write(`fuzz: rank ${rank} ${what}\n`);
}

/** Every bad value in every position of one method on one object. */
function fuzzPositions(label: string, method: string, target: () => object, params: Param[], selfOnly: boolean): void {
  const collective = COLLECTIVE.test(method);
  for (let i = 0; i < params.length; i++) {
    const p = params[i];
    for (const bad of CATALOGUE) {
      if (bad.only !== undefined && bad.only !== p.kind) continue;
      // In a collective, valid buffers of another size (edge values, null for an
      // empty message) make a count mismatch that MPI meets on some ranks only
      // (a zero-length receive truncates; a root waits for a block a sender of
      // nothing never sends), leaving the others waiting, in C as here: they and
      // root-only arguments run on COMM_SELF, where this rank is every party.
      const buffer = p.kind === 'buf' || p.kind === 'bufv';
      const onSelf = collective && (Boolean(p.rootOnly) || (buffer && allowed(p, bad) !== undefined));
      if (selfOnly !== onSelf) continue;
      const what = `${label}.${method} argument ${i} (${p.kind}) = ${bad.label}`;
      if (blocks(method, p, bad)) {
        counts['not-called']++;
        continue;
      }
      const args = params.map((q) => q.v());
      args[i] = bad.make();
      // The target afresh for each call: a Message that a call received is replaced.
      const t = target() as Record<string, (...a: unknown[]) => unknown>;
      attempt(what, method, () => t[method].apply(t, args), true, allowed(p, bad));
    }
  }
}

/** Calls with the baseline on a target where the call must fail (COMM_NULL, a freed Dup). */
function fuzzInvalidTarget(label: string, method: string, target: object, params: Param[], allow?: string): void {
  const fn = (target as Record<string, (...a: unknown[]) => unknown>)[method];
  if (typeof fn !== 'function') return; // COMM_NULL is a Comm: it has no Intracomm methods to call
  attempt(`${label}.${method}(baseline)`, method, () => fn.apply(target, params.map((q) => q.v())), true, allow);
}

/** What COMM_NULL and a freed communicator answer without error, and why. */
const NULL_ALLOWED: Record<string, string> = {
  // --- info objects and communicator creation (issue 13)
  Get_name: "COMM_NULL's name is 'MPI_COMM_NULL' (mpi4py 4); a freed communicator is COMM_NULL",
};

/** What the null object of a class (fuzzClass's invalid target) answers without error, and why. */
const CLASS_NULL_ALLOWED: Record<string, string> = {
  'File.Get_errhandler': "FILE_NULL's handler is the default of files (MPI_File_get_errhandler(MPI_FILE_NULL))",
  'File.Set_errhandler': "sets the default of files (the baseline sets MPI's own, ERRORS_RETURN)",
};

/** The barrier of a checkpoint, and a check that every rank made as many calls. */
function checkpoint(what: string): void {
  const all = comm.allgather(calls);
  if (all.some((c) => c !== calls)) failures.push(`after ${what}: ranks made different numbers of calls: ${all.join(', ')}`);
  comm.Barrier();
}

function fuzzComm(methodFilter: (m: string) => boolean): void {
  const table = commTable();
  const protos: [string, object][] = [['Comm', MPI.Comm.prototype], ['Intracomm', MPI.Intracomm.prototype]];
  for (const [cls, proto] of protos) {
    for (const method of methodsOf(proto)) {
      if (!methodFilter(method)) continue;
      const row = table[method];
      if (row === undefined) {
        failures.push(`${cls}.${method}: a public method without a row in the fuzz table (add its baseline arguments)`);
        continue;
      }
      heading(`${cls}.${method}`);
      if ('skip' in row) {
        if (method === 'Free' || method === 'Disconnect') {
          fuzzInvalidTarget('COMM_NULL', method, MPI.COMM_NULL, []);
          const d = comm.Dup();
          d.Free();
          fuzzInvalidTarget('freed Dup', method, d, []);
        }
        checkpoint(method);
        continue;
      }
      fuzzPositions(`COMM_WORLD`, method, () => MPI.COMM_WORLD, row, false);
      // Root-only arguments: on COMM_SELF this rank is the root.
      if (COLLECTIVE.test(method)) fuzzPositions('COMM_SELF', method, () => MPI.COMM_SELF, row, true);
      fuzzInvalidTarget('COMM_NULL', method, MPI.COMM_NULL, row, NULL_ALLOWED[method]);
      const d = comm.Dup();
      d.Free();
      fuzzInvalidTarget('freed Dup', method, d, row, NULL_ALLOWED[method]);
      checkpoint(method);
    }
  }
}

// ---- the other classes ------------------------------------------------------------------

/** One class's methods against a table; an instance (or the class, for statics) to call on. */
function fuzzClass(cls: string, proto: object, target: (method: string) => object, table: Record<string, Row>, invalid?: () => object): void {
  for (const method of methodsOf(proto)) {
    const row = table[method];
    if (row === undefined) {
      failures.push(`${cls}.${method}: a public method without a row in the fuzz table (add its baseline arguments)`);
      continue;
    }
    heading(`${cls}.${method}`);
    if ('skip' in row) continue;
    fuzzPositions(cls, method, () => target(method), row, false);
    if (invalid) fuzzInvalidTarget(`${cls} (null or freed)`, method, invalid(), row, CLASS_NULL_ALLOWED[`${cls}.${method}`]);
    checkpoint(`${cls}.${method}`);
  }
}

function fuzzOther(): void {
  const group = (): Param => ({ kind: 'group', v: () => MPI.COMM_WORLD.Get_group() });
  const ranks = (): Param => ({ kind: 'ranks', v: () => [0] });
  fuzzClass('Group', MPI.Group.prototype, () => MPI.COMM_WORLD.Get_group(), {
    Get_size: [], Get_rank: [], Incl: [ranks()], Excl: [ranks()], Translate_ranks: [ranks(), group()], Compare: [group()],
    Free: { skip: 'frees: fuzzed as the call on MPI.GROUP_NULL below' },
    live: { skip: 'private' },
  }, () => MPI.GROUP_NULL);
  fuzzClass('Group (static)', MPI.Group, () => MPI.Group, {
    Union: [group(), group()], Intersection: [group(), group()], Difference: [group(), group()],
    // --- sessions (issue 13 part 1)
    Create_from_session_pset: sessionRows({ Create_from_session_pset: [{ kind: 'session', v: fuzzSession }, { kind: 'name', v: () => 'mpi://SELF' }] }).Create_from_session_pset,
  });
  const count = (): Param => ({ kind: 'count', v: () => 2 });
  const list = (...xs: unknown[]): Param => ({ kind: 'list', v: () => xs });
  const order = (): Param => ({ kind: 'int', v: () => MPI.ORDER_C, optional: true });
  fuzzClass('Datatype', MPI.Datatype.prototype, () => MPI.INT, {
    Get_size: [], Get_extent: [], Get_true_extent: [],
    Get_name: [],
    // Renames MPI.INT for the rest of this program only (MPI keeps names per process).
    Set_name: [{ kind: 'name', v: () => 'fuzzed' }],
    Dup: [], Create_dup: [],
    // A count up to 2**53-1 (beyond INT_MAX, emulated): 2**31 is valid here.
    Create_contiguous: [{ kind: 'aint', v: () => 2 }],
    Create_vector: [count(), count(), { kind: 'key', v: () => 3 }],
    Create_hvector: [count(), count(), { kind: 'aint', v: () => 16 }],
    Create_indexed: [list(1), list(0)],
    Create_hindexed: [list(1), list(0)],
    Create_indexed_block: [count(), list(0)],
    Create_hindexed_block: [count(), list(0)],
    Create_subarray: [list(4), list(2), list(1), order()],
    Create_darray: [
      { kind: 'int', v: () => 1 }, { kind: 'int', v: () => 0 }, list(4), list(MPI.DISTRIBUTE_BLOCK),
      list(MPI.DISTRIBUTE_DFLT_DARG), list(1), order(),
    ],
    Create_resized: [{ kind: 'aint', v: () => 0 }, { kind: 'aint', v: () => 8 }],
    Commit: { skip: 'no arguments; committing a predefined type is valid' },
    Free: { skip: 'no arguments: fuzzed as the call on MPI.DATATYPE_NULL below' },
    toString: { skip: 'no arguments, no MPI' },
    live: { skip: '@internal' }, measured: { skip: 'private' },
    // --- Pack, contents and decode
    Pack: [{ kind: 'view', v: i32(2) }, { kind: 'view', v: () => new Uint8Array(16) }, { kind: 'count', v: () => 0 }, { kind: 'comm', v: () => comm }],
    Unpack: [{ kind: 'view', v: () => new Uint8Array(16) }, { kind: 'count', v: () => 0 }, { kind: 'view', v: i32(2) }, { kind: 'comm', v: () => comm }],
    Pack_size: [count(), { kind: 'comm', v: () => comm }],
    Pack_external: [{ kind: 'name', v: () => 'external32' }, { kind: 'view', v: i32(2) }, { kind: 'view', v: () => new Uint8Array(16) }, { kind: 'count', v: () => 0 }],
    Unpack_external: [{ kind: 'name', v: () => 'external32' }, { kind: 'view', v: () => new Uint8Array(16) }, { kind: 'count', v: () => 0 }, { kind: 'view', v: i32(2) }],
    Pack_external_size: [{ kind: 'name', v: () => 'external32' }, count()],
    Get_envelope: [], Get_contents: [], decode: [],
  }, () => MPI.DATATYPE_NULL);
  // A negative precision or range is MPI_UNDEFINED's kind of value (no requirement): any int may be valid.
  const digits = (): Param => ({ kind: 'key', v: () => 6 });
  fuzzClass('Datatype (static)', MPI.Datatype, () => MPI.Datatype, {
    Create_struct: [list(1), list(0), list(MPI.INT)],
    Match_size: [{ kind: 'int', v: () => MPI.TYPECLASS_INTEGER }, { kind: 'int', v: () => 4 }],
    Create_f90_integer: [digits()], Create_f90_real: [digits(), digits()], Create_f90_complex: [digits(), digits()],
  });
  fuzzClass('Op', MPI.Op.prototype, () => MPI.SUM, {
    combine: { skip: 'applies the op to JavaScript values (no MPI); its operand checks are the ops\' own' },
    Is_commutative: [], Free: [], toString: { skip: 'no arguments, no MPI' },
    combineIn: { skip: '@internal: combine for a named reduction (its operand checks are the ops\' own)' },
    // --- user ops on buffers
    Reduce_local: [P.buf(2), P.buf(2)],
    nativeHandle: { skip: '@internal: the addon\'s op of a buffer reduction' },
  });
  fuzzClass('Op (static)', MPI.Op, () => MPI.Op, {
    Create: [{ kind: 'fn', v: () => (a: number, b: number) => a + b }, { kind: 'bool', v: () => true, optional: true }],
  });
  const st = (): Param => ({ kind: 'key', v: () => 1 });
  fuzzClass('Status', MPI.Status.prototype, () => new MPI.Status(), {
    Get_source: [], Get_tag: [], Get_error: [], Is_cancelled: [],
    Set_source: [st()], Set_tag: [st()], Set_error: [st()],
    Get_count: [{ kind: 'datatype', v: () => MPI.INT, optional: true }],
    Get_elements: [{ kind: 'datatype', v: () => MPI.INT }],
    Set_elements: [{ kind: 'datatype', v: () => MPI.INT }, { kind: 'aint', v: () => 2 }],
    Set_cancelled: [{ kind: 'bool', v: () => true }],
  });
  const reqs = (): Param => ({ kind: 'requests', v: () => [new MPI.Request()] });
  const stats = (): Param => ({ kind: 'statuses', v: () => [new MPI.Status()], optional: true });
  fuzzClass('Request', MPI.Request.prototype, () => comm.Isend(new Int32Array(1), MPI.PROC_NULL), {
    wait: [P.status()], Wait: [P.status()], test: [P.status()], Test: [P.status()],
    cancel: [], Cancel: [], Free: [],
    then: { skip: 'a thenable\'s protocol: takes callbacks, as every Promise' },
    toPromise: [],
    adopted: { skip: 'internal: hands the request to the finalization registry at the end of its turn' },
    // TypeScript-private helpers and @internal methods: on the prototype, but not public.
    step: { skip: 'private' }, result: { skip: 'private' }, refuse: { skip: 'private' }, promised: { skip: 'private' },
    finish: { skip: 'private' }, completedByEngine: { skip: '@internal' }, cancelWith: { skip: '@internal' },
    bound: { skip: '@internal' }, advance: { skip: '@internal' }, abandon: { skip: '@internal' },
    track: { skip: 'private' }, watch: { skip: 'private' }, awaitedByCaller: { skip: 'private' }, late: { skip: 'private' },
    holding: { skip: '@internal' }, unhold: { skip: '@internal' }, release: { skip: '@internal' },
    watchStage: { skip: '@internal' }, stepIfDone: { skip: '@internal' }, advanceBy: { skip: '@internal' }, blocker: { skip: '@internal' },
    // --- persistent and generalized requests, Get_status
    Get_status: [P.status()], get_status: [P.status()],
    restart: { skip: '@internal: a persistent request\'s next round' }, failure: { skip: 'protected' },
  });
  fuzzClass('Request (static)', MPI.Request, () => MPI.Request, {
    waitall: [reqs(), stats()], waitany: [reqs(), P.status()], waitsome: [reqs(), stats()], testsome: [reqs(), stats()],
    testall: [reqs(), stats()], testany: [reqs(), P.status()], Waitall: [reqs(), stats()], Waitany: [reqs(), P.status()],
    Testall: [reqs(), stats()], Waitsome: [reqs(), stats()], Testsome: [reqs(), stats()], Testany: [reqs(), P.status()],
    Get_status_any: [reqs(), P.status()], Get_status_all: [reqs(), stats()], Get_status_some: [reqs(), stats()],
    get_status_any: [reqs(), P.status()], get_status_all: [reqs(), stats()], get_status_some: [reqs(), stats()],
  });
  const persistent = () => comm.Send_init(new Int32Array(1), MPI.PROC_NULL);
  fuzzClass('Prequest', MPI.Prequest.prototype, persistent, {
    Start: [],
    Free: { skip: 'no arguments; freeing a null request does nothing, as Request.Free' },
    startable: { skip: 'private' },
  }, () => new MPI.Prequest());
  fuzzClass('Prequest (static)', MPI.Prequest, () => MPI.Prequest, {
    Startall: [{ kind: 'requests', v: () => [persistent()] }],
  });
  fuzzClass('Grequest', MPI.Grequest.prototype, () => MPI.Grequest.Start(), {
    Complete: [], complete: [{ kind: 'any', v: () => 1, optional: true }], cancel: [],
    failure: { skip: 'protected' },
  });
  fuzzClass('Grequest (static)', MPI.Grequest, () => MPI.Grequest, {
    // Its request completes only through its owner's Complete: settle() would wait forever.
    Start: { skip: 'returns a request only its owner completes (settle would wait forever); argument errors: test/programs/generalized-requests.ts' },
  });
  // A Message that stays pending: a refused receive leaves it (lib/message.ts).
  const mcomm = comm.Dup();
  let pending: InstanceType<typeof MPI.Message> | undefined;
  let pendingObject: InstanceType<typeof MPI.Message> | undefined;
  // recv/irecv take an object message, Recv/Irecv a buffer one.
  const message = (method: string) => {
    if (/^[a-z]/.test(method)) {
      if (!pendingObject?.active) {
        mcomm.send({ fuzz: 1 }, rank, 8);
        pendingObject = mcomm.mprobe(rank, 8);
      }
      return pendingObject;
    }
    if (!pending?.active) {
      mcomm.Send(new Int32Array(2), rank, 9);
      pending = mcomm.Mprobe(rank, 9);
    }
    return pending;
  };
  fuzzClass('Message', MPI.Message.prototype, message, {
    recv: [P.status()], irecv: [], Recv: [P.buf(), P.status()], Irecv: [P.buf()],
    take: { skip: 'private' },
  });
  if (pending?.active) pending.Recv(new Int32Array(2));
  if (pendingObject?.active) pendingObject.recv();
  mcomm.Free();
  fuzzClass('Message (static)', MPI.Message, () => MPI.Message, {
    probeOn: { skip: 'internal (@internal): the probes of Comm reach it' },
  });
  // --- info objects (issue 13): a fresh Info holding 'a' for each call; INFO_NULL's answers are info-objects.ts's.
  const ikey = (): Param => ({ kind: 'name', v: () => 'a' });
  fuzzClass('Info', MPI.Info.prototype, () => MPI.Info.Create({ a: '1' }), {
    Get: [ikey()], Set: [ikey(), ikey()], Delete: [ikey()], Get_nkeys: [], Get_nthkey: [{ kind: 'int', v: () => 0 }], Dup: [],
    Free: { skip: 'frees: its refusals (INFO_NULL, INFO_ENV) are info-objects.ts\'s' },
    keys: [], values: [], items: [], has: [ikey()], get: [ikey(), { kind: 'any', v: () => 'd', optional: true }],
    set: [ikey(), ikey()], delete: [ikey()], update: [{ kind: 'items', v: () => ({ b: '2' }), optional: true }],
    pop: [ikey()], popitem: [], copy: [], clear: [], toString: { skip: 'no arguments, no MPI' },
    live: { skip: '@internal' },
  });
  fuzzClass('Info (static)', MPI.Info, () => MPI.Info, {
    Create: [{ kind: 'items', v: () => ({ a: '1' }), optional: true }],
  });
  // --- parallel I/O (issue 14): a file of this rank alone (COMM_SELF), so whatever MPI refuses it refuses on
  // every process of the file; unlinked at once (it lives while open), so nothing is left in the temp folder.
  const fpath = path.join(require('node:os').tmpdir(), `mpi4js-fuzz-${process.pid}-${rank}`);
  const file = MPI.File.Open(MPI.COMM_SELF, fpath, MPI.MODE_CREATE | MPI.MODE_RDWR);
  require('node:fs').unlinkSync(fpath);
  file.Write_at(0, new Uint8Array(64));
  const off = (): Param => ({ kind: 'aint', v: () => 0 });
  const fbuf = (): Param => ({ kind: 'buf', v: i32(2) });
  const fst = (): Param => ({ kind: 'status', v: () => new MPI.Status(), optional: true });
  const whence = (): Param => ({ kind: 'int', v: () => MPI.SEEK_SET, optional: true });
  const split = { skip: 'a begun split collective holds its buffer until its own end: the refusals (no begin, another kind, another buffer, a second begin, Close while begun) are file-bad-input-is-a-clear-error.ts\'s' };
  fuzzClass('File', MPI.File.prototype, () => file, {
    Close: { skip: 'closes: fuzzed as the calls on FILE_NULL below, and file-bad-input-is-a-clear-error.ts' },
    // A sparse file: sizes past a C int are valid (2**31 bytes are not written).
    Set_size: [{ kind: 'aint', v: () => 64 }],
    Preallocate: { skip: 'a valid size past a C int (2**31) would take 2 GiB of disk: file-bad-input-is-a-clear-error.ts checks its input' },
    Get_size: [], Get_amode: [], Get_group: [], Get_info: [], Sync: [], Get_view: [], Get_position: [], Get_position_shared: [], Get_atomicity: [],
    Set_info: [{ kind: 'info', v: () => MPI.Info.Create({ a: '1' }) }],
    Set_view: [{ kind: 'aint', v: () => 0, optional: true }, { kind: 'datatype', v: () => MPI.BYTE, optional: true }, { kind: 'filetype', v: () => MPI.BYTE, optional: true }, { kind: 'datarep', v: () => 'native', optional: true }, { kind: 'info', v: () => MPI.INFO_NULL, optional: true }],
    Get_type_extent: [{ kind: 'datatype', v: () => MPI.INT }],
    Seek: [off(), whence()], Seek_shared: [off(), whence()], Get_byte_offset: [off()],
    Set_atomicity: [{ kind: 'bool', v: () => false }],
    Read: [fbuf(), fst()], Read_all: [fbuf(), fst()], Read_shared: [fbuf(), fst()], Read_ordered: [fbuf(), fst()],
    Write: [fbuf(), fst()], Write_all: [fbuf(), fst()], Write_shared: [fbuf(), fst()], Write_ordered: [fbuf(), fst()],
    Read_at: [off(), fbuf(), fst()], Read_at_all: [off(), fbuf(), fst()], Write_at: [off(), fbuf(), fst()], Write_at_all: [off(), fbuf(), fst()],
    Iread: [fbuf()], Iread_all: [fbuf()], Iread_shared: [fbuf()], Iwrite: [fbuf()], Iwrite_all: [fbuf()], Iwrite_shared: [fbuf()],
    Iread_at: [off(), fbuf()], Iread_at_all: [off(), fbuf()], Iwrite_at: [off(), fbuf()], Iwrite_at_all: [off(), fbuf()],
    Read_all_begin: split, Read_all_end: split, Read_at_all_begin: split, Read_at_all_end: split, Read_ordered_begin: split, Read_ordered_end: split,
    Write_all_begin: split, Write_all_end: split, Write_at_all_begin: split, Write_at_all_end: split, Write_ordered_begin: split, Write_ordered_end: split,
    Get_errhandler: [], Set_errhandler: [{ kind: 'errhandler', v: () => MPI.ERRORS_RETURN }], Call_errhandler: [{ kind: 'code', v: () => MPI.ERR_OTHER }],
    toString: { skip: 'no arguments, no MPI' },
    live: { skip: 'private' }, individual: { skip: 'private' }, access: { skip: 'private' }, accessAt: { skip: 'private' }, start: { skip: 'private' }, begin: { skip: 'private' }, end: { skip: 'private' },
  }, () => MPI.FILE_NULL);
  file.Close();
  fuzzClass('File (static)', MPI.File, () => MPI.File, {
    // A file of this rank alone; each success is closed by settle.
    Open: [{ kind: 'comm', v: () => MPI.COMM_SELF }, { kind: 'name', v: () => `${fpath}-open` }, { kind: 'int', v: () => MPI.MODE_CREATE | MPI.MODE_RDWR | MPI.MODE_DELETE_ON_CLOSE, optional: true }, { kind: 'info', v: () => MPI.INFO_NULL, optional: true }],
    // A file that does not exist: ERR_NO_SUCH_FILE for the baseline, the bad values refused before MPI.
    Delete: [{ kind: 'name', v: () => `${fpath}-missing` }, { kind: 'info', v: () => MPI.INFO_NULL, optional: true }],
    // --- error handlers of files (issue 13/14 leftovers): each success takes one of the 32 file handlers a process may make
    Create_errhandler: [{ kind: 'fn', v: () => () => undefined }],
  });
  // Topologies.
  const cart = comm.Create_cart([size], [true]) as InstanceType<typeof MPI.Cartcomm>;
  fuzzClass('Cartcomm', MPI.Cartcomm.prototype, () => cart, {
    Get_dim: [], Get_topo: [],
    Get_cart_rank: [{ kind: 'dims', v: () => [0] }],
    Get_coords: [{ kind: 'int', v: () => 0 }],
    Shift: [{ kind: 'int', v: () => 0 }, { kind: 'key', v: () => 1 }],
    Sub: [{ kind: 'flags', v: () => [true] }],
    wrap: { skip: 'internal (protected)' },
  });
  cart.Free();
  // --- one-sided communication (issue 14): windows over COMM_SELF (rank 0 is this process); the
  // operations inside a Lock_all epoch, the synchronizations on a window of their own.
  fuzzWindows();
  // --- mpi4js/util (issue 15)
  fuzzUtil();
  fuzzFutures();
  // --- attributes and error handlers (issue 13 part 3b)
  const attrfn = (): Param => ({ kind: 'attrfn', v: () => null, optional: true });
  fuzzClass('Comm (static)', MPI.Comm, () => MPI.Comm, {
    Create_keyval: [attrfn(), attrfn(), { kind: 'bool', v: () => false, optional: true }],
    Free_keyval: [{ kind: 'int', v: () => MPI.Comm.Create_keyval() }],
    // Each success takes one of the 32 handlers a process may make (mpi4py alike): only 'function' succeeds here.
    Create_errhandler: [{ kind: 'fn', v: () => () => undefined }],
    // --- dynamic processes (issue 15)
    Get_parent: [],
    Join: { skip: 'a valid call blocks on a connected socket: its fd checks are join-over-a-socket.ts\'s' },
  });
  fuzzClass('Errhandler', MPI.Errhandler.prototype, () => MPI.ERRORS_RETURN, {
    Free: { skip: 'no arguments: fuzzed as the call on MPI.ERRHANDLER_NULL below' },
    toString: { skip: 'no arguments, no MPI' },
  }, () => MPI.ERRHANDLER_NULL);
  // --- topologies (issue 13): the neighbour collectives on a graph of this process alone with two
  // self-loops (two blocks each way, no peer to wait for), the queries on a ring over comm.
  const loops = MPI.COMM_SELF.Create_graph([2], [0, 0]) as InstanceType<typeof MPI.Graphcomm>;
  const freedTopo = () => {
    const d = loops.Dup();
    d.Free();
    return d;
  };
  fuzzClass('Topocomm', MPI.Topocomm.prototype, () => loops, {
    Neighbor_allgather: [P.buf(2), P.buf(4)], Ineighbor_allgather: [P.buf(2), P.buf(4)],
    Neighbor_allgatherv: [P.buf(1), N.bufv()], Ineighbor_allgatherv: [P.buf(1), N.bufv()],
    Neighbor_alltoall: [P.buf(4), P.buf(4)], Ineighbor_alltoall: [P.buf(4), P.buf(4)],
    Neighbor_alltoallv: [N.bufv(), N.bufv()], Ineighbor_alltoallv: [N.bufv(), N.bufv()],
    Neighbor_alltoallw: [N.bufw(), N.bufw()], Ineighbor_alltoallw: [N.bufw(), N.bufw()],
    neighbor_allgather: [P.obj()], neighbor_alltoall: [{ kind: 'obj', v: () => [7, 7] }],
    neighborBlocks: { skip: 'private helper' }, alltoallvSides: { skip: 'private helper' }, alltoallwSides: { skip: 'private helper' },
    wrap: { skip: 'internal (protected)' },
  }, freedTopo);
  const ring = ringGraph();
  const graph = comm.Create_graph(ring.index, ring.edges) as InstanceType<typeof MPI.Graphcomm>;
  fuzzClass('Graphcomm', MPI.Graphcomm.prototype, () => graph, {
    Get_dims: [], Get_topo: [],
    Get_neighbors_count: [{ kind: 'int', v: () => 0 }], Get_neighbors: [{ kind: 'int', v: () => 0 }],
    node: { skip: 'private helper' },
  }, freedTopo);
  graph.Free();
  const dist = comm.Create_dist_graph_adjacent([(rank - 1 + size) % size], [(rank + 1) % size], [1], [1]);
  fuzzClass('Distgraphcomm', MPI.Distgraphcomm.prototype, () => dist, {
    Get_dist_neighbors_count: [], Get_dist_neighbors: [],
  }, () => {
    const d = dist.Dup();
    d.Free();
    return d;
  });
  dist.Free();
  loops.Free();
  // --- sessions (issue 13 part 1)
  fuzzSessions();
  // The functions of the MPI namespace.
  const table: Record<string, Row> = {
    Init: { skip: 'MPI is initialised by loading mpi4js' },
    Init_thread: { skip: 'MPI is initialised by loading mpi4js' },
    Finalize: { skip: 'ends MPI for the rest of the program (test/programs/calls-after-finalize-are-refused.ts)' },
    Is_initialized: [], Is_finalized: [], Query_thread: [], Is_thread_main: [], Wtime: [], Wtick: [],
    Get_processor_name: [], Get_version: [], Get_library_version: [], get_vendor: [],
    Compute_dims: [{ kind: 'int', v: () => 4 }, { kind: 'dims', v: () => [0, 0] }],
    Get_error_class: [{ kind: 'code', v: () => MPI.ERR_COMM }],
    Get_error_string: [{ kind: 'code', v: () => MPI.ERR_COMM }],
    pickle: { skip: 'an object (the codec in use), not a function' },
    // The one exported helper of the datatype module (its lookups and the op module's helpers are internal, not on MPI).
    toDatatype: [{ kind: 'datatype', v: () => 'i' }],
    // --- Pack, contents and decode
    Get_address: [{ kind: 'view', v: i32(2) }],
    Aint_add: [{ kind: 'aint', v: () => 8 }, { kind: 'aint', v: () => 8 }],
    Aint_diff: [{ kind: 'aint', v: () => 8 }, { kind: 'aint', v: () => 8 }],
    // --- send modes and collectives (issue 12, WP3)
    Attach_buffer: { skip: 'attaches process-wide: a success would stay attached for the rest of the fuzz (every-send-mode.ts checks its input)' },
    Detach_buffer: { skip: 'no arguments; detaches process-wide (every-send-mode.ts)' },
    Flush_buffer: { skip: 'MPI-4.1: NotImplementedError on every call here (every-send-mode.ts)' },
    Iflush_buffer: { skip: 'MPI-4.1: NotImplementedError on every call here (every-send-mode.ts)' },
    // --- attributes and error handlers (issue 13 part 3b)
    Add_error_class: [],
    Add_error_code: [{ kind: 'code', v: () => MPI.ERR_OTHER }],
    Add_error_string: [{ kind: 'code', v: () => (errorcode ??= MPI.Add_error_code(MPI.ERR_OTHER)) }, { kind: 'name', v: () => 'fuzzed' }],
    // --- dynamic processes (issue 15): a fresh port for each call that closes or publishes one
    Open_port: [{ kind: 'info', v: () => MPI.INFO_NULL, optional: true }],
    ...(portsOpen() ? {
      Close_port: [{ kind: 'name', v: () => MPI.Open_port() }],
      Publish_name: [{ kind: 'name', v: () => `mpi4js-fuzz-${rank}` }, { kind: 'name', v: () => MPI.Open_port() }, { kind: 'info', v: () => MPI.INFO_NULL, optional: true }],
      Unpublish_name: [{ kind: 'name', v: () => `mpi4js-fuzz-${rank}` }, { kind: 'name', v: () => MPI.Open_port() }, { kind: 'info', v: () => MPI.INFO_NULL, optional: true }],
    } as Record<string, Row> : Object.fromEntries(['Close_port', 'Publish_name', 'Unpublish_name'].map((m) => [m, { skip: NO_PORTS }]))),
    Lookup_name: [{ kind: 'name', v: () => `mpi4js-fuzz-none-${rank}` }, { kind: 'info', v: () => MPI.INFO_NULL, optional: true }],
    // --- data representations (issue 14 leftovers): a new name each call (a name registers once); ompio supports none
    Register_datarep: process.env.MPI4JS_TEST_MPI === 'MPICH'
      ? [{ kind: 'name', v: () => `mpi4js-fuzz-${process.pid}-${datareps++}` }, { kind: 'datarepfn', v: () => null }, { kind: 'datarepfn', v: () => null }, { kind: 'fn', v: () => () => 4 }]
      : { skip: "NotImplementedError on Open MPI 4.1 (ompio has no user data representations): file-register-datarep.ts checks its input" },
  };
  // The library's own helpers are not on the namespace (lib/mpi.ts lists the public names).
  for (const internal of ['typedArrayDatatype', 'inferDatatype', 'datatypeOfKind', 'isOpLike', 'toCombine', 'typedDatatype', 'reducedDatatype', 'message']) {
    if (internal in MPI) failures.push(`MPI.${internal}: an internal helper on the public namespace`);
  }
  // Functions, not classes (whose methods are fuzzed above).
  const fns = Object.entries(MPI).filter(([, x]) => typeof x === 'function' && !/^class\b/.test(Function.prototype.toString.call(x)));
  const ns = Object.fromEntries(fns);
  fuzzClass('MPI', ns, () => ns, table);
}

/** Why the rows that need a port are skipped where the library opens none. */
const NO_PORTS = 'this library opens no port here (MPICH 4.0.2 without a name server: MPI_Open_port is MPI_ERR_OTHER, itself fuzzed); spawn-connect-and-names.ts checks them where ports open';

/** Whether MPI_Open_port works here, on every rank alike (the rows it decides must match across ranks). */
function portsOpen(): boolean {
  let ok = 1;
  try {
    MPI.Close_port(MPI.Open_port());
  } catch {
    ok = 0;
  }
  return comm.allreduce(ok, MPI.MIN) === 1;
}

// ---- sessions (issue 13 part 1) -------------------------------------------------------------

/** The session the rows call on (MPI-4 only), made at its first use and ended after the section. */
let session: InstanceType<typeof MPI.Session> | undefined;
/** Names given to Register_datarep so far (each registers once). */
let datareps = 0;
function fuzzSession(): InstanceType<typeof MPI.Session> {
  return (session ??= MPI.Session.Init());
}

const NOT_MPI4 = 'MPI-4.0: NotImplementedError whatever the arguments on this library (checked by fuzzSessions and test/programs/a-finalized-session-is-refused-clearly.ts)';

/** Session rows where the library has sessions; elsewhere each is skipped (fuzzSessions checks the NotImplementedError). */
function sessionRows(rows: Record<string, Row>): Record<string, Row> {
  if (features.mpi4) return rows;
  return Object.fromEntries(Object.keys(rows).map((m) => [m, { skip: NOT_MPI4 }]));
}

/**
 * MPI.Session's methods on a live session (the null session: each must refuse),
 * its statics, and Intracomm.Create_from_group over the world's group (every
 * rank passes the same values: a refusal comes before MPI on every rank, a
 * success is a collective every rank makes). On an MPI-3 library each name
 * must throw NotImplementedError instead, whatever the arguments.
 */
function fuzzSessions(): void {
  heading('Session');
  const info = (): Param => ({ kind: 'info', v: () => MPI.INFO_NULL, optional: true });
  const errhandler = (): Param => ({ kind: 'errhandler', v: () => MPI.ERRORS_RETURN, optional: true });
  const pset = (): Param => ({ kind: 'name', v: () => 'mpi://SELF' });
  const buffers41 = { skip: 'MPI-4.1: NotImplementedError on every call here (a-finalized-session-is-refused-clearly.ts)' };
  fuzzClass('Session', MPI.Session.prototype, () => fuzzSession(), sessionRows({
    Get_num_psets: [info()], Get_nth_pset: [{ kind: 'int', v: () => 0 }, info()], Get_info: [],
    Get_pset_info: [pset()], Create_group: [pset()], Get_errhandler: [],
    Set_errhandler: [{ kind: 'errhandler', v: () => MPI.ERRORS_RETURN }], Call_errhandler: [{ kind: 'code', v: () => MPI.ERR_OTHER }],
    Finalize: { skip: 'ends the session: no arguments; on the null session, test/programs/a-finalized-session-is-refused-clearly.ts' },
    Attach_buffer: buffers41, Detach_buffer: buffers41, Flush_buffer: buffers41, Iflush_buffer: buffers41,
    toString: { skip: 'no arguments, no MPI' }, live: { skip: '@internal' },
  }), () => new MPI.Session());
  fuzzClass('Session (static)', MPI.Session, () => MPI.Session, sessionRows({
    Init: [info(), errhandler()],
    // Each success takes one of the 32 session handlers a process may make.
    Create_errhandler: [{ kind: 'fn', v: () => () => undefined }],
  }));
  fuzzClass('Intracomm (static)', MPI.Intracomm, () => MPI.Intracomm, sessionRows({
    Create_from_group: [{ kind: 'group', v: () => MPI.COMM_WORLD.Get_group() }, { kind: 'name', v: () => 'org.mpi4js.fuzz', optional: true }, info(), errhandler()],
  }));
  if (!features.mpi4) {
    // Before any argument is read: the library lacks the routines.
    const nul = new MPI.Session();
    for (const [what, f] of [
      ['Session.Init', () => MPI.Session.Init()],
      ['Session.Init(bad)', () => MPI.Session.Init(-1 as never)],
      ['Session.Create_errhandler', () => MPI.Session.Create_errhandler(null as never)],
      ['Session.Get_num_psets', () => nul.Get_num_psets()],
      ['Session.Get_nth_pset', () => nul.Get_nth_pset(Number.NaN)],
      ['Session.Get_info', () => nul.Get_info()],
      ['Session.Get_pset_info', () => nul.Get_pset_info(7 as never)],
      ['Session.Create_group', () => nul.Create_group('mpi://SELF')],
      ['Session.Get_errhandler', () => nul.Get_errhandler()],
      ['Session.Set_errhandler', () => nul.Set_errhandler(null as never)],
      ['Session.Call_errhandler', () => nul.Call_errhandler(-1)],
      ['Session.Finalize', () => nul.Finalize()],
      ['Group.Create_from_session_pset', () => MPI.Group.Create_from_session_pset(null as never, 'mpi://SELF')],
      ['Intracomm.Create_from_group', () => MPI.Intracomm.Create_from_group(MPI.COMM_NULL as never)],
    ] as [string, () => unknown][]) {
      calls++;
      try {
        f();
        failures.push(`${what}: succeeded on an MPI-3 library`);
      } catch (e) {
        if ((e as Error).name !== 'NotImplementedError') failures.push(`${what}: threw ${(e as Error).name}, not NotImplementedError`);
      }
    }
  }
  session?.Finalize();
  session = undefined;
  checkpoint('Session');
}

program(() => {
  const t0 = Date.now();
  if (area === 'p2p') fuzzComm((m) => !COLLECTIVE.test(m));
  else if (area === 'coll') fuzzComm((m) => COLLECTIVE.test(m));
  else {
    fuzzOther();
    fuzzIntercomm();
    fuzzPkl5();
  }
  void MANAGEMENT;
  // The rank still works: a collective and a message to itself.
  if (comm.allreduce(1) !== size) failures.push('after the fuzz: allreduce gave a wrong sum');
  if (comm.sendrecv(rank, rank, 0, rank, 0) !== rank) failures.push('after the fuzz: sendrecv to itself failed');
  const result = { area, rank, calls, counts, failures, generic, seconds: (Date.now() - t0) / 1000 };
  // Rank 0 writes every rank's result to FUZZ_RESULT (mpirun would interleave
  // and split long lines of several ranks on stdout).
  const all = comm.gather(result, 0);
  if (rank === 0) writeFileSync(process.env.FUZZ_RESULT ?? 'fuzz-result.json', JSON.stringify(all));
});

// ---- one-sided communication (issue 14) -------------------------------------------------

function fuzzWindows(): void {
  const self = MPI.COMM_SELF;
  const ops = MPI.Win.Allocate(64, 1, MPI.INFO_NULL, self);
  const sync = MPI.Win.Allocate(64, 1, MPI.INFO_NULL, self);
  const shared = MPI.Win.Allocate_shared(8, 1, MPI.INFO_NULL, self);
  const dyn = MPI.Win.Create_dynamic(MPI.INFO_NULL, self);
  ops.Lock_all();
  const SYNC = /^(Fence|Start|Complete|Post|Wait|Test|Lock|Unlock|Lock_all|Unlock_all|Flush|Flush_all|Flush_local|Flush_local_all|Sync)$/;
  const pick = (method: string): object =>
    SYNC.test(method) ? sync : method === 'Shared_query' ? shared : method === 'Attach' || method === 'Detach' ? dyn : ops;
  const rank0 = (): Param => ({ kind: 'dest', v: () => 0 });
  const target = (): Param => ({ kind: 'target', v: () => 0, optional: true });
  const one = (): Param => ({ kind: 'buf', v: i32(1) });
  const int = (v: number, optional = false): Param => ({ kind: 'int', v: () => v, optional });
  const peer = (): Param => ({ kind: 'dest', v: () => 0 });
  fuzzClass('Win', MPI.Win.prototype, pick, {
    Put: [P.buf(), rank0(), target()], Get: [P.buf(), rank0(), target()],
    Rput: [P.buf(), rank0(), target()], Rget: [P.buf(), rank0(), target()],
    Accumulate: [P.buf(), rank0(), target(), P.op()], Raccumulate: [P.buf(), rank0(), target(), P.op()],
    Get_accumulate: [P.buf(), P.buf(), rank0(), target(), P.op()], Rget_accumulate: [P.buf(), P.buf(), rank0(), target(), P.op()],
    Fetch_and_op: [one(), one(), rank0(), { kind: 'aint', v: () => 0, optional: true }, P.op()],
    Compare_and_swap: [one(), one(), one(), rank0(), { kind: 'aint', v: () => 0, optional: true }],
    // GROUP_EMPTY: a Start that succeeds (an edge value) waits for no Post.
    Fence: [int(0, true)], Start: [{ kind: 'group', v: () => MPI.GROUP_EMPTY }, int(0, true)], Complete: [],
    Post: [{ kind: 'group', v: () => MPI.GROUP_EMPTY }, int(0, true)], Wait: [], Test: [],
    // (A target rank: MPI.PROC_NULL is valid there, -1 in MPICH.)
    Lock: [peer(), int(MPI.LOCK_SHARED, true), int(0, true)], Unlock: [peer()], Lock_all: [int(0, true)], Unlock_all: [],
    Flush: [peer()], Flush_all: [], Flush_local: [peer()], Flush_local_all: [], Sync: [],
    Attach: [{ kind: 'view', v: () => new Uint8Array(8) }], Detach: [{ kind: 'view', v: () => new Uint8Array(8) }],
    Free: { skip: 'frees: a freed window\'s refusals are one-sided-bad-input.ts\'s' },
    tomemory: [], Shared_query: [peer()], Get_attr: [int(MPI.WIN_SIZE)], Get_group: [],
    Set_info: [{ kind: 'info', v: () => MPI.INFO_ENV }], Get_info: [],
    Get_name: [], Set_name: [{ kind: 'name', v: () => 'fuzzed' }],
    Get_errhandler: [], Set_errhandler: [{ kind: 'errhandler', v: () => MPI.ERRORS_RETURN }], Call_errhandler: [{ kind: 'code', v: () => MPI.ERR_OTHER }],
    live: { skip: 'private' }, rma: { skip: 'private' }, acc: { skip: 'private' }, toString: { skip: 'no arguments, no MPI' },
    Set_attr: [winKeyval(), { kind: 'any', v: () => ({ fuzz: 1 }) }], Delete_attr: [winKeyval()],
  }, () => MPI.WIN_NULL);
  // null memory is a window of none (mpi4py: None or MPI.BOTTOM), as a buffer of none is.
  const memory = (): Param => ({ kind: 'buf', v: () => new Uint8Array(8) });
  const opt = (kind: Kind, v: () => unknown): Param => ({ kind, v, optional: true });
  fuzzClass('Win (static)', MPI.Win, () => MPI.Win, {
    Create: [memory(), opt('int', () => 1), opt('info', () => MPI.INFO_NULL), opt('comm', () => self)],
    Create_dynamic: [opt('info', () => MPI.INFO_NULL), opt('comm', () => self)],
    Allocate: { skip: "allocates: the catalogue's valid size 2**31 would take 2 GiB per rank; bad sizes and the other arguments are one-sided-bad-input.ts's and Create's" },
    Allocate_shared: { skip: "allocates: the catalogue's valid size 2**31 would take 2 GiB of /dev/shm per rank; bad sizes are one-sided-bad-input.ts's" },
    made: { skip: 'private' }, allocate: { skip: 'private' },
    // --- error handlers of windows (issue 13/14 leftovers): each success takes one of the 32 window handlers a process may make
    Create_errhandler: [{ kind: 'fn', v: () => () => undefined }],
    Create_keyval: [winAttrfn(), winAttrfn(), { kind: 'bool', v: () => false, optional: true }],
    Free_keyval: [{ kind: 'int', v: () => MPI.Win.Create_keyval() }],
  });
  ops.Unlock_all();
  ops.Free();
  shared.Free();
  dyn.Free();
  // The synchronizations' window may be left inside an epoch by a valid (edge) call: closed if so, then freed.
  for (const close of [() => sync.Unlock_all(), () => sync.Unlock(0), () => sync.Complete(), () => sync.Wait()]) {
    try {
      close();
    } catch {
      // not in that epoch
    }
  }
  sync.Free();
}

// ---- intercommunicators (issue 13) ---------------------------------------------------------

/**
 * The intercommunicator's own methods, with values every process of both groups
 * passes alike, so each refusal comes on every process before MPI (a bad leader
 * or root that is a valid C int but names no process is as erroneous as in C, and
 * left out where only the leaders would see it). The overrides of Comm's methods
 * take Comm's arguments: their rows are Comm's, checked to exist. On one process
 * there is no second group: the section says so and stops.
 */
function fuzzIntercomm(): void {
  heading('Intercomm');
  const world = MPI.COMM_WORLD;
  if (world.size < 2) {
    process.stdout.write(`fuzz: rank ${rank} Intercomm skipped by design: two groups need 2 or more processes\n`);
    return;
  }
  const color = world.rank === 0 ? 0 : 1;
  const local = world.Split(color, world.rank);
  const remoteLeader = color === 0 ? 1 : 0;
  const own: Record<string, true> = {
    Get_remote_size: true, Get_remote_group: true, Merge: true, Split: true, Create: true, Get_size: true, Free: true, wrap: true, sizeIn: true,
    gatherSides: true, scatterSides: true, reduceSides: true, reduceScatterChecks: true,
  };
  const table = commTable();
  for (const method of methodsOf(MPI.Intercomm.prototype)) {
    if (!own[method] && table[method] === undefined) failures.push(`Intercomm.${method}: a public method without a row in the fuzz table`);
  }
  // Not tried: values that stand for a default (null, undefined: a valid call here) or
  // that are MPI.ROOT or MPI.PROC_NULL in some library (-1, -3 in MPICH).
  const bad = CATALOGUE.filter((b) => !b.edge && b.only === undefined && !['-1', '-3', 'undefined', 'null'].includes(b.label));
  const args = (n: number, i: number, b: Bad, base: unknown[]) => base.map((v, k) => (k === i ? b.make() : v)).slice(0, Math.max(n, i + 1));
  // Create_intercomm(local_leader, peer_comm, remote_leader, tag): each position, every process alike.
  const base = [0, world, remoteLeader, 5];
  for (let i = 0; i < base.length; i++) {
    for (const b of bad) {
      if (i === 1 && b.label === 'MPI.COMM_NULL') continue; // the peer is read at the leaders only: COMM_NULL is fine elsewhere, erroneous there
      attempt(`Intracomm.Create_intercomm argument ${i} = ${b.label}`, 'Create_intercomm', () => local.Create_intercomm(...(args(4, i, b, base) as [number, never, number, number])), true);
    }
  }
  for (const leader of [-1, local.size]) attempt(`Intracomm.Create_intercomm local_leader ${leader}`, 'Create_intercomm', () => local.Create_intercomm(leader, world, remoteLeader), true);
  for (const tag of [-1, 2 ** 31]) attempt(`Intracomm.Create_intercomm tag ${tag}`, 'Create_intercomm', () => local.Create_intercomm(0, world, remoteLeader, tag), true);
  checkpoint('Intracomm.Create_intercomm');
  const inter = local.Create_intercomm(0, world, remoteLeader, 5);
  // Roots: every process passes the same bad one.
  const remote = inter.remote_size;
  const roots: unknown[] = [...bad.map((b) => b.make()), ...[-1, -3, -5, remote].filter((r) => r !== MPI.ROOT && r !== MPI.PROC_NULL)];
  const rooted: [string, (root: never) => unknown][] = [
    ['Bcast', (r) => inter.Bcast(new Int32Array(1), r)], ['Ibcast', (r) => inter.Ibcast(new Int32Array(1), r)],
    ['Gather', (r) => inter.Gather(new Int32Array(1), new Int32Array(remote), r)], ['Igather', (r) => inter.Igather(new Int32Array(1), new Int32Array(remote), r)],
    ['Scatter', (r) => inter.Scatter(new Int32Array(remote), new Int32Array(1), r)], ['Iscatter', (r) => inter.Iscatter(new Int32Array(remote), new Int32Array(1), r)],
    ['Gatherv', (r) => inter.Gatherv(new Int32Array(1), [new Int32Array(remote), new Array(remote).fill(1), null, 'i'], r)],
    ['Scatterv', (r) => inter.Scatterv([new Int32Array(remote), new Array(remote).fill(1), null, 'i'], new Int32Array(1), r)],
    ['Reduce', (r) => inter.Reduce(new Int32Array(1), new Int32Array(1), MPI.SUM, r)], ['Ireduce', (r) => inter.Ireduce(new Int32Array(1), new Int32Array(1), MPI.SUM, r)],
    ['bcast', (r) => inter.bcast(1, r)], ['gather', (r) => inter.gather(1, r)], ['scatter', (r) => inter.scatter([1], r)], ['reduce', (r) => inter.reduce(1, MPI.SUM, r)],
  ];
  for (const [method, call] of rooted) {
    for (const r of roots) attempt(`Intercomm.${method} root = ${typeof r === "bigint" ? `${r}n` : describe(r)}`, method, () => call(r as never), true);
    checkpoint(`Intercomm.${method}`);
  }
  // Ranks of point-to-point calls address the remote group.
  for (const d of [remote, -5, 1.5, Number.NaN]) attempt(`Intercomm.send dest = ${d}`, 'send', () => inter.send(1, d), true);
  // What has no meaning across two groups.
  for (const [method, call] of [
    ['Scan', () => inter.Scan(new Int32Array(1), new Int32Array(1))], ['Exscan', () => inter.Exscan(new Int32Array(1), new Int32Array(1))],
    ['scan', () => inter.scan(1)], ['exscan', () => inter.exscan(1)], ['Allreduce', () => inter.Allreduce(MPI.IN_PLACE, new Int32Array(1))],
    ['Reduce_scatter', () => inter.Reduce_scatter(new Int32Array(local.size), new Int32Array(1))],
  ] as [string, () => unknown][]) attempt(`Intercomm.${method} (refused across two groups)`, method, call, true);
  // Merge(high) takes any value as a flag (mpi4py's bint); Split and Create as an Intracomm's.
  for (const b of bad) {
    if (b.label === 'MPI.COMM_NULL' || b.label === 'null') continue;
    attempt(`Intercomm.Split color = ${b.label}`, 'Split', () => inter.Split(b.make() as number), true);
    attempt(`Intercomm.Create group = ${b.label}`, 'Create', () => inter.Create(b.make() as never), true);
  }
  checkpoint('Intercomm.Split and Create');
  // Create_from_groups: NotImplementedError on an MPI-3 library, else its arguments are checked.
  if (!features.mpi4) {
    // Before any argument is read: the library lacks the routine.
    try {
      MPI.Intercomm.Create_from_groups(local.group, 0, world.group, 0);
      failures.push('Intercomm.Create_from_groups: succeeded on an MPI-3 library');
    } catch (e) {
      if ((e as Error).name !== 'NotImplementedError') failures.push(`Intercomm.Create_from_groups: threw ${(e as Error).name}, not NotImplementedError`);
    }
  } else for (const b of bad) {
    attempt(`Intercomm.Create_from_groups local_group = ${b.label}`, 'Create_from_groups', () => MPI.Intercomm.Create_from_groups(b.make() as never, 0, world.group, 0), true);
    attempt(`Intercomm.Create_from_groups local_leader = ${b.label}`, 'Create_from_groups', () => MPI.Intercomm.Create_from_groups(local.group, b.make() as number, world.group, 0), true);
  }
  for (const [label, target] of [['COMM_NULL', MPI.COMM_NULL], ['freed Intercomm', inter.Dup()]] as [string, InstanceType<typeof MPI.Intercomm>][]) {
    if (label !== 'COMM_NULL') target.Free();
    for (const method of ['Get_remote_size', 'Get_remote_group', 'Merge', 'Is_inter', 'Disconnect']) {
      const fn = (target as unknown as Record<string, (() => unknown) | undefined>)[method] ?? (MPI.Intercomm.prototype as unknown as Record<string, () => unknown>)[method];
      attempt(`${label}.${method}()`, method, () => fn.call(target), true);
    }
  }
  checkpoint('Intercomm');
  inter.Free();
  local.Free();
}

// ---- mpi4js/util's pkl5 (issue 15) ------------------------------------------------------

/**
 * pkl5.Intracomm's own methods (as MPI.Comm's: on COMM_WORLD, root-only
 * arguments on COMM_SELF, then a null and a freed communicator), pkl5.Request's
 * and pkl5.Message's, and BigMPI's block size. pkl5 serializes nothing sent to
 * PROC_NULL (mpi4py's pkl5 does not pickle it), so a send's value, sent there
 * by the baseline, is any value; pkl5-point-to-point.ts checks that a value that
 * cannot be serialized is refused on its way to a rank.
 */
function fuzzPkl5(): void {
  const world = new pkl5.Intracomm(MPI.COMM_WORLD);
  const self = new pkl5.Intracomm(MPI.COMM_SELF);
  const table = commTable();
  const anyValue: Param = { kind: 'any', v: () => 7 };
  const rows: Record<string, Row> = {
    Dup: table.Dup, Clone: table.Clone, Dup_with_info: table.Dup_with_info, Idup: table.Idup, Idup_with_info: table.Idup_with_info,
    send: [anyValue, P.dest(), P.stag()], bsend: [anyValue, P.dest(), P.stag()], ssend: [anyValue, P.dest(), P.stag()],
    isend: [anyValue, P.dest(), P.stag()], ibsend: [anyValue, P.dest(), P.stag()], issend: [anyValue, P.dest(), P.stag()],
    recv: table.recv, sendrecv: [anyValue, P.dest(), P.stag(), P.source(), P.rtag(), P.status()],
    irecv: { skip: 'refuses every call, as mpi4py\'s pkl5 (RuntimeError "unsupported"): NotImplementedError, checked by pkl5-point-to-point.ts' },
    mprobe: table.mprobe, improbe: table.improbe,
    bcast: table.bcast, gather: table.gather, scatter: table.scatter, allgather: table.allgather, alltoall: table.alltoall,
  };
  // pkl5.Comm (mpi4py 4) has the same calls over any communicator: over an intracommunicator, as Intracomm's.
  for (const [name, cls] of [['Intracomm', pkl5.Intracomm], ['Comm', pkl5.Comm]] as const) {
    const w = name === 'Comm' ? new pkl5.Comm(MPI.COMM_WORLD) : world;
    const s = name === 'Comm' ? new pkl5.Comm(MPI.COMM_SELF) : self;
    for (const method of methodsOf(cls.prototype)) {
      const row = rows[method];
      if (row === undefined) {
        failures.push(`pkl5.${name}.${method}: a public method without a row in the fuzz table (add its baseline arguments)`);
        continue;
      }
      heading(`pkl5.${name}.${method}`);
      if ('skip' in row) continue;
      fuzzPositions(`pkl5.${name} COMM_WORLD`, method, () => w, row, false);
      if (COLLECTIVE.test(method)) fuzzPositions(`pkl5.${name} COMM_SELF`, method, () => s, row, true);
      fuzzInvalidTarget(`pkl5.${name} COMM_NULL`, method, new cls(), row);
      const d = w.Dup();
      d.Free();
      fuzzInvalidTarget(`pkl5.${name} freed Dup`, method, d, row);
      checkpoint(`pkl5.${name}.${method}`);
    }
  }
  fuzzPkl5Intercomm(rows);
  const reqs = (): Param => ({ kind: 'requests', v: () => [new pkl5.Request()] });
  const stats = (): Param => ({ kind: 'statuses', v: () => [new MPI.Status()], optional: true });
  fuzzClass('pkl5.Request', pkl5.Request.prototype, () => world.isend(7, MPI.PROC_NULL), {
    wait: [P.status()], Wait: [P.status()], test: [P.status()], Test: [P.status()], get_status: [P.status()],
    cancel: [], Free: [], free: [], toPromise: [], equals: [{ kind: 'any', v: () => MPI.REQUEST_NULL }],
    then: { skip: 'a thenable\'s protocol: takes callbacks, as every Promise' },
    settle: { skip: 'private' }, take: { skip: 'private' },
  });
  fuzzClass('pkl5.Request (static)', pkl5.Request, () => pkl5.Request, {
    get_status_all: [reqs(), stats()], testall: [reqs(), stats()], waitall: [reqs(), stats()],
    receiving: { skip: '@internal: Message.irecv makes its request through it' },
  });
  // A value waiting to be received for each call that takes one (a refused receive leaves it).
  const mcomm = world.Dup();
  let pending: InstanceType<typeof pkl5.Message> | undefined;
  const message = () => {
    if (!pending?.active) {
      mcomm.send({ fuzz: 1 }, rank, 8);
      pending = mcomm.mprobe(rank, 8);
    }
    return pending;
  };
  fuzzClass('pkl5.Message', pkl5.Message.prototype, message, {
    recv: [P.status()], irecv: [], free: [], equals: [{ kind: 'any', v: () => new pkl5.Message() }],
    header: { skip: 'private' },
  });
  if (pending?.active) pending.recv();
  fuzzClass('pkl5.Message (static)', pkl5.Message, () => pkl5.Message, {
    probe: [{ kind: 'comm', v: () => mcomm }, P.source(), P.rtag(), P.status()],
    iprobe: [{ kind: 'comm', v: () => mcomm }, P.source(), P.rtag(), P.status()],
    of: { skip: '@internal: the probes make their Message through it' },
  });
  mcomm.Free();
  fuzzClass('pkl5.BigMPI', pkl5.BigMPI.prototype, () => new pkl5.BigMPI(), {
    spec: { skip: '@internal: the sends and receives count their parts through it' },
    part: { skip: '@internal: the sends and receives count their parts through it' },
    free: { skip: '@internal: frees the datatypes a call made' },
  });
  // The block size's setter: a count of at least 1, up to 2**53-1.
  for (const bad of CATALOGUE) {
    if (bad.only !== undefined || bad.edge || bad.label === '2**31') continue;
    const b = new pkl5.BigMPI();
    attempt(`pkl5.BigMPI.blocksize = ${bad.label}`, 'blocksize', () => {
      b.blocksize = bad.make() as number;
    }, true);
  }
  checkpoint('pkl5');
}

/**
 * pkl5.Intercomm (and the constructors' kinds): over COMM_WORLD split in two
 * groups (rank 0, the rest), as fuzzIntercomm. Point-to-point calls fuzzed in
 * every position (their baselines address MPI.PROC_NULL); the rooted
 * collectives with every process passing the same bad root (a bad value at a
 * PROC_NULL root is never serialized, as mpi4py's); allgather and alltoall in
 * every position; then COMM_NULL and a freed Dup.
 */
function fuzzPkl5Intercomm(rows: Record<string, Row>): void {
  const world = MPI.COMM_WORLD;
  // Any value but a communicator of the right kind: a TypeError naming the class. Not tried: none
  // (undefined, null, MPI.COMM_NULL: COMM_NULL), and -0, COMM_NULL's handle (a number is the handle form
  // Dup constructs through, as MPI.Comm's constructor; one that names no communicator is refused).
  const notComm = CATALOGUE.filter((b) => !b.edge && b.only === undefined && !['undefined', 'null', 'MPI.COMM_NULL', '-0'].includes(b.label));
  for (const [name, make] of [['Comm', (c: unknown) => new pkl5.Comm(c as never)], ['Intracomm', (c: unknown) => new pkl5.Intracomm(c as never)], ['Intercomm', (c: unknown) => new pkl5.Intercomm(c as never)]] as const) {
    for (const b of notComm) attempt(`new pkl5.${name}(${b.label})`, name, () => make(b.make()), true);
  }
  attempt('new pkl5.Intercomm(an intracommunicator)', 'Intercomm', () => new pkl5.Intercomm(world), true);
  checkpoint('pkl5 constructors');
  if (world.size < 2) {
    process.stdout.write(`fuzz: rank ${rank} pkl5.Intercomm skipped by design: two groups need 2 or more processes\n`);
    return;
  }
  const color = world.rank === 0 ? 0 : 1;
  const local = world.Split(color, world.rank);
  const mpiInter = local.Create_intercomm(0, world, color === 0 ? 1 : 0, 6);
  local.Free();
  attempt('new pkl5.Intracomm(an intercommunicator)', 'Intracomm', () => new pkl5.Intracomm(mpiInter), true);
  const inter = new pkl5.Intercomm(mpiInter);
  const remote = inter.Get_remote_size();
  const roots: unknown[] = [
    ...CATALOGUE.filter((b) => !b.edge && b.only === undefined && !['-1', '-3', 'undefined', 'null'].includes(b.label)).map((b) => b.make()),
    ...[-1, -3, -5, remote].filter((r) => r !== MPI.ROOT && r !== MPI.PROC_NULL),
  ];
  const rooted: Record<string, (root: never) => unknown> = {
    bcast: (r) => inter.bcast(1, r), gather: (r) => inter.gather(1, r), scatter: (r) => inter.scatter(new Array(remote).fill(1), r),
  };
  const spread: Record<string, Param[]> = {
    allgather: [{ kind: 'obj', v: () => 7 }], alltoall: [{ kind: 'obj', v: () => new Array(remote).fill(7) }],
  };
  for (const method of methodsOf(pkl5.Intercomm.prototype)) {
    const row = rows[method];
    if (row === undefined) {
      failures.push(`pkl5.Intercomm.${method}: a public method without a row in the fuzz table (add its baseline arguments)`);
      continue;
    }
    heading(`pkl5.Intercomm.${method}`);
    if ('skip' in row) continue;
    if (rooted[method]) {
      for (const r of roots) attempt(`pkl5.Intercomm.${method} root = ${typeof r === 'bigint' ? `${r}n` : describe(r)}`, method, () => rooted[method](r as never), true);
    } else if (COLLECTIVE.test(method)) {
      fuzzPositions('pkl5.Intercomm', method, () => inter, spread[method], false);
    } else if (!MANAGEMENT.test(method) && !/^Idup|^Dup_with_info$/.test(method)) {
      fuzzPositions('pkl5.Intercomm', method, () => inter, row, false);
    }
    // Ranks outside the remote group.
    if (/^i?[bs]?send$/.test(method)) attempt(`pkl5.Intercomm.${method} dest = ${remote}`, method, () => (inter as unknown as Record<string, (...a: unknown[]) => unknown>)[method](1, remote), true);
    fuzzInvalidTarget('pkl5.Intercomm COMM_NULL', method, new pkl5.Intercomm(), COLLECTIVE.test(method) && !rooted[method] ? spread[method] : row);
    const d = inter.Dup();
    d.Free();
    fuzzInvalidTarget('pkl5.Intercomm freed Dup', method, d, COLLECTIVE.test(method) && !rooted[method] ? spread[method] : row);
    checkpoint(`pkl5.Intercomm.${method}`);
  }
  inter.Free();
}

// ---- mpi4js/util (issue 15) -----------------------------------------------------------------

/**
 * mpi4js/util's sync objects over COMM_SELF (each constructor is collective:
 * over COMM_SELF a refusal on this rank leaves no other waiting), and its
 * Pool over an executor that runs nothing. Each target is put back in a state
 * where a valid call returns at once (a mutex released, a semaphore above 0).
 */
function fuzzUtil(): void {
  // (Classes here, not at the top level: program() runs this body as the module loads.)
  /** An executor that runs nothing (every task's value is null): the Pool's own checks are fuzzed, no worker is spawned. */
  class IdleExecutor {
    num_workers = 1;
    bootup(): Promise<this> {
      return Promise.resolve(this);
    }
    submit<T>(): import('mpi4js/futures').Future<T> {
      const f = new (require('mpi4js/futures') as typeof import('mpi4js/futures')).Future<T>();
      f.set_running_or_notify_cancel();
      f.set_result(null as T);
      return f;
    }
    async *map<T>(): AsyncIterableIterator<T> {
      /* nothing */
    }
    async *starmap<T>(): AsyncIterableIterator<T> {
      /* nothing */
    }
    shutdown(): Promise<void> {
      return Promise.resolve();
    }
  }
  class IdlePool extends utilPool.Pool {
    static override Executor = IdleExecutor as never;
  }
  const self = MPI.COMM_SELF;
  const opt = (kind: Kind, v: () => unknown): Param => ({ kind, v, optional: true });
  const options = (): Param => opt('options', () => ({ comm: self }));
  const freed = <T>(x: T): T => {
    (x as { free?: () => void }).free?.();
    return x;
  };
  const PRIVATE = { skip: 'private' } as const;
  const ASYNC = { skip: 'awaits: its argument goes through the same reader as the blocking call fuzzed here' } as const;
  // Constructors: as functions of a table, each success freed at once.
  const ctors = {
    Sequential: (c: never, t: never) => new sync.Sequential(c, t),
    Counter: (a: never, b: never, c: never) => freed(new sync.Counter(a, b, c)),
    Mutex: (o: never) => freed(new sync.Mutex(o)),
    Condition: (m: never, o: never) => freed(new sync.Condition(m, o)),
    Semaphore: (v: never, o: never) => freed(new sync.Semaphore(v, o)),
    Pool: (a: never, b: never, c: never, d: never) => {
      const p = new IdlePool(a, b, c, d);
      p.close();
      return p;
    },
  };
  fuzzClass('mpi4js/util constructors', ctors, () => ctors, {
    Sequential: [{ kind: 'comm', v: () => self }, opt('stag', () => 0)],
    Counter: [opt('element', () => 0), opt('element', () => 1), options()],
    Mutex: [options()],
    Condition: [opt('nullable', () => null), options()],
    Semaphore: [opt('count', () => 1), options()],
    Pool: [opt('nullable', () => 1), opt('task', () => 'tasks.js#init'), opt('list', () => []), opt('options', () => ({}))],
  });
  const seq = new sync.Sequential(self);
  fuzzClass('sync.Sequential', sync.Sequential.prototype, () => seq, { begin: [], beginAsync: ASYNC, end: [] });
  const counter = new sync.Counter({ comm: self });
  fuzzClass('sync.Counter', sync.Counter.prototype, () => counter, { next: [opt('element', () => 1)], free: { skip: 'frees: again is nothing (sync-counter-values-are-unique-and-complete.ts)' } });
  counter.free();
  const mutex = new sync.Mutex({ comm: self });
  const released = () => {
    if (mutex.locked()) mutex.release();
    return mutex;
  };
  fuzzClass('sync.Mutex', sync.Mutex.prototype, released, {
    acquire: [opt('bool', () => true)], acquireAsync: ASYNC, release: [], locked: [], count: [],
    free: { skip: 'frees: again is nothing (sync-mutex-excludes-the-other-ranks.ts)' },
    live: PRIVATE, countOp: PRIVATE, acquiring: PRIVATE, lockedHere: PRIVATE,
  });
  mutex.free();
  const cv = new sync.Condition({ comm: self });
  const held = () => {
    if (!cv.locked()) cv.acquire();
    return cv;
  };
  fuzzClass('sync.Condition', sync.Condition.prototype, (m) => (m === 'acquire' ? (cv.locked() && cv.release(), cv) : held()), {
    acquire: [opt('bool', () => true)], acquireAsync: ASYNC, release: [], locked: [],
    wait: { skip: 'waits for a notify: no argument' }, waitAsync: ASYNC,
    wait_for: [{ kind: 'fn', v: () => () => true }], wait_forAsync: ASYNC,
    notify: [opt('key', () => 1)], notify_all: [],
    free: { skip: 'frees: again is nothing (sync-condition-wakes-waiters-in-order.ts)' },
    live: PRIVATE, enqueue: PRIVATE, dequeue: PRIVATE, sleep: PRIVATE, wakeup: PRIVATE, waiting: PRIVATE, waitable: PRIVATE, notifying: PRIVATE,
  });
  cv.free();
  const sem = new sync.Semaphore(1, { comm: self });
  const available = () => {
    if ((sem as unknown as { _counter: sync.Counter })._counter.next(0) === 0) sem.release();
    return sem;
  };
  fuzzClass('sync.Semaphore', sync.Semaphore.prototype, available, {
    acquire: [opt('bool', () => false)], acquireAsync: ASYNC, release: [opt('count', () => 1)],
    free: { skip: 'frees: again is nothing (sync-semaphore-bounds-its-holders.ts)' },
    acquiring: PRIVATE, check: PRIVATE,
  });
  sem.free();
  const p = new IdlePool(1);
  const task = (): Param => ({ kind: 'task', v: () => 'tasks.js#square' });
  const items = (): Param => ({ kind: 'iterable', v: () => [1, 2] });
  const rows = (): Param => ({ kind: 'iterable', v: () => [[1, 2]] });
  const chunks = (): Param => opt('nullable', () => 1);
  const cb = (): Param => opt('attrfn', () => null);
  fuzzClass('pool.Pool', utilPool.Pool.prototype, () => p, {
    apply: [task(), opt('args', () => [1])], apply_async: [task(), opt('args', () => [1]), cb(), cb()],
    map: [task(), items(), chunks()], map_async: [task(), items(), chunks(), cb(), cb()],
    imap: [task(), items(), chunks()], imap_unordered: [task(), items(), chunks()],
    starmap: [task(), rows(), chunks()], starmap_async: [task(), rows(), chunks(), cb(), cb()],
    istarmap: [task(), rows(), chunks()], istarmap_unordered: [task(), rows(), chunks()],
    close: [], terminate: [], join: [],
    chunksize: PRIVATE, mapAsync: PRIVATE,
  });
  const result = p.apply_async('tasks.js#square', [2]);
  fuzzClass('pool.AsyncResult', utilPool.AsyncResult.prototype, () => result, {
    get: [opt('timeout', () => 0)], wait: [opt('timeout', () => 0)], ready: [], successful: [], waitFor: PRIVATE,
  });
  p.close();
}

// ---- mpi4js/futures: wait, as_completed, get_comm_workers, the executors' classes --------

/**
 * mpi4js/futures' functions over hand-made futures, the constructors of
 * ThreadPoolExecutor and ProcessPoolExecutor (nothing starts before a task),
 * and MPIPoolExecutor's methods on a ThreadPoolExecutor (its threads run the
 * valid calls' tasks; nothing is spawned). Each rank alone: nothing collective.
 */
function fuzzFutures(): void {
  // eslint-disable-next-line @typescript-eslint/no-var-requires
  const futures = require('mpi4js/futures') as typeof import('mpi4js/futures');
  const TASKS = path.join(__dirname, 'futures', 'tasks.js');
  const done = (): unknown => {
    const f = new futures.Future<number>();
    f.set_running_or_notify_cancel();
    f.set_result(1);
    return [f];
  };
  const opt = (kind: Kind, v: () => unknown): Param => ({ kind, v, optional: true });
  const fns = { wait: futures.wait, as_completed: futures.as_completed, get_comm_workers: futures.get_comm_workers };
  fuzzClass('mpi4js/futures functions', fns, () => fns, {
    wait: [{ kind: 'iterable', v: done }, opt('options', () => ({ timeout: 0, return_when: futures.FIRST_COMPLETED }))],
    as_completed: [{ kind: 'iterable', v: done }, opt('options', () => ({ timeout: 10 }))],
    get_comm_workers: [],
  });
  // wait's and as_completed's options one by one: a timeout, a return_when.
  for (const bad of CATALOGUE) {
    if (bad.only !== undefined || bad.edge) continue;
    const value = bad.make();
    const timeoutOk = allowed({ kind: 'timeout', v: () => 0, optional: true }, bad);
    attempt(`wait timeout = ${bad.label}`, 'wait', () => futures.wait([], { timeout: value as number }), true, timeoutOk);
    attempt(`as_completed timeout = ${bad.label}`, 'as_completed', () => futures.as_completed([], { timeout: value as number }), true, timeoutOk);
    attempt(`wait return_when = ${bad.label}`, 'wait', () => futures.wait([], { return_when: value as never }), true, bad.label === 'undefined' ? 'undefined is the default' : undefined);
  }
  const ctors = {
    ThreadPoolExecutor: (o: never) => new futures.ThreadPoolExecutor(o),
    ProcessPoolExecutor: (o: never) => new futures.ProcessPoolExecutor(o),
  };
  fuzzClass('mpi4js/futures constructors', ctors, () => ctors, {
    ThreadPoolExecutor: [opt('options', () => ({ max_workers: 1 }))],
    ProcessPoolExecutor: [opt('options', () => ({ max_workers: 1 }))],
  });
  for (const bad of CATALOGUE) {
    if (bad.only !== undefined || bad.edge || bad.label === 'undefined') continue;
    const value = bad.make();
    attempt(`ThreadPoolExecutor max_workers = ${bad.label}`, 'ThreadPoolExecutor', () => new futures.ThreadPoolExecutor({ max_workers: value as number }), true);
    attempt(`ProcessPoolExecutor max_workers = ${bad.label}`, 'ProcessPoolExecutor', () => new futures.ProcessPoolExecutor({ max_workers: value as number }), true);
    attempt(`ThreadPoolExecutor initializer = ${bad.label}`, 'ThreadPoolExecutor', () => new futures.ThreadPoolExecutor({ initializer: value as string }), true, allowed({ kind: 'task', v: () => null, optional: true }, bad));
  }
  const PROTECTED = { skip: 'protected: the pool the executor makes (mpi4py: _make_pool)' } as const;
  fuzzClass('ThreadPoolExecutor', futures.ThreadPoolExecutor.prototype, () => new futures.ThreadPoolExecutor(), { makePool: PROTECTED, sharedPool: PROTECTED });
  fuzzClass('ProcessPoolExecutor', futures.ProcessPoolExecutor.prototype, () => new futures.ProcessPoolExecutor(), { makePool: PROTECTED, sharedPool: PROTECTED });
  // MPIPoolExecutor's methods, on threads: one started pool for the calls that run tasks, a fresh one for shutdown.
  const threads = new futures.ThreadPoolExecutor({ max_workers: 1 });
  const PRIVATE = { skip: 'private' } as const;
  fuzzClass('ThreadPoolExecutor (MPIPoolExecutor\'s methods)', futures.MPIPoolExecutor.prototype, (m) => (m === 'shutdown' ? new futures.ThreadPoolExecutor() : threads), {
    submit: [{ kind: 'task', v: () => `${TASKS}#square` }, { kind: 'any', v: () => 2 }],
    map: [{ kind: 'task', v: () => `${TASKS}#square` }, { kind: 'mapTail', v: () => [1, 2] }, opt('mapTail', () => ({ chunksize: 1 }))],
    starmap: [{ kind: 'task', v: () => `${TASKS}#add` }, { kind: 'mapTail', v: () => [[1, 2]] }, opt('options', () => ({ unordered: true }))],
    shutdown: [opt('waitOrOptions', () => ({ wait: false }))],
    bootup: [opt('bool', () => false)],
    makePool: PROTECTED, sharedPool: PROTECTED, spawn: PROTECTED,
    start: PRIVATE, enqueue: PRIVATE, mapRows: PRIVATE,
  });
  fuzzClass('Executor', futures.Executor.prototype, () => new futures.ThreadPoolExecutor(), { shutdown: [opt('waitOrOptions', () => ({}))] });
  void threads.shutdown({ cancel_futures: true });
  checkpoint('mpi4js/futures');
}
