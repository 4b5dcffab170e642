/**
 * MPI.Exception: every error an MPI call returns (communicators use
 * MPI_ERRORS_RETURN) is thrown as one, from the addon (src-native/errors.cc).
 */
import * as constants from './constants';
import { native } from './native';

/** World rank of this process, named in every message; set once MPI is up. */
let worldRank: number | undefined;

/** @internal */
export function setWorldRank(rank: number): void {
  worldRank = rank;
}

/**
 * An error returned by an MPI call. mpi4py: `MPI.Exception`.
 *
 * `error_class` compares with the `MPI.ERR_*` constants:
 * `if (e instanceof MPI.Exception && e.error_class === MPI.ERR_TRUNCATE) …`
 */
export class MPIException extends Error {
  /** The error code MPI returned. */
  readonly error_code: number;
  /** Its error class, one of `MPI.ERR_*`. */
  readonly error_class: number;
  /** MPI's own text for the code, e.g. `MPI_ERR_TRUNCATE: message truncated`. */
  readonly error_string: string;
  /** The MPI call that failed, e.g. `MPI_Recv`. */
  readonly call: string;

  /**
   * `detail`, when given, replaces MPI's text in the message (not in
   * error_string): what mpi4js found wrong before calling MPI, e.g.
   * `dest 9 is out of range for a communicator of size 4`.
   */
  constructor(code: number, errorClass?: number, errorString?: string, call = '', detail?: string) {
    const cls = errorClass ?? safely(() => native.environment.errorClass(code), code);
    const text = errorString ?? safely(() => native.environment.errorString(code), `MPI error ${code}`);
    const where = worldRank === undefined ? '' : ` (rank ${worldRank})`;
    const what = `${className(cls)}: ${detail ?? summary(text)}${where}`;
    super(call ? `${call}: ${what}` : what);
    this.name = 'MPI.Exception';
    this.error_code = code;
    this.error_class = cls;
    this.error_string = text;
    this.call = call;
  }

  /** mpi4py: `Exception.Get_error_code()`. */
  Get_error_code(): number {
    return this.error_code;
  }

  /** mpi4py: `Exception.Get_error_class()`. */
  Get_error_class(): number {
    return this.error_class;
  }

  /** mpi4py: `Exception.Get_error_string()`. */
  Get_error_string(): string {
    return this.error_string;
  }
}

/**
 * The MPI.Exception that MPI would raise for an argument mpi4js refuses before
 * calling it (a rank, root or tag out of range): the class mpi4py reports, MPI's
 * own error string, and a message naming the call and the argument.
 */
export function argumentError(errorClass: number, call: string, detail: string): MPIException {
  return new MPIException(errorClass, errorClass, undefined, call, detail);
}

/** `MPI_ERR_TRUNCATE` for the value of MPI.ERR_TRUNCATE, and so on. */
let classNames: Map<number, string> | undefined;
function className(cls: number): string {
  if (!classNames) {
    classNames = new Map();
    for (const [name, value] of Object.entries(constants)) {
      if (/^ERR_(?!LASTCODE)/.test(name) && typeof value === 'number' && !classNames.has(value)) classNames.set(value, `MPI_${name}`);
    }
    // MPI-4.0's session class, exported by lib/session.ts (absent from MPI-3 libraries).
    const session = native.session?.ERR_SESSION;
    if (session !== undefined && !classNames.has(session)) classNames.set(session, 'MPI_ERR_SESSION');
  }
  return classNames.get(cls) ?? `error class ${cls}`;
}

/**
 * The first line of MPI's text, without the class name Open MPI puts in front
 * or the error stack MPICH appends: messages read alike on both.
 */
function summary(text: string): string {
  return text.split('\n')[0].replace(/^MPI_ERR_\w+: /, '').replace(/, error stack:$/, '');
}

function safely<T>(f: () => T, fallback: T): T {
  try {
    return f();
  } catch {
    return fallback;
  }
}

native.errors.setExceptionClass(MPIException);

/** mpi4py: `MPI.Get_error_class(errorcode)`. */
export function Get_error_class(errorcode: number): number {
  return native.environment.errorClass(errorCode('Get_error_class', errorcode));
}

/** mpi4py: `MPI.Get_error_string(errorcode)`. */
export function Get_error_string(errorcode: number): string {
  return native.environment.errorString(errorCode('Get_error_string', errorcode));
}

// Error codes are never negative; MPICH answers a negative one with a made-up
// class where Open MPI refuses it: refused here, alike on both.
function errorCode(call: string, v: number): number {
  if (typeof v === 'number' && v < 0) throw new RangeError(`${call}: errorcode ${v} is negative (MPI error codes are 0 or more)`);
  return v;
}

/** Where a call was waiting when its timeout passed. */
export interface Waiting {
  source?: number;
  tag?: number;
  /** The communicator's name, e.g. MPI_COMM_WORLD. */
  comm?: string;
}

/**
 * A blocking receive, probe or wait given `{timeout}` (milliseconds) that
 * passed first. Nothing was half-received: a message that arrives later is
 * still there for the next receive. Not in mpi4py, which can only wait forever.
 */
export class TimeoutError extends Error {
  readonly call: string;
  readonly timeout: number;
  readonly source?: number;
  readonly tag?: number;
  readonly comm?: string;

  constructor(call: string, timeout: number, waiting: Waiting = {}) {
    const args = Object.entries(waiting)
      .filter(([, v]) => v !== undefined)
      .map(([k, v]) => `${k}=${v}`)
      .join(', ');
    const where = worldRank === undefined ? '' : ` on rank ${worldRank}`;
    super(`${call}(${args}) timed out after ${timeout} ms${where}`);
    this.name = 'MPI.TimeoutError';
    this.call = call;
    this.timeout = timeout;
    Object.assign(this, waiting);
  }
}

/**
 * A routine the MPI library under mpi4js does not provide, e.g. an MPI-4.0
 * routine on Open MPI 4.1. mpi4py raises Python's `NotImplementedError` for
 * these; the name is the same, so `e.name === 'NotImplementedError'` holds.
 */
export class NotImplementedError extends Error {
  /** The mpi4js call, e.g. `Comm.Isendrecv`. */
  readonly call: string;

  constructor(call: string, message: string) {
    super(`${call}: ${message}`);
    this.name = 'NotImplementedError';
    this.call = call;
  }
}

/**
 * The NotImplementedError for `call`, an MPI-`since` routine (e.g. `'4.0'`)
 * that the library mpi4js was built against lacks.
 */
export function notProvided(call: string, since: string): NotImplementedError {
  const library = safely(() => native.environment.libraryVersion().split(/[,\n]/)[0].trim(), native.environment.builtAgainst.family);
  return new NotImplementedError(call, `not provided by ${library} (an MPI-${since} routine)`);
}
