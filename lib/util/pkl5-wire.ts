/**
 * pkl5's messages on the wire (lib/util/pkl5.ts), as mpi4py's `mpi4py.util.pkl5`
 * lays them out: a value goes as a header message, an array of int64 sizes
 * (the serialized data's, then each out-of-band buffer's), then one message per
 * part on the same tag. A part larger than a block goes as one item of a
 * contiguous datatype (mpi4py's `_BigMPI`), so no count passes what MPI takes.
 * Pure logic, no MPI: what the header holds and how a part is counted.
 */

/** The size a collective's rank sends as its whole header when its value cannot be sent. */
export const FAILED = -1;

/** The header of parts: their byte sizes, as int64. */
export function header(parts: readonly Uint8Array[]): BigInt64Array {
  return BigInt64Array.from(parts, (p) => BigInt(p.byteLength));
}

/** The header of a rank that could not send its value (collectives only). */
export function failedHeader(): BigInt64Array {
  return BigInt64Array.of(BigInt(FAILED));
}

/**
 * The part sizes a header says, checked: one size at least, each an exact
 * non-negative integer; `null` for a failure header when `failures` (a
 * collective's). Anything else is a RangeError naming call and the sender:
 * the message was not written by pkl5.
 */
export function sizesOf(info: BigInt64Array, call: string, source: number, failures = false): number[] | null {
  if (failures && info.length === 1 && info[0] === BigInt(FAILED)) return null;
  if (info.length === 0) throw notPkl5(call, source, 'an empty header');
  return Array.from(info, (n) => {
    if (n < 0n || n > BigInt(Number.MAX_SAFE_INTEGER)) throw notPkl5(call, source, `a part size of ${n} bytes`);
    return Number(n);
  });
}

/** The error for a message that is not pkl5's (sent by a plain send or Send, say). */
export function notPkl5(call: string, source: number, what: string): RangeError {
  return new RangeError(`${call}: the message from rank ${source} is not a pkl5 message (${what}); was it sent with a plain send or Send?`);
}

/** Elements of INT64 in a probed header: a count MPI gives as UNDEFINED (not whole int64s) or 0 is not pkl5's. */
export function headerLength(elements: number, call: string, source: number): number {
  if (!Number.isSafeInteger(elements) || elements < 1) throw notPkl5(call, source, `${elements < 0 ? 'not a whole number of int64s' : 'no header'}`);
  return elements;
}

/** How a part of n bytes goes: as n bytes, or (beyond blocksize) as one item of a contiguous type of n bytes. */
export function blocked(n: number, blocksize: number): boolean {
  return n > blocksize;
}

/** The sum of the part sizes (what a status reports as the message's bytes). */
export function total(sizes: readonly number[]): number {
  return sizes.reduce((a, b) => a + b, 0);
}
