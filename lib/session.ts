/**
 * MPI-4 sessions, as mpi4py's `MPI.Session` (`MPI.src/Session.pyx`): a handle
 * on MPI's process sets (`mpi://WORLD`, `mpi://SELF`, and whatever the launcher
 * adds), whose groups make communicators through `Intracomm.Create_from_group`,
 * with no COMM_WORLD in between. Here sessions live beside the world model:
 * MPI is initialised as ever when mpi4js loads, and a session's communicators
 * are Intracomms like any other. Where the library is older than MPI-4.0
 * (Open MPI 4.1) every name exists and throws NotImplementedError
 * (src-native/session.cc is built only against MPI-4 headers).
 */
import * as A from './args';
import { missing41 } from './bsend';
import { ERR_ARG, ERR_LASTCODE } from './constants';
import * as Eh from './errhandler';
import { Errhandler, ERRHANDLER_NULL, ERRORS_ABORT, ERRORS_RETURN } from './errhandler';
import { argumentError, NotImplementedError, notProvided } from './errors';
import { Group, sessionHooks } from './group';
import { Info, INFO_NULL, infoArg } from './info';
import { native } from './native';
import type { Request } from './request';

const S = native.session;

/** The null session's id (the table's slot 0, src-native/handles.h). */
const SESSION_NULL_ID = 0;

/** mpi4py: `MPI.ERR_SESSION` (MPI-4.0); mpi4py's stand-in, ERR_LASTCODE, where the library lacks it. */
export const ERR_SESSION: number = S.ERR_SESSION ?? ERR_LASTCODE;
/** mpi4py: `MPI.MAX_PSET_NAME_LEN` (MPI-4.0); 1, as mpi4py's stand-in, where the library lacks it. */
export const MAX_PSET_NAME_LEN: number = S.MAX_PSET_NAME_LEN ?? 1;

/** Options of Session.Init, as mpi4py's keywords. */
export interface SessionInitOptions {
  info?: Info;
  errhandler?: Errhandler | null;
}

/** Options of Intracomm.Create_from_group after the group, as mpi4py's keywords. */
export interface CreateFromGroupOptions {
  stringtag?: string;
  info?: Info;
  errhandler?: Errhandler | null;
}

/** The addon's session functions, or NotImplementedError naming call where the library is MPI-3 (before any argument is read). */
function native4(call: string): Required<typeof S> {
  if (!S.available) throw notProvided(call, '4.0');
  return S as Required<typeof S>;
}

/**
 * The error handler id for a session or a new communicator: none (undefined,
 * null) is ERRORS_RETURN, so errors come back as MPI.Exception as everywhere in
 * mpi4js. A session takes the predefined handlers and those of
 * Session.Create_errhandler; a new communicator, those of Comm.Create_errhandler.
 */
function errhandlerArg(call: string, v: unknown, forSession: boolean): number {
  if (v === undefined || v === null) return ERRORS_RETURN.handle;
  const eh = A.ofKind(call, 'errhandler', v, Errhandler, 'MPI.Errhandler');
  if (eh === ERRORS_ABORT && eh.handle === ERRHANDLER_NULL.handle) {
    throw new NotImplementedError(`${call}(MPI.ERRORS_ABORT)`, 'MPI.ERRORS_ABORT is not provided by this library (MPI-3, or MPICH before 4.1)');
  }
  if (eh.handle === ERRHANDLER_NULL.handle) throw argumentError(ERR_ARG, call, 'errhandler is MPI.ERRHANDLER_NULL (or a freed one)');
  // A user handler of the other kind would be called by MPI with the wrong object.
  const kind = forSession ? 'Session' : 'Comm';
  if (eh.kind !== undefined && eh.kind !== kind) {
    throw argumentError(ERR_ARG, call, `errhandler must be a predefined one or one of ${kind}.Create_errhandler (this one is of ${eh.kind}.Create_errhandler)`);
  }
  return eh.handle;
}

/** A process set's name: a string MPI can take whole (no NUL, which would cut it short). */
function psetName(call: string, v: unknown): string {
  const name = A.string(call, 'pset_name', v);
  if (name.includes('\0')) throw new RangeError(`${call}: pset_name must not contain NUL characters`);
  return name;
}

/** mpi4py: `MPI.Session`. `new MPI.Session()` is MPI.SESSION_NULL's kind: a null handle. */
export class Session {
  /** @internal id in the addon's session table */
  handle: number;

  /** A null session; of another Session, a second object of its handle (mpi4py: `Session(session)`). */
  constructor(session?: Session);
  /** @internal */
  constructor(handle: number);
  constructor(handle: number | Session = SESSION_NULL_ID) {
    this.handle = handle instanceof Session ? handle.handle : handle;
  }

  /** @internal this session's id for call: SESSION_NULL (a finalized session too) is MPI.Exception ERR_SESSION naming the call. */
  live(call: string): number {
    if (this.handle === SESSION_NULL_ID) throw argumentError(ERR_SESSION, call, 'the session is MPI.SESSION_NULL (or a finalized session)');
    return this.handle;
  }

  /**
   * A new session. mpi4py: `Session.Init(info=INFO_NULL, errhandler=None)`;
   * no errhandler is MPI.ERRORS_RETURN (errors thrown as MPI.Exception).
   */
  static Init(info?: Info | SessionInitOptions, errhandler?: Errhandler | null | Pick<SessionInitOptions, 'errhandler'>): Session {
    const call = 'Session.Init';
    const N = native4(call);
    const o = A.trailing(call, { info: INFO_NULL as unknown, errhandler: undefined as unknown }, [info, errhandler]);
    return new Session(N.init(infoArg(call, 'info', o.info), errhandlerArg(call, o.errhandler, true)));
  }

  /**
   * Ends the session; the object becomes the null handle. Free the
   * communicators made from it first (MPI may otherwise synchronise here as
   * a disconnect of each). mpi4py: `Finalize()`.
   */
  Finalize(): void {
    const N = native4('Session.Finalize');
    const h = this.live('Session.Finalize');
    Eh.refuseInHandler('Session', h, 'Session.Finalize'); // inside its own error handler, MPI still uses it
    N.finalize(h);
    this.handle = SESSION_NULL_ID;
  }

  /** `using session = MPI.Session.Init()`: Finalize() at the end of the scope unless null, as mpi4py's `with`. */
  [Symbol.dispose](): void {
    if (this.handle !== SESSION_NULL_ID) this.Finalize();
  }

  /** The number of process sets. mpi4py: `Get_num_psets(info=INFO_NULL)`. */
  Get_num_psets(info: Info | { info?: Info } = INFO_NULL): number {
    const call = 'Session.Get_num_psets';
    const N = native4(call);
    const o = A.trailing(call, { info: INFO_NULL as unknown }, [info]);
    return N.numPsets(this.live(call), infoArg(call, 'info', o.info));
  }

  /** The n-th process set's name, 0 ≤ n < Get_num_psets(). mpi4py: `Get_nth_pset(n, info=INFO_NULL)`. */
  Get_nth_pset(n: number | { n: number; info?: Info }, info?: Info | { info?: Info }): string {
    const call = 'Session.Get_nth_pset';
    const N = native4(call);
    const o = A.trailing(call, { n: undefined as unknown, info: INFO_NULL as unknown }, [n, info]);
    if (o.n === undefined) throw new TypeError(`${call}: n is required`);
    const k = A.int(call, 'n', o.n);
    const h = this.live(call);
    const i = infoArg(call, 'info', o.info);
    const count = N.numPsets(h, i);
    if (k < 0 || k >= count) throw new RangeError(`${call}: n ${k} is not in [0, ${count})`);
    return N.nthPset(h, k, i);
  }

  /** The session's hints, a new MPI.Info (Free it). mpi4py: `Get_info()`. */
  Get_info(): Info {
    const N = native4('Session.Get_info');
    return new Info(N.getInfo(this.live('Session.Get_info')));
  }

  /** mpi4py: `session.info` (a new MPI.Info each time). */
  get info(): Info {
    const N = native4('Session.info');
    return new Info(N.getInfo(this.live('Session.info')));
  }

  /** A process set's hints (`mpi_size`, …), a new MPI.Info. mpi4py: `Get_pset_info(pset_name)`. */
  Get_pset_info(pset_name: string): Info {
    const call = 'Session.Get_pset_info';
    const N = native4(call);
    const h = this.live(call);
    return new Info(N.getPsetInfo(h, psetName(call, pset_name)));
  }

  /** The group of a process set, e.g. `mpi://WORLD`. mpi4py: `Create_group(pset_name)`. */
  Create_group(pset_name: string): Group {
    return sessionGroup('Session.Create_group', this, pset_name);
  }

  /** The session's error handler (a predefined one as its constant). mpi4py: `Get_errhandler()`. */
  Get_errhandler(): Errhandler {
    native4('Session.Get_errhandler');
    return Eh.getErrhandlerOf('Session', this.live('Session.Get_errhandler'));
  }

  /**
   * MPI.ERRORS_RETURN, ERRORS_ARE_FATAL, ERRORS_ABORT (where the library has it) or a
   * handler of Session.Create_errhandler. mpi4py: `Set_errhandler(errhandler)`.
   */
  Set_errhandler(errhandler: Errhandler): void {
    const call = 'Session.Set_errhandler';
    native4(call);
    Eh.setErrhandlerOf('Session', this.live(call), errhandler);
  }

  /** Calls the session's error handler with errorcode. mpi4py: `Call_errhandler(errorcode)`. */
  Call_errhandler(errorcode: number): void {
    const call = 'Session.Call_errhandler';
    native4(call);
    const h = this.live(call);
    Eh.callErrhandlerOf('Session', h, A.int(call, 'errorcode', errorcode));
  }

  /**
   * A handler calling `errhandler_fn(session, errorcode)` inside a failing
   * session call, on the main thread; the call then throws MPI.Exception with
   * the code. At most 32 per process, as in mpi4py. MPI-4.0: NotImplementedError
   * on an older library. mpi4py: `Session.Create_errhandler(errhandler_fn)`.
   */
  static Create_errhandler(errhandler_fn: (session: Session, errorcode: number) => void): Errhandler {
    native4('Session.Create_errhandler');
    return Eh.createErrhandlerOf('Session', errhandler_fn);
  }

  /** MPI-4.1 (a session's buffer for buffered sends): NotImplementedError where the library lacks it. mpi4py: `Attach_buffer(buf)`. */
  Attach_buffer(_buf: unknown): void {
    throw missing41('Session.Attach_buffer', 'MPI_Session_attach_buffer');
  }

  /** MPI-4.1: NotImplementedError where the library lacks it. mpi4py: `Detach_buffer()`. */
  Detach_buffer(): never {
    throw missing41('Session.Detach_buffer', 'MPI_Session_detach_buffer');
  }

  /** MPI-4.1: NotImplementedError where the library lacks it. mpi4py: `Flush_buffer()`. */
  Flush_buffer(): void {
    throw missing41('Session.Flush_buffer', 'MPI_Session_flush_buffer');
  }

  /** MPI-4.1: NotImplementedError where the library lacks it. mpi4py: `Iflush_buffer()`. */
  Iflush_buffer(): Request {
    throw missing41('Session.Iflush_buffer', 'MPI_Session_iflush_buffer');
  }

  toString(): string {
    return this.handle === SESSION_NULL_ID ? 'MPI.SESSION_NULL' : `MPI.Session(${this.handle})`;
  }
}

/** mpi4py: `MPI.SESSION_NULL`. */
export const SESSION_NULL = new Session();

// A session handler's first argument: a new Session object of the handle (mpi4py alike).
Eh.setObjectFactory('Session', (id) => new Session(id > 0 ? id : SESSION_NULL_ID));

/** @internal Session.Create_group and Group.Create_from_session_pset: a process set's group. */
export function sessionGroup(call: string, session: unknown, pset_name: unknown): Group {
  const N = native4(call);
  const h = A.ofKind(call, 'session', session, Session, 'MPI.Session').live(call);
  return new Group(N.createGroup(h, psetName(call, pset_name)));
}

/**
 * @internal Intracomm.Create_from_group's native half: the new communicator's
 * id (collective over group's processes, which alone call it).
 */
export function commFromGroup(group: unknown, stringtag: unknown, info: unknown, errhandler: unknown): number {
  const call = 'Intracomm.Create_from_group';
  const N = native4(call);
  const o = A.trailing(call, { stringtag: 'org.mpi4py' as unknown, info: INFO_NULL as unknown, errhandler: undefined as unknown }, [stringtag, info, errhandler]);
  const g = A.ofKind(call, 'group', group, Group, 'MPI.Group').handle;
  const tag = A.string(call, 'stringtag', o.stringtag);
  if (tag.includes('\0')) throw new RangeError(`${call}: stringtag must not contain NUL characters`);
  return N.commCreateFromGroup(g, tag, infoArg(call, 'info', o.info), errhandlerArg(call, o.errhandler, false));
}

sessionHooks.group = sessionGroup;
