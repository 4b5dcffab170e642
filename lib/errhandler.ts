/**
 * Error handlers, as mpi4py's `MPI.Errhandler` (`MPI.src/Errhandler.pyx`,
 * `errhimpl.pxi`): the predefined ERRORS_RETURN (every new communicator's, so
 * that MPI errors are thrown as MPI.Exception), ERRORS_ARE_FATAL, ERRORS_ABORT,
 * and handlers made from a JavaScript function by `Comm.Create_errhandler`.
 * MPI calls a handler inside the failing call, on the main thread
 * (src-native/errhandler.cc); the call then returns its error code, thrown as
 * MPI.Exception, as in mpi4py.
 */
import type { Comm } from './comm/comm';
import { ERR_ARG } from './constants';
import { argumentError, NotImplementedError, notProvided } from './errors';
import { COMM_WORLD_ID, native } from './native';

const E = native.errhandler;

/** Fixed ids of the predefined handlers (src-native/errhandler.cc). */
const NULL_ID = 0;
const RETURN_ID = 1;
const FATAL_ID = 2;
const ABORT_ID = 3;

/** mpi4py: `errhandler_fn(comm, error_code)`. */
export type ErrhandlerFn = (comm: Comm, errorcode: number) => void;

/** mpi4py: `MPI.Errhandler`. `new MPI.Errhandler()` is MPI.ERRHANDLER_NULL's kind: a null handle. */
export class Errhandler {
  /** @internal id in the addon's error handler table */
  handle: number;

  /** @internal (the handle; none: the null handle) */
  constructor(handle: number = NULL_ID) {
    this.handle = handle;
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

/** The JavaScript functions of the user handlers, by trampoline index (never reused, as in mpi4py). */
const functions: (ErrhandlerFn | undefined)[] = [];

/** The communicator a handler is about, from its id (lib/comm/comm.ts registers this). */
let commOf: (id: number) => Comm = () => {
  throw new Error('mpi4js: communicators are not loaded');
};

/** @internal */
export function setCommFactory(f: (id: number) => Comm): void {
  commOf = f;
}

// An error in a user-defined handler is unrecoverable (mpi4py): it is printed and the job aborts.
E.setDispatcher((index, commId, code) => {
  try {
    functions[index]?.(commOf(commId), code);
  } catch (e) {
    process.stderr.write(`mpi4js: an error handler threw (error code ${code}); aborting the job\n${(e as Error)?.stack ?? String(e)}\n`);
    native.comm.Abort(COMM_WORLD_ID, 1);
  }
});

/** @internal Comm.Create_errhandler */
export function createErrhandler(fn: unknown): Errhandler {
  if (typeof fn !== 'function') throw new TypeError(`Create_errhandler: errhandler_fn must be a function, got ${fn === null ? 'null' : typeof fn}`);
  if (functions.length >= E.maxUser) throw new RangeError(`Create_errhandler: cannot create more than ${E.maxUser} user-defined error handlers (mpi4py alike)`);
  const index = functions.length;
  const id = E.create(index);
  functions.push(fn as ErrhandlerFn);
  return new Errhandler(id);
}

/** @internal Comm.Get_errhandler: a predefined handler as its constant object. */
export function getErrhandler(comm: number): Errhandler {
  const id = E.get(comm);
  if (id === RETURN_ID) return ERRORS_RETURN;
  if (id === FATAL_ID) return ERRORS_ARE_FATAL;
  if (id === ABORT_ID) return ERRORS_ABORT;
  return new Errhandler(id);
}

/** @internal Comm.Set_errhandler */
export function setErrhandler(comm: number, errhandler: unknown): void {
  if (!(errhandler instanceof Errhandler)) throw new TypeError(`Set_errhandler: errhandler must be an MPI.Errhandler, got ${errhandler === null ? 'null' : typeof errhandler === 'object' ? (errhandler as object).constructor?.name ?? 'object' : typeof errhandler}`);
  if (errhandler === ERRORS_ABORT && !E.hasErrorsAbort) {
    // MPI-3 libraries lack it; MPICH 4.0 has the name but fails an assertion when it is set.
    if (!native.environment.features.mpi4) throw notProvided('Comm.Set_errhandler(MPI.ERRORS_ABORT)', '4.0');
    throw new NotImplementedError('Comm.Set_errhandler(MPI.ERRORS_ABORT)', 'not provided by this library (MPICH before 4.1 fails an assertion on it)');
  }
  if (errhandler.handle === NULL_ID) throw argumentError(ERR_ARG, 'Set_errhandler', 'errhandler is MPI.ERRHANDLER_NULL (or a freed one)');
  E.set(comm, errhandler.handle);
}

/** @internal Comm.Call_errhandler */
export function callErrhandler(comm: number, errorcode: number): void {
  // Open MPI takes any int (and calls the handler with it); error codes are never negative.
  if (errorcode < 0) throw argumentError(ERR_ARG, 'Call_errhandler', `errorcode ${errorcode} is negative (error codes are MPI.SUCCESS and up)`);
  E.call(comm, errorcode);
}
