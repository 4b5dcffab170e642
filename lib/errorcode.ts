/**
 * Error classes, codes and strings a program adds (mpi4py's `MPI.src/ErrorCode.pyx`):
 * MPI.Exception, `MPI.Get_error_class` and `MPI.Get_error_string` read them back
 * from MPI like its own, and `COMM_WORLD.Get_attr(MPI.LASTUSEDCODE)` is the largest in use.
 */
import * as A from './args';
import { ERR_ARG, ERR_LASTCODE, MAX_ERROR_STRING } from './constants';
import { argumentError } from './errors';
import { native } from './native';

const N = native.errorcode;

/** A new error class. mpi4py: `MPI.Add_error_class()`. */
export function Add_error_class(): number {
  return N.addErrorClass();
}

/** A new error code of `errorclass`. mpi4py: `MPI.Add_error_code(errorclass)`. */
export function Add_error_code(errorclass: number): number {
  const cls = A.int('Add_error_code', 'errorclass', errorclass);
  // MPICH would hand back the negative number as a code.
  if (cls < 0) throw argumentError(ERR_ARG, 'Add_error_code', `errorclass ${cls} is negative (error classes are MPI.SUCCESS and up)`);
  return N.addErrorCode(cls);
}

/** The text of an added error class or code. mpi4py: `MPI.Add_error_string(errorcode, string)`. */
export function Add_error_string(errorcode: number, string: string): void {
  const code = A.int('Add_error_string', 'errorcode', errorcode);
  // MPI's own classes and codes keep their text (MPICH would replace it without a word).
  if (code <= ERR_LASTCODE) throw argumentError(ERR_ARG, 'Add_error_string', `errorcode ${code} is not an added error class or code (those are above MPI.ERR_LASTCODE = ${ERR_LASTCODE})`);
  const text = A.string('Add_error_string', 'string', string);
  // MPI would truncate it, or refuse it (Open MPI: ERR_ARG); its terminating NUL counts.
  if (Buffer.byteLength(text) >= MAX_ERROR_STRING) throw new RangeError(`Add_error_string: string is ${Buffer.byteLength(text)} bytes, longer than MPI.MAX_ERROR_STRING - 1 (${MAX_ERROR_STRING - 1})`);
  if (text.includes('\0')) throw new TypeError('Add_error_string: string contains a NUL character');
  N.addErrorString(code, text);
}
