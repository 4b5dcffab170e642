// pkl5's wire format (lib/util/pkl5-wire.ts), in process (no MPI): the header
// of part sizes, its checks, the failure header and when a part is blocked.
import { blocked, failedHeader, FAILED, header, headerLength, sizesOf, total } from '../lib/util/pkl5-wire';

describe('pkl5 header', () => {
  test('holds each part\'s byte size as int64, in order', () => {
    const h = header([new Uint8Array(3), new Uint8Array(0), Buffer.alloc(10)]);
    expect(h).toBeInstanceOf(BigInt64Array);
    expect(Array.from(h)).toEqual([3n, 0n, 10n]);
    expect(sizesOf(h, 'recv', 1)).toEqual([3, 0, 10]);
    expect(total([3, 0, 10])).toBe(13);
  });
  test('sizes past 2**32 survive exactly', () => {
    const h = BigInt64Array.of(2n ** 31n + 16n, 2n ** 40n);
    expect(sizesOf(h, 'recv', 0)).toEqual([2 ** 31 + 16, 2 ** 40]);
  });
  test('a failure header is a collective\'s only', () => {
    expect(Array.from(failedHeader())).toEqual([BigInt(FAILED)]);
    expect(sizesOf(failedHeader(), 'gather', 2, true)).toBeNull();
    expect(() => sizesOf(failedHeader(), 'recv', 2)).toThrow(/recv: the message from rank 2 is not a pkl5 message \(a part size of -1 bytes\)/);
  });
  test('what pkl5 never writes is refused naming the call and the sender', () => {
    expect(() => sizesOf(new BigInt64Array(0), 'recv', 3)).toThrow(RangeError);
    expect(() => sizesOf(BigInt64Array.of(-5n), 'bcast', 0, true)).toThrow(/bcast: .* rank 0 .*-5 bytes/);
    expect(() => sizesOf(BigInt64Array.of(2n ** 53n), 'recv', 1)).toThrow(/not a pkl5 message/);
    expect(headerLength(1, 'recv', 0)).toBe(1);
    expect(() => headerLength(0, 'recv', 4)).toThrow(/rank 4 is not a pkl5 message \(no header\)/);
    expect(() => headerLength(-32766, 'mprobe', 4)).toThrow(/mprobe: .*not a whole number of int64s/);
  });
  test('a part is blocked only beyond the block size', () => {
    expect(blocked(64, 64)).toBe(false);
    expect(blocked(65, 64)).toBe(true);
    expect(blocked(0, 1)).toBe(false);
    expect(blocked(2 ** 31, 2 ** 31 - 1)).toBe(true);
  });
});
