/**
 * Parallel I/O. mpi4py: `MPI.File`, with the `MODE_*` access modes, the
 * `SEEK_*` positions and `DISPLACEMENT_CURRENT`. Files report errors as
 * MPI.Exception (MPI_ERRORS_RETURN, mpi4py's default for files).
 *
 * ```ts
 * using f = MPI.File.Open(comm, path, MPI.MODE_CREATE | MPI.MODE_WRONLY);
 * f.Write_at_all(comm.rank * 8, new Float64Array([comm.rank]));
 * ```
 */
import { fileURLToPath } from 'node:url';
import * as A from './args';
import { BufSpec, DatatypeSpec, Msg, p2p } from './buffer';
import { Intracomm } from './comm/intracomm';
import { ERR_AMODE, ERR_ARG, ERR_COMM, ERR_FILE, ERR_OTHER, ERR_UNSUPPORTED_OPERATION } from './constants';
import { BYTE, Datatype, toDatatype } from './datatype';
import * as Eh from './errhandler';
import type { Errhandler } from './errhandler';
import { argumentError, MPIException, NotImplementedError } from './errors';
import { Group } from './group';
import { Info, infoArg, INFO_NULL } from './info';
import { native } from './native';
import { fromNative } from './pack';
import { Request } from './request';
import { Status, statusBytes } from './status';
import { beforeFinalize } from './teardown';

const F = native.file;
const K = F.constants;

/** mpi4py: `MPI.MODE_RDONLY`: read only. */
export const MODE_RDONLY: number = K.MODE_RDONLY;
/** mpi4py: `MPI.MODE_WRONLY`: write only. */
export const MODE_WRONLY: number = K.MODE_WRONLY;
/** mpi4py: `MPI.MODE_RDWR`: reading and writing. */
export const MODE_RDWR: number = K.MODE_RDWR;
/** mpi4py: `MPI.MODE_CREATE`: create the file if it does not exist. */
export const MODE_CREATE: number = K.MODE_CREATE;
/** mpi4py: `MPI.MODE_EXCL`: error (ERR_FILE_EXISTS) if creating a file that exists. */
export const MODE_EXCL: number = K.MODE_EXCL;
/** mpi4py: `MPI.MODE_DELETE_ON_CLOSE`: delete the file on Close. */
export const MODE_DELETE_ON_CLOSE: number = K.MODE_DELETE_ON_CLOSE;
/** mpi4py: `MPI.MODE_UNIQUE_OPEN`: the file is not opened concurrently elsewhere. */
export const MODE_UNIQUE_OPEN: number = K.MODE_UNIQUE_OPEN;
/** mpi4py: `MPI.MODE_SEQUENTIAL`: the file is accessed sequentially only. */
export const MODE_SEQUENTIAL: number = K.MODE_SEQUENTIAL;
/** mpi4py: `MPI.MODE_APPEND`: every file pointer starts at the end of the file. */
export const MODE_APPEND: number = K.MODE_APPEND;
/** mpi4py: `MPI.SEEK_SET`: the pointer is set to offset. */
export const SEEK_SET: number = K.SEEK_SET;
/** mpi4py: `MPI.SEEK_CUR`: the pointer is set to its position plus offset. */
export const SEEK_CUR: number = K.SEEK_CUR;
/** mpi4py: `MPI.SEEK_END`: the pointer is set to the end of the file plus offset. */
export const SEEK_END: number = K.SEEK_END;
/** mpi4py: `MPI.DISPLACEMENT_CURRENT`: Set_view's disp on a MODE_SEQUENTIAL file. */
export const DISPLACEMENT_CURRENT: number = K.DISPLACEMENT_CURRENT;
/** mpi4py: `MPI.DISP_CUR`, the alias of DISPLACEMENT_CURRENT. */
export const DISP_CUR: number = K.DISPLACEMENT_CURRENT;
/** mpi4py: `MPI.MAX_DATAREP_STRING`. */
export const MAX_DATAREP_STRING: number = K.MAX_DATAREP_STRING;

const FILE_NULL_ID = 0;

/** A file name: a string, or a `file:` URL (mpi4py: a str or os.PathLike). */
export type FileName = string | URL;

/** mpi4py's keywords of `File.Open(comm, filename, amode=MODE_RDONLY, info=INFO_NULL)`. */
export interface OpenOptions {
  amode?: number;
  info?: Info;
}

/** mpi4py's keywords of `Set_view(disp=0, etype=BYTE, filetype=None, datarep='native', info=INFO_NULL)`. */
export interface SetViewOptions {
  disp?: number;
  etype?: DatatypeSpec;
  filetype?: DatatypeSpec | null;
  datarep?: string;
  info?: Info;
}

/** The keyword of the data access calls' last parameter: `f.Read(buf, {status})`. */
export interface FileStatusOptions {
  status?: Status | null;
}

/** The split collectives, by the name of their begin call (less `_begin`). */
type Split = 'Read_all' | 'Read_at_all' | 'Read_ordered' | 'Write_all' | 'Write_at_all' | 'Write_ordered';

/** What a begun split collective holds until its end: MPI keeps the buffer's address. */
interface Begun {
  kind: Split;
  view: ArrayBufferView | null;
}

/**
 * Buffers of begun split collectives, by file, strongly held: MPI may write
 * into the memory until the end call, whether or not the File stays referenced.
 */
const begun = new Map<File, Begun>();

/** The nonblocking accesses of each file that may still be pending: Close completes them first. */
const inflight = new WeakMap<File, Set<Request<undefined>>>();

/**
 * Files opened and not closed, by id, in the order they were opened, with their
 * pending accesses. File.Close is collective, so a File dropped unclosed is
 * never closed from its finalizer (a finalizer runs at a different point on
 * each rank, or never: a collective there could hang the job). Its collection
 * is warned of, as mpi4py's "collecting object with handle" warning, and every
 * file still open is closed just before MPI_Finalize, which every rank
 * reaches, in the order the files were opened (the order their collective
 * opens had on every rank). A file open on some ranks only at that point (a
 * program that closed it on others) would hang there, as MPI_Finalize itself
 * would under Open MPI, which closes forgotten files the same way.
 */
interface Opened {
  id: number;
  pending: Set<Request<undefined>>;
}
const opened = new Map<number, Opened>();
let warnedDropped = false;

const dropped = new FinalizationRegistry<Opened>((o) => {
  if (opened.get(o.id) !== o || warnedDropped) return;
  warnedDropped = true;
  process.emitWarning(
    `collecting object with MPI_File handle ${o.id}: the file was never closed (File.Close is collective); it is closed ` +
      'just before MPI_Finalize (Close() the files you open; further ones are collected without a warning)',
    { type: 'RuntimeWarning', code: 'MPI4JS_FILE_COLLECTED' },
  );
});

/** Completes a file's pending accesses (MPI forbids closing under them): their own errors are their promises'. */
function settle(pending: Iterable<Request<undefined>>): void {
  for (const r of pending) {
    try {
      if (r.active) r.Wait();
    } catch {
      // the access's own error: its promise rejects with it
    }
  }
}

beforeFinalize(() => {
  const left = [...opened.values()];
  opened.clear();
  for (const o of left) {
    settle(o.pending);
    try {
      F.close(o.id);
    } catch (e) {
      process.emitWarning(`mpi4js: could not close a file left open at MPI.Finalize: ${(e as Error).message}`, 'ResourceWarning');
    }
  }
});

function fileName(call: string, v: unknown): string {
  if (v instanceof URL) return fileURLToPath(v);
  const s = A.string(call, 'filename', v);
  if (s.includes('\0')) throw new RangeError(`${call}: filename must not contain NUL characters`);
  return s;
}

/**
 * An access mode MPI accepts: exactly one of RDONLY, WRONLY, RDWR; RDONLY
 * without CREATE or EXCL; RDWR without SEQUENTIAL (MPI 4.1 §14.2.1); no unknown
 * bits. Refused here as ERR_AMODE, the same on every MPI library.
 */
function amodeArg(call: string, v: unknown): number {
  const amode = A.int(call, 'amode', v);
  const known = MODE_RDONLY | MODE_WRONLY | MODE_RDWR | MODE_CREATE | MODE_EXCL | MODE_DELETE_ON_CLOSE | MODE_UNIQUE_OPEN | MODE_SEQUENTIAL | MODE_APPEND;
  const access = [MODE_RDONLY, MODE_WRONLY, MODE_RDWR].filter((m) => (amode & m) !== 0).length;
  let why: string | undefined;
  if ((amode & ~known) !== 0) why = `amode ${amode} has bits that are no MPI.MODE_* flag`;
  else if (access !== 1) why = `amode ${amode} must have exactly one of MPI.MODE_RDONLY, MODE_WRONLY, MODE_RDWR`;
  else if ((amode & MODE_RDONLY) !== 0 && (amode & (MODE_CREATE | MODE_EXCL)) !== 0) why = 'MPI.MODE_RDONLY cannot be combined with MODE_CREATE or MODE_EXCL';
  else if ((amode & MODE_RDWR) !== 0 && (amode & MODE_SEQUENTIAL) !== 0) why = 'MPI.MODE_RDWR cannot be combined with MODE_SEQUENTIAL';
  if (why) throw argumentError(ERR_AMODE, call, why);
  return amode;
}

/**
 * A file offset, size or displacement (MPI_Offset): an integer a double holds
 * exactly, and not negative, which MPI says is erroneous: ERR_ARG here, as Open
 * MPI 4.1 checks none of them (a negative offset crashes its nonblocking calls).
 */
function offsetArg(call: string, what: string, v: unknown): number {
  const r = A.aint(call, what, v);
  if (r < 0) throw argumentError(ERR_ARG, call, `${what} ${r} is negative`);
  return r;
}

/** The status of a data access call: a Status, null/undefined (ignored), or `{status}`. */
function statusArg(call: string, s: unknown): Uint8Array | undefined {
  const st = A.isOptions(s) ? A.options(call, s, { status: undefined as Status | null | undefined }).status : s;
  return statusBytes(st as Status | undefined | null, call);
}

function datatypeArg(call: string, what: string, t: unknown): Datatype {
  return toDatatype(t as DatatypeSpec, call, what).live(call, what);
}

function whenceArg(call: string, v: unknown): number {
  const w = A.int(call, 'whence', v);
  if (w !== SEEK_SET && w !== SEEK_CUR && w !== SEEK_END) throw new RangeError(`${call}: whence ${w} is not MPI.SEEK_SET, SEEK_CUR or SEEK_END`);
  return w;
}

/** mpi4py: `MPI.File`. `new MPI.File()` is FILE_NULL's kind: a null handle, which Close() makes of an open file. */
export class File {
  /** @internal id in the addon's file table */
  handle: number;
  /** Opened with MODE_SEQUENTIAL: the explicit-offset and individual-pointer calls are refused (see individual). */
  private sequential = false;

  constructor();
  /** @internal */
  constructor(handle: number);
  constructor(handle = FILE_NULL_ID) {
    this.handle = handle;
  }

  /** @internal this file's id for `call`: FILE_NULL (a closed file too) is MPI's ERR_FILE naming the call. */
  private live(call: string): number {
    if (this.handle === FILE_NULL_ID) throw argumentError(ERR_FILE, call, 'the file is MPI.FILE_NULL (or a closed file)');
    return this.handle;
  }

  /**
   * @internal this file's id for an explicit-offset or individual-pointer call:
   * on a MODE_SEQUENTIAL file MPI calls them erroneous, ERR_UNSUPPORTED_OPERATION
   * here (Open MPI 4.1 would run them; MPICH refuses them).
   */
  private individual(call: string): number {
    const h = this.live(call);
    if (this.sequential) throw argumentError(ERR_UNSUPPORTED_OPERATION, call, 'the file was opened with MPI.MODE_SEQUENTIAL: only the shared file pointer may be used');
    return h;
  }

  // ---- file manipulation ----------------------------------------------------------

  /**
   * Opens a file on every process of comm (collective). mpi4py:
   * `File.Open(comm, filename, amode=MODE_RDONLY, info=INFO_NULL)`.
   */
  static Open(comm: Intracomm, filename: FileName, amode?: number | OpenOptions, info?: Info | OpenOptions): File {
    const call = 'File.Open';
    if (!(comm instanceof Intracomm)) throw new TypeError(`${call}: comm must be an MPI.Intracomm, got ${A.describe(comm)}`);
    if (comm.handle === 0) throw argumentError(ERR_COMM, call, 'comm is MPI.COMM_NULL');
    const name = fileName(call, filename);
    const o = A.isOptions(amode) || A.isOptions(info)
      ? A.trailing(call, { amode: MODE_RDONLY as unknown, info: INFO_NULL as unknown }, [amode, info])
      : { amode: amode === undefined ? MODE_RDONLY : amode, info: info ?? INFO_NULL };
    const mode = amodeArg(call, o.amode);
    const file = new File(F.open(comm.handle, name, mode, infoArg(call, 'info', o.info)));
    file.sequential = (mode & MODE_SEQUENTIAL) !== 0;
    const entry: Opened = { id: file.handle, pending: new Set() };
    opened.set(file.handle, entry);
    inflight.set(file, entry.pending);
    dropped.register(file, entry, file);
    return file;
  }

  /**
   * Closes the file (collective); the object becomes FILE_NULL. Its pending
   * nonblocking accesses complete first (MPI forbids closing under them: the
   * library would touch the freed file), as `await` on them then tells.
   * mpi4py: `Close()`.
   */
  Close(): void {
    const h = this.live('File.Close');
    Eh.refuseInHandler('File', h, 'File.Close'); // inside its own error handler, MPI still uses it
    const pending = begun.get(this);
    if (pending) throw argumentError(ERR_OTHER, 'File.Close', `the split collective ${pending.kind}_begin has not ended: call ${pending.kind}_end first`);
    settle(opened.get(h)?.pending ?? inflight.get(this) ?? []);
    inflight.delete(this);
    F.close(h);
    opened.delete(h);
    dropped.unregister(this);
    this.handle = FILE_NULL_ID;
  }

  /** `using f = MPI.File.Open(…)`: Close() at the end of the scope, as mpi4py's context manager (nothing for FILE_NULL). */
  [Symbol.dispose](): void {
    if (this.handle !== FILE_NULL_ID) this.Close();
  }

  /** Deletes a file that no process has open; a missing file is ERR_NO_SUCH_FILE. mpi4py: `File.Delete(filename, info=INFO_NULL)`. */
  static Delete(filename: FileName, info: Info | { info?: Info } = INFO_NULL): void {
    const call = 'File.Delete';
    const name = fileName(call, filename);
    const i = A.isOptions(info) ? A.options(call, info, { info: INFO_NULL as unknown }).info : info;
    F.delete(name, infoArg(call, 'info', i));
  }

  /** Truncates or extends the file to size bytes (collective). mpi4py: `Set_size(size)`. */
  Set_size(size: number): void {
    const h = this.live('File.Set_size');
    F.setSize(h, offsetArg('File.Set_size', 'size', size));
  }

  /** Reserves storage for size bytes (collective). mpi4py: `Preallocate(size)`. */
  Preallocate(size: number): void {
    const h = this.live('File.Preallocate');
    F.preallocate(h, offsetArg('File.Preallocate', 'size', size));
  }

  /** The file's size in bytes. mpi4py: `Get_size()`. */
  Get_size(): number {
    return F.getSize(this.live('File.Get_size'));
  }

  /** mpi4py: `size`, the same as Get_size(). */
  get size(): number {
    return F.getSize(this.live('File.size'));
  }

  /** The access mode it was opened with. mpi4py: `Get_amode()`. */
  Get_amode(): number {
    return F.getAmode(this.live('File.Get_amode'));
  }

  /** mpi4py: `amode`, the same as Get_amode(). */
  get amode(): number {
    return F.getAmode(this.live('File.amode'));
  }

  /** A new group of the processes that opened the file. mpi4py: `Get_group()`. */
  Get_group(): Group {
    return new Group(F.getGroup(this.live('File.Get_group')));
  }

  /** mpi4py: `group`, the same as Get_group(). */
  get group(): Group {
    return new Group(F.getGroup(this.live('File.group')));
  }

  /** The number of processes that opened the file. mpi4py: `group_size`. */
  get group_size(): number {
    const g = new Group(F.getGroup(this.live('File.group_size')));
    try {
      return g.Get_size();
    } finally {
      g.Free();
    }
  }

  /** This process's rank among them. mpi4py: `group_rank`. */
  get group_rank(): number {
    const g = new Group(F.getGroup(this.live('File.group_rank')));
    try {
      return g.Get_rank();
    } finally {
      g.Free();
    }
  }

  /** Sets hints (collective). mpi4py: `Set_info(info)`. */
  Set_info(info: Info): void {
    const h = this.live('File.Set_info');
    F.setInfo(h, infoArg('File.Set_info', 'info', info));
  }

  /** A new info object with the hints in use. mpi4py: `Get_info()`. */
  Get_info(): Info {
    return new Info(F.getInfo(this.live('File.Get_info')));
  }

  /** mpi4py: `info`, Get_info() and Set_info(). */
  get info(): Info {
    return new Info(F.getInfo(this.live('File.info')));
  }

  set info(info: Info) {
    this.Set_info(info);
  }

  // ---- views ------------------------------------------------------------------------

  /**
   * Sets this process's view of the file (collective): data starts disp bytes
   * in, made of etype items laid out by filetype (etype when null), in datarep.
   * mpi4py: `Set_view(disp=0, etype=BYTE, filetype=None, datarep='native', info=INFO_NULL)`.
   */
  Set_view(
    disp?: number | SetViewOptions,
    etype?: DatatypeSpec | SetViewOptions,
    filetype?: DatatypeSpec | null | SetViewOptions,
    datarep?: string | SetViewOptions,
    info?: Info | SetViewOptions,
  ): void {
    const call = 'File.Set_view';
    const h = this.live(call);
    const given = [disp, etype, filetype, datarep, info];
    const o = given.some(A.isOptions)
      ? A.trailing(call, { disp: 0 as unknown, etype: BYTE as unknown, filetype: null as unknown, datarep: 'native' as unknown, info: INFO_NULL as unknown }, given)
      : { disp: disp === undefined ? 0 : disp, etype: etype === undefined ? BYTE : etype, filetype: filetype ?? null, datarep: datarep ?? 'native', info: info ?? INFO_NULL };
    const d = o.disp === DISPLACEMENT_CURRENT ? DISPLACEMENT_CURRENT : offsetArg(call, 'disp', o.disp);
    const e = datatypeArg(call, 'etype', o.etype);
    const t = o.filetype === null || o.filetype === undefined ? e : datatypeArg(call, 'filetype', o.filetype);
    const rep = A.string(call, 'datarep', o.datarep ?? 'native'); // None: 'native', as mpi4py
    if (rep.includes('\0') || Buffer.byteLength(rep) > MAX_DATAREP_STRING) throw new RangeError(`${call}: datarep must be at most MPI.MAX_DATAREP_STRING (${MAX_DATAREP_STRING}) bytes without NUL`);
    F.setView(h, d, e.handle, t.handle, rep, infoArg(call, 'info', o.info));
  }

  /**
   * `[disp, etype, filetype, datarep]`: a predefined type is its constant, a
   * derived one a new Datatype (free it when done). mpi4py: `Get_view()`.
   */
  Get_view(): [disp: number, etype: Datatype, filetype: Datatype, datarep: string] {
    const [disp, etype, filetype, datarep] = F.getView(this.live('File.Get_view'));
    return [disp, fromNative(etype), fromNative(filetype), datarep];
  }

  /** The extent of datatype in the file's data representation. mpi4py: `Get_type_extent(datatype)`. */
  Get_type_extent(datatype: DatatypeSpec): number {
    const h = this.live('File.Get_type_extent');
    return F.getTypeExtent(h, datatypeArg('File.Get_type_extent', 'datatype', datatype).handle);
  }

  // ---- positioning ---------------------------------------------------------------

  /** Moves the individual file pointer, in etypes of the view. mpi4py: `Seek(offset, whence=SEEK_SET)`. */
  Seek(offset: number, whence: number = SEEK_SET): void {
    const h = this.individual('File.Seek');
    const w = whenceArg('File.Seek', whence);
    F.seek(h, w === SEEK_SET ? offsetArg('File.Seek', 'offset', offset) : A.aint('File.Seek', 'offset', offset), w);
  }

  /** The individual file pointer, in etypes of the view. mpi4py: `Get_position()`. */
  Get_position(): number {
    return F.getPosition(this.individual('File.Get_position'));
  }

  /** The absolute byte position of offset etypes into the view. mpi4py: `Get_byte_offset(offset)`. */
  Get_byte_offset(offset: number): number {
    const h = this.individual('File.Get_byte_offset');
    return F.getByteOffset(h, offsetArg('File.Get_byte_offset', 'offset', offset));
  }

  /** Moves the shared file pointer (collective). mpi4py: `Seek_shared(offset, whence=SEEK_SET)`. */
  Seek_shared(offset: number, whence: number = SEEK_SET): void {
    const h = this.live('File.Seek_shared');
    const w = whenceArg('File.Seek_shared', whence);
    F.seekShared(h, w === SEEK_SET ? offsetArg('File.Seek_shared', 'offset', offset) : A.aint('File.Seek_shared', 'offset', offset), w);
  }

  /** The shared file pointer, in etypes of the view. mpi4py: `Get_position_shared()`. */
  Get_position_shared(): number {
    return F.getPositionShared(this.live('File.Get_position_shared'));
  }

  // ---- consistency ---------------------------------------------------------------

  /** Sets atomic mode (collective). mpi4py: `Set_atomicity(flag)`. */
  Set_atomicity(flag: boolean): void {
    const h = this.live('File.Set_atomicity');
    F.setAtomicity(h, Boolean(flag)); // read by its truth value, as mpi4py's bint
  }

  /** mpi4py: `Get_atomicity()`. */
  Get_atomicity(): boolean {
    return F.getAtomicity(this.live('File.Get_atomicity'));
  }

  /** mpi4py: `atomicity`, Get_atomicity() and Set_atomicity(). */
  get atomicity(): boolean {
    return this.Get_atomicity();
  }

  set atomicity(flag: boolean) {
    this.Set_atomicity(flag);
  }

  /** Transfers every write so far to the storage device (collective). mpi4py: `Sync()`. */
  Sync(): void {
    F.sync(this.live('File.Sync'));
  }

  // ---- data access ---------------------------------------------------------------

  /** @internal a blocking access without offset: (file, view, count, datatype, status) */
  private access(name: Access, buf: BufSpec, status: unknown): void {
    const call = `File.${name}`;
    const h = /shared|ordered/.test(name) ? this.live(call) : this.individual(call);
    const m = p2p(call, 'buf', buf);
    F[call as `File.${Access}`](h, m.view, m.count, m.datatype.handle, statusArg(call, status));
  }

  /** @internal a blocking access at an explicit offset */
  private accessAt(name: AccessAt, offset: number, buf: BufSpec, status: unknown): void {
    const call = `File.${name}`;
    const h = this.individual(call);
    const off = offsetArg(call, 'offset', offset);
    const m = p2p(call, 'buf', buf);
    F[call as `File.${AccessAt}`](h, off, m.view, m.count, m.datatype.handle, statusArg(call, status));
  }

  /** @internal a nonblocking access; collective ones may not be cancelled */
  private start(name: Nonblocking, offset: number | undefined, buf: BufSpec): Request<undefined> {
    const call = `File.${name}`;
    const h = name.endsWith('_shared') ? this.live(call) : this.individual(call);
    const off = offset === undefined ? undefined : offsetArg(call, 'offset', offset);
    const m = p2p(call, 'buf', buf);
    const id = off === undefined
      ? F[call as `File.${NonblockingPlain}`](h, m.view, m.count, m.datatype.handle)
      : F[call as `File.${NonblockingAt}`](h, off, m.view, m.count, m.datatype.handle);
    const r = new Request<undefined>(id, undefined, name.endsWith('_all'));
    // Kept for Close, which completes what is pending; the completed ones are let go here.
    const mine = opened.get(h)?.pending ?? inflight.get(this) ?? new Set<Request<undefined>>();
    for (const old of mine) if (!old.active) mine.delete(old);
    inflight.set(this, mine.add(r));
    return r;
  }

  /** @internal a split collective's begin: the buffer is held until its end */
  private begin(kind: Split, offset: number | undefined, buf: BufSpec): void {
    const call = `File.${kind}_begin`;
    const h = kind.endsWith('_ordered') ? this.live(call) : this.individual(call);
    const pending = begun.get(this);
    if (pending) throw argumentError(ERR_OTHER, call, `the split collective ${pending.kind}_begin has not ended: call ${pending.kind}_end first (one at a time per file)`);
    const off = offset === undefined ? undefined : offsetArg(call, 'offset', offset);
    const m = p2p(call, 'buf', buf);
    if (off === undefined) F[call as `File.${SplitPlain}_begin`](h, m.view, m.count, m.datatype.handle);
    else F[call as `File.${SplitAt}_begin`](h, off, m.view, m.count, m.datatype.handle);
    begun.set(this, { kind, view: viewOf(m) });
  }

  /** @internal a split collective's end: buf must be the begin call's buffer */
  private end(kind: Split, buf: BufSpec, status: unknown): void {
    const call = `File.${kind}_end`;
    const h = this.live(call);
    const pending = begun.get(this);
    if (!pending || pending.kind !== kind) {
      const now = pending ? `${pending.kind}_begin is what began` : 'none began';
      throw argumentError(ERR_OTHER, call, `no ${kind}_begin to end on this file (${now})`);
    }
    const m = p2p(call, 'buf', buf);
    const v = viewOf(m);
    const same = v === pending.view || (v !== null && pending.view !== null && v.buffer === pending.view.buffer && v.byteOffset === pending.view.byteOffset);
    if (!same) throw new TypeError(`${call}: buf must be the buffer given to ${kind}_begin (its memory, at the same offset)`);
    F[call as `File.${Split}_end`](h, m.view, m.count, m.datatype.handle, statusArg(call, status));
    begun.delete(this);
  }

  /** Reads at the individual file pointer. mpi4py: `Read(buf, status=None)`. */
  Read(buf: BufSpec, status?: Status | null | FileStatusOptions): void {
    this.access('Read', buf, status);
  }

  /** Collective Read. mpi4py: `Read_all(buf, status=None)`. */
  Read_all(buf: BufSpec, status?: Status | null | FileStatusOptions): void {
    this.access('Read_all', buf, status);
  }

  /** Reads at offset etypes into the view. mpi4py: `Read_at(offset, buf, status=None)`. */
  Read_at(offset: number, buf: BufSpec, status?: Status | null | FileStatusOptions): void {
    this.accessAt('Read_at', offset, buf, status);
  }

  /** Collective Read_at. mpi4py: `Read_at_all(offset, buf, status=None)`. */
  Read_at_all(offset: number, buf: BufSpec, status?: Status | null | FileStatusOptions): void {
    this.accessAt('Read_at_all', offset, buf, status);
  }

  /** Reads at the shared file pointer. mpi4py: `Read_shared(buf, status=None)`. */
  Read_shared(buf: BufSpec, status?: Status | null | FileStatusOptions): void {
    this.access('Read_shared', buf, status);
  }

  /** Collective read at the shared file pointer, in rank order. mpi4py: `Read_ordered(buf, status=None)`. */
  Read_ordered(buf: BufSpec, status?: Status | null | FileStatusOptions): void {
    this.access('Read_ordered', buf, status);
  }

  /** Writes at the individual file pointer. mpi4py: `Write(buf, status=None)`. */
  Write(buf: BufSpec, status?: Status | null | FileStatusOptions): void {
    this.access('Write', buf, status);
  }

  /** Collective Write. mpi4py: `Write_all(buf, status=None)`. */
  Write_all(buf: BufSpec, status?: Status | null | FileStatusOptions): void {
    this.access('Write_all', buf, status);
  }

  /** Writes at offset etypes into the view. mpi4py: `Write_at(offset, buf, status=None)`. */
  Write_at(offset: number, buf: BufSpec, status?: Status | null | FileStatusOptions): void {
    this.accessAt('Write_at', offset, buf, status);
  }

  /** Collective Write_at. mpi4py: `Write_at_all(offset, buf, status=None)`. */
  Write_at_all(offset: number, buf: BufSpec, status?: Status | null | FileStatusOptions): void {
    this.accessAt('Write_at_all', offset, buf, status);
  }

  /** Writes at the shared file pointer. mpi4py: `Write_shared(buf, status=None)`. */
  Write_shared(buf: BufSpec, status?: Status | null | FileStatusOptions): void {
    this.access('Write_shared', buf, status);
  }

  /** Collective write at the shared file pointer, in rank order. mpi4py: `Write_ordered(buf, status=None)`. */
  Write_ordered(buf: BufSpec, status?: Status | null | FileStatusOptions): void {
    this.access('Write_ordered', buf, status);
  }

  /** Nonblocking Read. mpi4py: `Iread(buf)`. */
  Iread(buf: BufSpec): Request<undefined> {
    return this.start('Iread', undefined, buf);
  }

  /** Nonblocking Read_all. mpi4py: `Iread_all(buf)`. */
  Iread_all(buf: BufSpec): Request<undefined> {
    return this.start('Iread_all', undefined, buf);
  }

  /** Nonblocking Read_at. mpi4py: `Iread_at(offset, buf)`. */
  Iread_at(offset: number, buf: BufSpec): Request<undefined> {
    return this.start('Iread_at', offset, buf);
  }

  /** Nonblocking Read_at_all. mpi4py: `Iread_at_all(offset, buf)`. */
  Iread_at_all(offset: number, buf: BufSpec): Request<undefined> {
    return this.start('Iread_at_all', offset, buf);
  }

  /** Nonblocking Read_shared. mpi4py: `Iread_shared(buf)`. */
  Iread_shared(buf: BufSpec): Request<undefined> {
    return this.start('Iread_shared', undefined, buf);
  }

  /** Nonblocking Write. mpi4py: `Iwrite(buf)`. */
  Iwrite(buf: BufSpec): Request<undefined> {
    return this.start('Iwrite', undefined, buf);
  }

  /** Nonblocking Write_all. mpi4py: `Iwrite_all(buf)`. */
  Iwrite_all(buf: BufSpec): Request<undefined> {
    return this.start('Iwrite_all', undefined, buf);
  }

  /** Nonblocking Write_at. mpi4py: `Iwrite_at(offset, buf)`. */
  Iwrite_at(offset: number, buf: BufSpec): Request<undefined> {
    return this.start('Iwrite_at', offset, buf);
  }

  /** Nonblocking Write_at_all. mpi4py: `Iwrite_at_all(offset, buf)`. */
  Iwrite_at_all(offset: number, buf: BufSpec): Request<undefined> {
    return this.start('Iwrite_at_all', offset, buf);
  }

  /** Nonblocking Write_shared. mpi4py: `Iwrite_shared(buf)`. */
  Iwrite_shared(buf: BufSpec): Request<undefined> {
    return this.start('Iwrite_shared', undefined, buf);
  }

  /** Begins a split collective Read_all. mpi4py: `Read_all_begin(buf)`. */
  Read_all_begin(buf: BufSpec): void {
    this.begin('Read_all', undefined, buf);
  }

  /** Ends it, with the same buffer. mpi4py: `Read_all_end(buf, status=None)`. */
  Read_all_end(buf: BufSpec, status?: Status | null | FileStatusOptions): void {
    this.end('Read_all', buf, status);
  }

  /** Begins a split collective Read_at_all. mpi4py: `Read_at_all_begin(offset, buf)`. */
  Read_at_all_begin(offset: number, buf: BufSpec): void {
    this.begin('Read_at_all', offset, buf);
  }

  /** Ends it, with the same buffer. mpi4py: `Read_at_all_end(buf, status=None)`. */
  Read_at_all_end(buf: BufSpec, status?: Status | null | FileStatusOptions): void {
    this.end('Read_at_all', buf, status);
  }

  /** Begins a split collective Read_ordered. mpi4py: `Read_ordered_begin(buf)`. */
  Read_ordered_begin(buf: BufSpec): void {
    this.begin('Read_ordered', undefined, buf);
  }

  /** Ends it, with the same buffer. mpi4py: `Read_ordered_end(buf, status=None)`. */
  Read_ordered_end(buf: BufSpec, status?: Status | null | FileStatusOptions): void {
    this.end('Read_ordered', buf, status);
  }

  /** Begins a split collective Write_all. mpi4py: `Write_all_begin(buf)`. */
  Write_all_begin(buf: BufSpec): void {
    this.begin('Write_all', undefined, buf);
  }

  /** Ends it, with the same buffer. mpi4py: `Write_all_end(buf, status=None)`. */
  Write_all_end(buf: BufSpec, status?: Status | null | FileStatusOptions): void {
    this.end('Write_all', buf, status);
  }

  /** Begins a split collective Write_at_all. mpi4py: `Write_at_all_begin(offset, buf)`. */
  Write_at_all_begin(offset: number, buf: BufSpec): void {
    this.begin('Write_at_all', offset, buf);
  }

  /** Ends it, with the same buffer. mpi4py: `Write_at_all_end(buf, status=None)`. */
  Write_at_all_end(buf: BufSpec, status?: Status | null | FileStatusOptions): void {
    this.end('Write_at_all', buf, status);
  }

  /** Begins a split collective Write_ordered. mpi4py: `Write_ordered_begin(buf)`. */
  Write_ordered_begin(buf: BufSpec): void {
    this.begin('Write_ordered', undefined, buf);
  }

  /** Ends it, with the same buffer. mpi4py: `Write_ordered_end(buf, status=None)`. */
  Write_ordered_end(buf: BufSpec, status?: Status | null | FileStatusOptions): void {
    this.end('Write_ordered', buf, status);
  }

  // ---- error handlers (one path for the four kinds: lib/errhandler.ts) ----------

  /**
   * A handler calling `errhandler_fn(file, errorcode)` inside a failing file
   * call, on the main thread; the call then throws MPI.Exception with the code.
   * At most 32 per process, as in mpi4py. mpi4py: `File.Create_errhandler(errhandler_fn)`.
   */
  static Create_errhandler(errhandler_fn: (file: File, errorcode: number) => void): Errhandler {
    return Eh.createErrhandlerOf('File', errhandler_fn);
  }

  /**
   * The file's error handler (ERRORS_RETURN, the default, as its constant). On
   * MPI.FILE_NULL (or a closed file, which is FILE_NULL): the handler File.Open and
   * File.Delete report through, MPI_File_get_errhandler(MPI_FILE_NULL). mpi4py: `Get_errhandler()`.
   */
  Get_errhandler(): Errhandler {
    return Eh.getErrhandlerOf('File', this.handle);
  }

  /**
   * MPI.ERRORS_RETURN, ERRORS_ARE_FATAL, ERRORS_ABORT (where the library has it) or a
   * handler of File.Create_errhandler. On MPI.FILE_NULL (or a closed file) it sets the
   * handler File.Open, File.Delete and MPI.Register_datarep report their errors through
   * (e.g. `MPI.FILE_NULL.Set_errhandler(MPI.ERRORS_ARE_FATAL)`); a file opened then gets
   * ERRORS_RETURN all the same, as mpi4py sets on each. mpi4py: `Set_errhandler(errhandler)`.
   */
  Set_errhandler(errhandler: Errhandler): void {
    Eh.setErrhandlerOf('File', this.handle, errhandler);
  }

  /** Calls the file's error handler with errorcode. mpi4py: `Call_errhandler(errorcode)`. */
  Call_errhandler(errorcode: number): void {
    const h = this.live('File.Call_errhandler');
    Eh.callErrhandlerOf('File', h, A.int('File.Call_errhandler', 'errorcode', errorcode));
  }

  toString(): string {
    return this.handle === FILE_NULL_ID ? 'MPI.FILE_NULL' : `MPI.File(${this.handle})`;
  }
}

/** The memory of a resolved message (MPI.IN_PLACE is refused by p2p before). */
function viewOf(m: Msg): ArrayBufferView | null {
  return ArrayBuffer.isView(m.view) ? m.view : null;
}

type Access = 'Read' | 'Read_all' | 'Read_shared' | 'Read_ordered' | 'Write' | 'Write_all' | 'Write_shared' | 'Write_ordered';
type AccessAt = 'Read_at' | 'Read_at_all' | 'Write_at' | 'Write_at_all';
type NonblockingPlain = 'Iread' | 'Iread_all' | 'Iread_shared' | 'Iwrite' | 'Iwrite_all' | 'Iwrite_shared';
type NonblockingAt = 'Iread_at' | 'Iread_at_all' | 'Iwrite_at' | 'Iwrite_at_all';
type Nonblocking = NonblockingPlain | NonblockingAt;
type SplitPlain = 'Read_all' | 'Read_ordered' | 'Write_all' | 'Write_ordered';
type SplitAt = 'Read_at_all' | 'Write_at_all';

/** mpi4py: `MPI.FILE_NULL`. */
export const FILE_NULL = new File();

// A file handler's first argument: a new File object of the handle (mpi4py alike), FILE_NULL's kind for none.
Eh.setObjectFactory('File', (id) => new File(id > 0 ? id : FILE_NULL_ID));

/** mpi4py's `read_fn`/`write_fn(buf, datatype, count, filebuf, position)` of Register_datarep. */
export type DatarepConversionFn = (buf: Uint8Array, datatype: Datatype, count: number, filebuf: Uint8Array, position: number) => void;
/** mpi4py's `extent_fn(datatype)`: the datatype's extent in the file. */
export type DatarepExtentFn = (datatype: Datatype) => number;

/**
 * Registers a data representation for File.Set_view. mpi4py:
 * `MPI.Register_datarep(datarep, read_fn, write_fn, extent_fn)`.
 *
 * mpi4js never calls the JavaScript functions: no library it supports uses
 * user data representations (MPICH's ROMIO registers one without conversion
 * functions but refuses it in Set_view, ERR_UNSUPPORTED_DATAREP; with
 * conversion functions it refuses the registration, ERR_CONVERSION; Open MPI
 * 4.1's ompio refuses them all: NotImplementedError here). A conversion run
 * from a nonblocking access's progress could not call JavaScript anyway. A
 * name registered twice is MPI.Exception ERR_DUP_DATAREP.
 */
export function Register_datarep(datarep: string, read_fn: DatarepConversionFn | null, write_fn: DatarepConversionFn | null, extent_fn: DatarepExtentFn): void {
  const call = 'Register_datarep';
  const name = A.string(call, 'datarep', datarep);
  if (name.includes('\0') || Buffer.byteLength(name) > MAX_DATAREP_STRING) {
    throw new RangeError(`${call}: datarep must be at most MPI.MAX_DATAREP_STRING (${MAX_DATAREP_STRING}) bytes without NUL`);
  }
  for (const [what, fn] of [['read_fn', read_fn], ['write_fn', write_fn]] as const) {
    if (fn !== null && fn !== undefined && typeof fn !== 'function') throw new TypeError(`${call}: ${what} must be a function or null, got ${A.describe(fn)}`);
  }
  if (typeof extent_fn !== 'function') throw new TypeError(`${call}: extent_fn must be a function, got ${A.describe(extent_fn)}`);
  const conversions = typeof read_fn === 'function' || typeof write_fn === 'function';
  try {
    F.registerDatarep(name, conversions);
  } catch (e) {
    // ompio (Open MPI 4.1) registers none, answering ERR_OTHER or even ERR_DUP_DATAREP for a new name (measured).
    if (e instanceof MPIException && native.environment.builtAgainst.family === 'Open MPI') {
      throw new NotImplementedError(call, `Open MPI's MPI-IO (ompio) supports no user-defined data representations (MPI_Register_datarep: ${e.error_string})`);
    }
    throw e;
  }
}
