/**
 * Status: the raw bytes of an MPI_Status, which MPI fills in place; the public
 * fields are read straight from them.
 */
import * as A from './args';
import { BYTE, Datatype } from './datatype';
import { native } from './native';

const S = native.status;
const { bytes: STATUS_BYTES, source: SOURCE, tag: TAG, error: ERROR } = S.layout;

/** A fresh status's bytes as MPI made them, copied into new statuses (every awaited request has one). */
let blank: Uint8Array | undefined;

/** mpi4py: `MPI.Status`. Pass one to a receive, probe or wait to learn the source, tag and size. */
export class Status {
  /** @internal what MPI writes into */
  readonly bytes = new Uint8Array(STATUS_BYTES);
  private view?: Int32Array;

  /** A fresh status (source ANY_SOURCE, tag ANY_TAG, error SUCCESS, count 0), or a copy of one. */
  constructor(status?: Status) {
    if (status) this.bytes.set(status.bytes);
    else if (blank) this.bytes.set(blank);
    else if (S.reset(this.bytes)) blank = this.bytes.slice();
  }

  private get ints(): Int32Array {
    return (this.view ??= new Int32Array(this.bytes.buffer));
  }

  /** mpi4py: `Get_source()`. */
  Get_source(): number {
    return this.ints[SOURCE];
  }

  /** mpi4py: `Set_source(source)`. */
  Set_source(source: number): void {
    source = A.int('Set_source', 'source', source);
    this.ints[SOURCE] = source;
  }

  /** mpi4py: `Get_tag()`. */
  Get_tag(): number {
    return this.ints[TAG];
  }

  /** mpi4py: `Set_tag(tag)`. */
  Set_tag(tag: number): void {
    tag = A.int('Set_tag', 'tag', tag);
    this.ints[TAG] = tag;
  }

  /** mpi4py: `Get_error()`. */
  Get_error(): number {
    return this.ints[ERROR];
  }

  /** mpi4py: `Set_error(error)`. */
  Set_error(error: number): void {
    error = A.int('Set_error', 'error', error);
    this.ints[ERROR] = error;
  }

  /**
   * Items of `datatype` received (default MPI.BYTE); MPI.UNDEFINED if not a
   * whole number. For objects this is the serialized size. mpi4py: `Get_count(datatype=BYTE)`.
   */
  Get_count(datatype: Datatype | { datatype?: Datatype } = BYTE): number {
    if (!(datatype instanceof Datatype)) datatype = A.trailing('Get_count', { datatype: BYTE }, [datatype]).datatype;
    return S.getCount(this.bytes, A.ofKind('Get_count', 'datatype', datatype, Datatype, 'MPI.Datatype').handle);
  }

  /** mpi4py: `Get_elements(datatype)`. */
  Get_elements(datatype: Datatype): number {
    return S.getElements(this.bytes, A.ofKind('Get_elements', 'datatype', datatype, Datatype, 'MPI.Datatype').handle);
  }

  /** mpi4py: `Set_elements(datatype, count)`. */
  Set_elements(datatype: Datatype, count: number): void {
    const type = A.ofKind('Set_elements', 'datatype', datatype, Datatype, 'MPI.Datatype');
    S.setElements(this.bytes, type.handle, A.count('Set_elements', 'count', count, true));
  }

  /** mpi4py: `Is_cancelled()`. */
  Is_cancelled(): boolean {
    return S.isCancelled(this.bytes);
  }

  /** mpi4py: `Set_cancelled(flag)`. */
  Set_cancelled(flag: boolean): void {
    if (typeof flag !== 'boolean') throw new TypeError(`Set_cancelled: flag must be a boolean, got ${A.describe(flag)}`);
    S.setCancelled(this.bytes, flag);
  }

  get source(): number {
    return this.Get_source();
  }

  set source(value: number) {
    this.Set_source(value);
  }

  get tag(): number {
    return this.Get_tag();
  }

  set tag(value: number) {
    this.Set_tag(value);
  }

  get error(): number {
    return this.Get_error();
  }

  set error(value: number) {
    this.Set_error(value);
  }

  /** Bytes received. Setting it sets the count in MPI.BYTE (mpi4py: `Set_elements(BYTE, value)`). */
  get count(): number {
    return this.Get_count();
  }

  set count(value: number) {
    this.Set_elements(BYTE, value);
  }

  /** Whether the operation was cancelled (mpi4py: `Is_cancelled()`/`Set_cancelled(flag)`). */
  get cancelled(): boolean {
    return this.Is_cancelled();
  }

  set cancelled(value: boolean) {
    this.Set_cancelled(value);
  }
}

/** @internal The bytes MPI writes a status into, or undefined to ignore it. */
export function statusBytes(status: Status | undefined | null, call = 'status'): Uint8Array | undefined {
  if (status === undefined || status === null) return undefined;
  if (!(status instanceof Status)) throw new TypeError(`${call}: status must be an MPI.Status, got ${A.describe(status)}`);
  return status.bytes;
}
