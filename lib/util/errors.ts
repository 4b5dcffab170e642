/**
 * Python's exceptions that mpi4py.util raises where JavaScript has no class of
 * its own: RuntimeError (a freed object, a mutex not held) and ValueError (a
 * value the state refuses). ValueError is a RangeError, as bad values are
 * elsewhere in mpi4js, named as mpi4py names it.
 */

/** Python's RuntimeError: the object's state refuses the call (freed, not held, held already). */
export class RuntimeError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RuntimeError';
  }
}

/** Python's ValueError: a value refused (a semaphore released too many times, a result not ready). */
export class ValueError extends RangeError {
  constructor(message: string) {
    super(message);
    this.name = 'ValueError';
  }
}
