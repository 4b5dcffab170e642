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
export { Datatype, toDatatype } from './datatype';
// --- datatypes (issue 12): every predefined datatype mpi4py exports, and the aliases
export {
  DATATYPE_NULL, BYTE, PACKED, CHAR, WCHAR, SIGNED_CHAR, UNSIGNED_CHAR, SHORT, UNSIGNED_SHORT, INT, UNSIGNED, LONG,
  UNSIGNED_LONG, LONG_LONG, UNSIGNED_LONG_LONG, FLOAT, DOUBLE, LONG_DOUBLE, C_BOOL, INT8_T, INT16_T, INT32_T, INT64_T,
  UINT8_T, UINT16_T, UINT32_T, UINT64_T, C_FLOAT_COMPLEX, C_DOUBLE_COMPLEX, AINT, OFFSET, COUNT, FLOAT_INT, DOUBLE_INT,
  LONG_INT, TWOINT, SHORT_INT, LONG_DOUBLE_INT, C_LONG_DOUBLE_COMPLEX, CXX_BOOL, CXX_FLOAT_COMPLEX, CXX_DOUBLE_COMPLEX,
  CXX_LONG_DOUBLE_COMPLEX, CHARACTER, LOGICAL, INTEGER, REAL, DOUBLE_PRECISION, COMPLEX, DOUBLE_COMPLEX, LOGICAL1,
  LOGICAL2, LOGICAL4, LOGICAL8, LOGICAL16, INTEGER1, INTEGER2, INTEGER4, INTEGER8, INTEGER16, REAL2, REAL4, REAL8, REAL16,
  COMPLEX4, COMPLEX8, COMPLEX16, COMPLEX32, FLOAT16_T, BFLOAT16_T, C_COMPLEX, INT_INT, LONG_LONG_INT, FLOAT32_T,
  FLOAT64_T, UNSIGNED_INT, SIGNED_SHORT, SIGNED_INT, SIGNED_LONG, SIGNED_LONG_LONG, BOOL, SINT8_T, SINT16_T, SINT32_T,
  SINT64_T, F_BOOL, F_INT, F_FLOAT, F_DOUBLE, F_COMPLEX, F_FLOAT_COMPLEX, F_DOUBLE_COMPLEX,
} from './predefined';
export type { TypeCode } from './datatype';
// --- Pack, contents and decode
export { Get_address, Aint_add, Aint_diff } from './pack';
export type { RawBuffer } from './pack';
export type { CombinerName, Contents, DecodedParams } from './typedecode';
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
// --- persistent and generalized requests
export { Prequest } from './prequest';
export { Grequest } from './grequest';
export type { CancelFn, FreeFn, GrequestOptions, QueryFn } from './grequest';
export type { WaitOptions } from './request';
export { Message } from './message';
export { Group, GROUP_NULL, GROUP_EMPTY } from './group';
export { Pickle, pickle, PickleError } from './pickle';
export type { Dumps, Loads, Delivery } from './pickle';
export { Comm, Intracomm, Cartcomm, COMM_NULL, COMM_WORLD, COMM_SELF } from './comm';
// --- topologies and neighbour collectives (issue 13)
export { Topocomm, Graphcomm, Distgraphcomm, UNWEIGHTED, WEIGHTS_EMPTY } from './comm';
export type { Weights, GraphOptions, DistGraphOptions, DistGraphAdjacentOptions } from './comm';
export { Intercomm } from './comm';
export type { CreateFromGroupsOptions } from './comm';
export type {
  SendOptions, RecvOptions, IrecvOptions, SendrecvOptions, BufSendrecvOptions, RootOptions, ReduceOptions, OpOptions,
  TagOptions, RecvTagOptions, StatusOptions, IrecvTagOptions, SplitOptions, SplitTypeOptions, CartOptions,
} from './comm';
// --- attributes and error handlers (issue 13 part 3b)
export { KEYVAL_INVALID, TAG_UB, HOST, IO, WTIME_IS_GLOBAL, UNIVERSE_SIZE, APPNUM, LASTUSEDCODE, NotImplemented } from './attributes';
export type { CopyFn, DeleteFn, KeyvalOptions } from './attributes';
export { Errhandler, ERRHANDLER_NULL, ERRORS_RETURN, ERRORS_ARE_FATAL, ERRORS_ABORT } from './errhandler';
export type { ErrhandlerFn } from './errhandler';
export { Add_error_class, Add_error_code, Add_error_string } from './errorcode';
// --- info objects (issue 13)
export { Info, INFO_NULL, INFO_ENV } from './info';
export type { InfoItems } from './info';
export type { CreateGroupOptions } from './comm';
// --- sessions (issue 13 part 1, MPI-4.0)
export { Session, SESSION_NULL, ERR_SESSION, MAX_PSET_NAME_LEN } from './session';
export type { SessionInitOptions, CreateFromGroupOptions } from './session';
// --- one-sided communication (issue 14)
export {
  Win, WIN_NULL, WIN_BASE, WIN_SIZE, WIN_DISP_UNIT, WIN_CREATE_FLAVOR, WIN_MODEL, WIN_FLAVOR_CREATE, WIN_FLAVOR_ALLOCATE,
  WIN_FLAVOR_DYNAMIC, WIN_FLAVOR_SHARED, WIN_SEPARATE, WIN_UNIFIED, MODE_NOCHECK, MODE_NOSTORE, MODE_NOPUT, MODE_NOPRECEDE,
  MODE_NOSUCCEED, LOCK_EXCLUSIVE, LOCK_SHARED,
} from './win';
export type { TargetSpec, WinCreateOptions, RmaOptions, AccumulateOptions } from './win';
// --- parallel I/O (issue 14)
export {
  File, FILE_NULL, MODE_RDONLY, MODE_WRONLY, MODE_RDWR, MODE_CREATE, MODE_EXCL, MODE_DELETE_ON_CLOSE, MODE_UNIQUE_OPEN,
  MODE_SEQUENTIAL, MODE_APPEND, SEEK_SET, SEEK_CUR, SEEK_END, DISPLACEMENT_CURRENT, DISP_CUR, MAX_DATAREP_STRING,
} from './file';
export type { FileName, OpenOptions, SetViewOptions, FileStatusOptions } from './file';
// --- error handlers of windows, files, sessions; data representations (issue 13/14 leftovers)
export { Register_datarep } from './file';
export type { DatarepConversionFn, DatarepExtentFn } from './file';
export type { ErrhandlerKind } from './errhandler';
// --- dynamic processes (issue 15)
export { Open_port, Close_port, Publish_name, Unpublish_name, Lookup_name, MAX_PORT_NAME } from './spawn';
export type { SpawnOptions, SpawnMultipleOptions, PortOptions } from './spawn';
