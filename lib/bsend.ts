/**
 * The buffer of buffered sends (Bsend, Ibsend, bsend), mpi4py's module-level
 * `MPI.Attach_buffer(buf)` and `MPI.Detach_buffer()`, and the MPI-4.1 names
 * around them (automatic buffering, per-communicator buffers, flushing),
 * which throw NotImplementedError where the library lacks them.
 */
import { NotImplementedError, notProvided } from './errors';
import { native } from './native';

/** The type of `MPI.BUFFER_AUTOMATIC`. */
export interface BufferAutomatic {
  readonly bufferAutomatic: true;
}

/**
 * mpi4py: `MPI.BUFFER_AUTOMATIC` (MPI-4.1): attached in place of a buffer, MPI
 * buffers as much as needed. A frozen marker: attaching it throws
 * NotImplementedError where the library is older than MPI-4.1.
 */
export const BUFFER_AUTOMATIC: BufferAutomatic = Object.freeze({ bufferAutomatic: true as const });

/** What Attach_buffer takes: memory MPI copies buffered messages into. */
export type AttachableBuffer = ArrayBufferView | ArrayBuffer | SharedArrayBuffer;

// The object attached, handed back by Detach_buffer as mpi4py does. The addon
// holds its own reference and pins the ArrayBuffer while MPI may write to it.
let attached: AttachableBuffer | BufferAutomatic | undefined;

/** @internal an MPI-4.1 routine this build cannot call */
export function missing41(call: string, mpiName: string): NotImplementedError {
  // On an MPI-4.1 library the routine exists but mpi4js does not call it yet: say so rather than blame the library.
  if (native.environment.features.mpi41) return new NotImplementedError(call, `${mpiName} is not implemented by mpi4js yet`);
  return notProvided(call, '4.1');
}

/**
 * Gives MPI `buf` for buffered sends: size it `n·(bytes + MPI.BSEND_OVERHEAD)`
 * for n messages in flight. The buffer cannot be transferred or resized
 * afterwards (its ArrayBuffer is pinned, as a nonblocking call's). Attaching
 * while one is attached is MPI's ERR_BUFFER. `undefined`, `null` or
 * `MPI.BUFFER_AUTOMATIC` ask for automatic buffering (MPI-4.1).
 * mpi4py: `MPI.Attach_buffer(buf)`.
 */
export function Attach_buffer(buf: AttachableBuffer | BufferAutomatic | null | undefined): void {
  if (buf === undefined || buf === null || buf === BUFFER_AUTOMATIC) throw missing41('Attach_buffer', 'MPI_BUFFER_AUTOMATIC');
  if (!(ArrayBuffer.isView(buf) || buf instanceof ArrayBuffer || buf instanceof SharedArrayBuffer)) {
    throw new TypeError(`Attach_buffer: buf must be a TypedArray, Buffer, DataView or ArrayBuffer, got ${typeof buf === 'object' ? 'an object' : typeof buf}`);
  }
  native.bsend.Attach_buffer(buf);
  attached = buf;
}

/**
 * Takes the buffer back once the buffered messages have left it, and returns
 * the very object attached (undefined if none was). mpi4py: `MPI.Detach_buffer()`.
 */
export function Detach_buffer(): AttachableBuffer | BufferAutomatic | undefined {
  // With none attached, whatever MPI says (Open MPI: ERR_BUFFER) is raised, as mpi4py does.
  native.bsend.Detach_buffer();
  const buf = attached;
  attached = undefined;
  return buf;
}

/** Waits until the buffered messages have left the attached buffer (MPI-4.1). mpi4py: `MPI.Flush_buffer()`. */
export function Flush_buffer(): void {
  throw missing41('Flush_buffer', 'MPI_Buffer_flush');
}

/** Nonblocking Flush_buffer (MPI-4.1). mpi4py: `MPI.Iflush_buffer()`. */
export function Iflush_buffer(): never {
  throw missing41('Iflush_buffer', 'MPI_Buffer_iflush');
}
