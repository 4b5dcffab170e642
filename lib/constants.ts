/**
 * MPI's integer constants, read from the library the addon was built against:
 * they differ between implementations (ANY_SOURCE is -1 in Open MPI, -2 in
 * MPICH), so none is hard-coded. mpi4py: the same names in `MPI`.
 */
import { native } from './native';

const C = native.environment.constants;

export const ANY_SOURCE: number = C.ANY_SOURCE;
export const ANY_TAG: number = C.ANY_TAG;
export const PROC_NULL: number = C.PROC_NULL;
export const ROOT: number = C.ROOT;
export const UNDEFINED: number = C.UNDEFINED;
export const BSEND_OVERHEAD: number = C.BSEND_OVERHEAD;
export const THREAD_SINGLE: number = C.THREAD_SINGLE;
export const THREAD_FUNNELED: number = C.THREAD_FUNNELED;
export const THREAD_SERIALIZED: number = C.THREAD_SERIALIZED;
export const THREAD_MULTIPLE: number = C.THREAD_MULTIPLE;
export const IDENT: number = C.IDENT;
export const CONGRUENT: number = C.CONGRUENT;
export const SIMILAR: number = C.SIMILAR;
export const UNEQUAL: number = C.UNEQUAL;
export const CART: number = C.CART;
export const GRAPH: number = C.GRAPH;
export const DIST_GRAPH: number = C.DIST_GRAPH;
export const COMM_TYPE_SHARED: number = C.COMM_TYPE_SHARED;
// --- info objects and communicator creation (issue 13). The split types the
// library lacks (MPI-4.0 HW_*, MPI-4.1 RESOURCE_GUIDED) are UNDEFINED, as in mpi4py.
export const COMM_TYPE_HW_GUIDED: number = C.COMM_TYPE_HW_GUIDED;
export const COMM_TYPE_HW_UNGUIDED: number = C.COMM_TYPE_HW_UNGUIDED;
export const COMM_TYPE_RESOURCE_GUIDED: number = C.COMM_TYPE_RESOURCE_GUIDED;
export const MAX_INFO_KEY: number = C.MAX_INFO_KEY;
export const MAX_INFO_VAL: number = C.MAX_INFO_VAL;
export const MAX_OBJECT_NAME: number = C.MAX_OBJECT_NAME;
export const MAX_PROCESSOR_NAME: number = C.MAX_PROCESSOR_NAME;
export const MAX_ERROR_STRING: number = C.MAX_ERROR_STRING;
export const MAX_LIBRARY_VERSION_STRING: number = C.MAX_LIBRARY_VERSION_STRING;
export const SUCCESS: number = C.SUCCESS;

/** Error classes, as in `MPI.Exception.error_class`. */
export const ERR_BUFFER: number = C.ERR_BUFFER;
export const ERR_COUNT: number = C.ERR_COUNT;
export const ERR_TYPE: number = C.ERR_TYPE;
export const ERR_TAG: number = C.ERR_TAG;
export const ERR_COMM: number = C.ERR_COMM;
export const ERR_RANK: number = C.ERR_RANK;
export const ERR_REQUEST: number = C.ERR_REQUEST;
export const ERR_ROOT: number = C.ERR_ROOT;
export const ERR_GROUP: number = C.ERR_GROUP;
export const ERR_OP: number = C.ERR_OP;
export const ERR_TOPOLOGY: number = C.ERR_TOPOLOGY;
export const ERR_DIMS: number = C.ERR_DIMS;
export const ERR_ARG: number = C.ERR_ARG;
export const ERR_UNKNOWN: number = C.ERR_UNKNOWN;
export const ERR_TRUNCATE: number = C.ERR_TRUNCATE;
export const ERR_OTHER: number = C.ERR_OTHER;
export const ERR_INTERN: number = C.ERR_INTERN;
export const ERR_IN_STATUS: number = C.ERR_IN_STATUS;
export const ERR_PENDING: number = C.ERR_PENDING;
export const ERR_ACCESS: number = C.ERR_ACCESS;
export const ERR_AMODE: number = C.ERR_AMODE;
export const ERR_ASSERT: number = C.ERR_ASSERT;
export const ERR_BAD_FILE: number = C.ERR_BAD_FILE;
export const ERR_BASE: number = C.ERR_BASE;
export const ERR_CONVERSION: number = C.ERR_CONVERSION;
export const ERR_DISP: number = C.ERR_DISP;
export const ERR_DUP_DATAREP: number = C.ERR_DUP_DATAREP;
export const ERR_FILE_EXISTS: number = C.ERR_FILE_EXISTS;
export const ERR_FILE_IN_USE: number = C.ERR_FILE_IN_USE;
export const ERR_FILE: number = C.ERR_FILE;
export const ERR_INFO_KEY: number = C.ERR_INFO_KEY;
export const ERR_INFO_NOKEY: number = C.ERR_INFO_NOKEY;
export const ERR_INFO_VALUE: number = C.ERR_INFO_VALUE;
export const ERR_INFO: number = C.ERR_INFO;
export const ERR_IO: number = C.ERR_IO;
export const ERR_KEYVAL: number = C.ERR_KEYVAL;
export const ERR_LOCKTYPE: number = C.ERR_LOCKTYPE;
export const ERR_NAME: number = C.ERR_NAME;
export const ERR_NO_MEM: number = C.ERR_NO_MEM;
export const ERR_NOT_SAME: number = C.ERR_NOT_SAME;
export const ERR_NO_SPACE: number = C.ERR_NO_SPACE;
export const ERR_NO_SUCH_FILE: number = C.ERR_NO_SUCH_FILE;
export const ERR_PORT: number = C.ERR_PORT;
export const ERR_QUOTA: number = C.ERR_QUOTA;
export const ERR_READ_ONLY: number = C.ERR_READ_ONLY;
export const ERR_RMA_CONFLICT: number = C.ERR_RMA_CONFLICT;
export const ERR_RMA_SYNC: number = C.ERR_RMA_SYNC;
export const ERR_SERVICE: number = C.ERR_SERVICE;
export const ERR_SIZE: number = C.ERR_SIZE;
export const ERR_SPAWN: number = C.ERR_SPAWN;
export const ERR_UNSUPPORTED_DATAREP: number = C.ERR_UNSUPPORTED_DATAREP;
export const ERR_UNSUPPORTED_OPERATION: number = C.ERR_UNSUPPORTED_OPERATION;
export const ERR_WIN: number = C.ERR_WIN;
export const ERR_LASTCODE: number = C.ERR_LASTCODE;

// --- datatypes (issue 12)
/** Array orders of `Create_subarray` and `Create_darray`. */
export const ORDER_C: number = C.ORDER_C;
export const ORDER_FORTRAN: number = C.ORDER_FORTRAN;
/** mpi4py's alias of ORDER_FORTRAN. */
export const ORDER_F: number = C.ORDER_FORTRAN;
/** Distributions of `Create_darray`. */
export const DISTRIBUTE_NONE: number = C.DISTRIBUTE_NONE;
export const DISTRIBUTE_BLOCK: number = C.DISTRIBUTE_BLOCK;
export const DISTRIBUTE_CYCLIC: number = C.DISTRIBUTE_CYCLIC;
export const DISTRIBUTE_DFLT_DARG: number = C.DISTRIBUTE_DFLT_DARG;
/** Type classes of `Datatype.Match_size`; LOGICAL is MPI 5.0 (UNDEFINED where missing). */
export const TYPECLASS_INTEGER: number = C.TYPECLASS_INTEGER;
export const TYPECLASS_REAL: number = C.TYPECLASS_REAL;
export const TYPECLASS_COMPLEX: number = C.TYPECLASS_COMPLEX;
export const TYPECLASS_LOGICAL: number = C.TYPECLASS_LOGICAL;
/** How a datatype was made (`Get_envelope`); VALUE_INDEX is MPI 4.1 (UNDEFINED where missing). */
export const COMBINER_NAMED: number = C.COMBINER_NAMED;
export const COMBINER_DUP: number = C.COMBINER_DUP;
export const COMBINER_CONTIGUOUS: number = C.COMBINER_CONTIGUOUS;
export const COMBINER_VECTOR: number = C.COMBINER_VECTOR;
export const COMBINER_HVECTOR: number = C.COMBINER_HVECTOR;
export const COMBINER_INDEXED: number = C.COMBINER_INDEXED;
export const COMBINER_HINDEXED: number = C.COMBINER_HINDEXED;
export const COMBINER_INDEXED_BLOCK: number = C.COMBINER_INDEXED_BLOCK;
export const COMBINER_HINDEXED_BLOCK: number = C.COMBINER_HINDEXED_BLOCK;
export const COMBINER_STRUCT: number = C.COMBINER_STRUCT;
export const COMBINER_SUBARRAY: number = C.COMBINER_SUBARRAY;
export const COMBINER_DARRAY: number = C.COMBINER_DARRAY;
export const COMBINER_RESIZED: number = C.COMBINER_RESIZED;
export const COMBINER_VALUE_INDEX: number = C.COMBINER_VALUE_INDEX;
export const COMBINER_F90_INTEGER: number = C.COMBINER_F90_INTEGER;
export const COMBINER_F90_REAL: number = C.COMBINER_F90_REAL;
export const COMBINER_F90_COMPLEX: number = C.COMBINER_F90_COMPLEX;
