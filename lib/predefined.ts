/**
 * The predefined datatypes mpi4py exports, as constants: each is one Datatype
 * object, an alias is the same object (`MPI.INT_INT === MPI.TWOINT`), and a type
 * the library lacks (MPI.REAL2 on Open MPI, the 16-bit floats) is
 * MPI.DATATYPE_NULL itself, as mpi4py's `==` makes it. The ids and the missing
 * ones come from the addon (src-native/predefined.cc).
 */
import { Datatype, PREDEFINED_IDS } from './datatype';
import { native } from './native';

/** Names of the types the library lacks (known from the headers, and from MPI once it runs). */
const MISSING = new Set(native.datatype.missing());

/** The null datatype (made first: the missing types are it). */
export const DATATYPE_NULL = new Datatype(PREDEFINED_IDS.DATATYPE_NULL, 'DATATYPE_NULL');

function predefined(name: string): Datatype {
  if (MISSING.has(name)) return DATATYPE_NULL;
  return new Datatype(PREDEFINED_IDS[name], name);
}

export const BYTE = predefined('BYTE');
export const PACKED = predefined('PACKED');
export const CHAR = predefined('CHAR');
export const WCHAR = predefined('WCHAR');
export const SIGNED_CHAR = predefined('SIGNED_CHAR');
export const UNSIGNED_CHAR = predefined('UNSIGNED_CHAR');
export const SHORT = predefined('SHORT');
export const UNSIGNED_SHORT = predefined('UNSIGNED_SHORT');
export const INT = predefined('INT');
export const UNSIGNED = predefined('UNSIGNED');
export const LONG = predefined('LONG');
export const UNSIGNED_LONG = predefined('UNSIGNED_LONG');
export const LONG_LONG = predefined('LONG_LONG');
export const UNSIGNED_LONG_LONG = predefined('UNSIGNED_LONG_LONG');
export const FLOAT = predefined('FLOAT');
export const DOUBLE = predefined('DOUBLE');
export const LONG_DOUBLE = predefined('LONG_DOUBLE');
export const C_BOOL = predefined('C_BOOL');
export const INT8_T = predefined('INT8_T');
export const INT16_T = predefined('INT16_T');
export const INT32_T = predefined('INT32_T');
export const INT64_T = predefined('INT64_T');
export const UINT8_T = predefined('UINT8_T');
export const UINT16_T = predefined('UINT16_T');
export const UINT32_T = predefined('UINT32_T');
export const UINT64_T = predefined('UINT64_T');
export const C_FLOAT_COMPLEX = predefined('C_FLOAT_COMPLEX');
export const C_DOUBLE_COMPLEX = predefined('C_DOUBLE_COMPLEX');
export const AINT = predefined('AINT');
export const OFFSET = predefined('OFFSET');
export const COUNT = predefined('COUNT');
export const FLOAT_INT = predefined('FLOAT_INT');
export const DOUBLE_INT = predefined('DOUBLE_INT');
export const LONG_INT = predefined('LONG_INT');
export const TWOINT = predefined('TWOINT');
export const SHORT_INT = predefined('SHORT_INT');
export const LONG_DOUBLE_INT = predefined('LONG_DOUBLE_INT');
export const C_LONG_DOUBLE_COMPLEX = predefined('C_LONG_DOUBLE_COMPLEX');
export const CXX_BOOL = predefined('CXX_BOOL');
export const CXX_FLOAT_COMPLEX = predefined('CXX_FLOAT_COMPLEX');
export const CXX_DOUBLE_COMPLEX = predefined('CXX_DOUBLE_COMPLEX');
export const CXX_LONG_DOUBLE_COMPLEX = predefined('CXX_LONG_DOUBLE_COMPLEX');
export const CHARACTER = predefined('CHARACTER');
export const LOGICAL = predefined('LOGICAL');
export const INTEGER = predefined('INTEGER');
export const REAL = predefined('REAL');
export const DOUBLE_PRECISION = predefined('DOUBLE_PRECISION');
export const COMPLEX = predefined('COMPLEX');
export const DOUBLE_COMPLEX = predefined('DOUBLE_COMPLEX');
export const LOGICAL1 = predefined('LOGICAL1');
export const LOGICAL2 = predefined('LOGICAL2');
export const LOGICAL4 = predefined('LOGICAL4');
export const LOGICAL8 = predefined('LOGICAL8');
export const LOGICAL16 = predefined('LOGICAL16');
export const INTEGER1 = predefined('INTEGER1');
export const INTEGER2 = predefined('INTEGER2');
export const INTEGER4 = predefined('INTEGER4');
export const INTEGER8 = predefined('INTEGER8');
export const INTEGER16 = predefined('INTEGER16');
export const REAL2 = predefined('REAL2');
export const REAL4 = predefined('REAL4');
export const REAL8 = predefined('REAL8');
export const REAL16 = predefined('REAL16');
export const COMPLEX4 = predefined('COMPLEX4');
export const COMPLEX8 = predefined('COMPLEX8');
export const COMPLEX16 = predefined('COMPLEX16');
export const COMPLEX32 = predefined('COMPLEX32');
export const FLOAT16_T = predefined('FLOAT16_T');
export const BFLOAT16_T = predefined('BFLOAT16_T');

// Aliases: the same objects, as in mpi4py.
export const C_COMPLEX = C_FLOAT_COMPLEX;
export const INT_INT = TWOINT;
export const LONG_LONG_INT = LONG_LONG;
export const FLOAT32_T = FLOAT;
export const FLOAT64_T = DOUBLE;
export const UNSIGNED_INT = UNSIGNED;
export const SIGNED_SHORT = SHORT;
export const SIGNED_INT = INT;
export const SIGNED_LONG = LONG;
export const SIGNED_LONG_LONG = LONG_LONG;
export const BOOL = C_BOOL;
export const SINT8_T = INT8_T;
export const SINT16_T = INT16_T;
export const SINT32_T = INT32_T;
export const SINT64_T = INT64_T;
export const F_BOOL = LOGICAL;
export const F_INT = INTEGER;
export const F_FLOAT = REAL;
export const F_DOUBLE = DOUBLE_PRECISION;
export const F_COMPLEX = COMPLEX;
export const F_FLOAT_COMPLEX = COMPLEX;
export const F_DOUBLE_COMPLEX = DOUBLE_COMPLEX;
