/**
 * @internal Memory no JavaScript may move: the ArrayBuffers whose memory MPI
 * uses (a nonblocking call's buffer, pinned by src-native/buffer.cc) or owns (a
 * window's, Win.tomemory() and Shared_query()). Node's markAsUntransferable
 * keeps them out of transfer lists (postMessage, structuredClone), but not out
 * of ES2024's ArrayBuffer.prototype.transfer() and transferToFixedLength()
 * (Node 21 and later): those detach the buffer and hand its memory to a new
 * ArrayBuffer that Win.Free cannot detach (it would read and write the freed
 * window) and whose collection would free memory MPI still writes. So, once
 * such a buffer exists, those two methods refuse these buffers with a TypeError
 * (and do as before for every other).
 */
import { markAsUntransferable } from 'node:worker_threads';

const held = new WeakSet<ArrayBuffer>();
let guarded = false;

type Transfer = (this: ArrayBuffer, newLength?: number) => ArrayBuffer;

function guard(): void {
  guarded = true;
  const proto = ArrayBuffer.prototype as unknown as Record<string, Transfer | undefined>;
  for (const name of ['transfer', 'transferToFixedLength']) {
    const original = proto[name];
    if (typeof original !== 'function') continue; // Node 20 and older: nothing to guard
    const guardedFn = {
      [name](this: ArrayBuffer, ...args: [number?]): ArrayBuffer {
        if (held.has(this)) {
          throw new TypeError(`ArrayBuffer.prototype.${name}: this ArrayBuffer's memory is MPI's (a window's memory, or a ` +
            `nonblocking call's buffer): mpi4js does not let it move`);
        }
        return original.apply(this, args);
      },
    }[name];
    Object.defineProperty(ArrayBuffer.prototype, name, { value: guardedFn, writable: true, configurable: true, enumerable: false });
  }
}

/** Marks ab untransferable by every route Node has. */
export function untransferable(ab: ArrayBuffer): void {
  markAsUntransferable(ab);
  held.add(ab);
  if (!guarded) guard();
}
