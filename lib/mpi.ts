/**
 * The `MPI` namespace, as mpi4py's `MPI` module: `MPI.COMM_WORLD`, `MPI.SUM`,
 * `MPI.Status`, `MPI.Wtime()`, … Loading it initialises MPI (lib/environment.ts).
 */
export * from './environment';
export * from './constants';
export { MPIException as Exception, NotImplementedError, TimeoutError, Get_error_class, Get_error_string } from './errors';
export type { Waiting } from './errors';
// The public names of the datatype and op modules, listed: their other exports
// (the resolver's lookups, the lowercase reductions' helpers) are the library's own.
export {
  Datatype, toDatatype,
  DATATYPE_NULL, BYTE, PACKED, CHAR, WCHAR, SIGNED_CHAR, UNSIGNED_CHAR, SHORT, UNSIGNED_SHORT, INT, UNSIGNED, LONG,
  UNSIGNED_LONG, LONG_LONG, UNSIGNED_LONG_LONG, FLOAT, DOUBLE, LONG_DOUBLE, C_BOOL, INT8_T, INT16_T, INT32_T, INT64_T,
  UINT8_T, UINT16_T, UINT32_T, UINT64_T, C_FLOAT_COMPLEX, C_DOUBLE_COMPLEX, AINT, OFFSET, COUNT, FLOAT_INT, DOUBLE_INT,
  LONG_INT, TWOINT, SHORT_INT, LONG_DOUBLE_INT, LONG_LONG_INT,
} from './datatype';
export type { TypeCode } from './datatype';
export { IN_PLACE } from './buffer';
export type { BufferLike, BufSpec, BufSpecV, Counts, DatatypeSpec, InPlace } from './buffer';
// --- send modes and collectives (issue 12, WP3)
export type { BufSpecW } from './buffer';
export { Attach_buffer, Detach_buffer, Flush_buffer, Iflush_buffer, BUFFER_AUTOMATIC } from './bsend';
export type { AttachableBuffer, BufferAutomatic } from './bsend';
export type { ReduceScatterOptions } from './comm';
export { Op, OP_NULL, SUM, PROD, MAX, MIN, LAND, LOR, LXOR, BAND, BOR, BXOR, MAXLOC, MINLOC, REPLACE, NO_OP } from './op';
export type { OpFunction, OpLike } from './op';
export { Status } from './status';
export { Request, REQUEST_NULL } from './request';
export type { WaitOptions } from './request';
export { Message } from './message';
export { Group, GROUP_NULL, GROUP_EMPTY } from './group';
export { Pickle, pickle, PickleError } from './pickle';
export type { Dumps, Loads, Delivery } from './pickle';
export { Comm, Intracomm, Cartcomm, COMM_NULL, COMM_WORLD, COMM_SELF } from './comm';
export type {
  SendOptions, RecvOptions, IrecvOptions, SendrecvOptions, BufSendrecvOptions, RootOptions, ReduceOptions, OpOptions,
  TagOptions, RecvTagOptions, StatusOptions, IrecvTagOptions, SplitOptions, SplitTypeOptions, CartOptions,
} from './comm';
