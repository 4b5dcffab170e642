// Datatype.Pack/Unpack and their external32 forms against hand-made bytes;
// positions chain; Pack_size bounds what is packed; a packed message crosses
// the ring as MPI.PACKED and is unpacked on the peer; Get_address and the Aint
// arithmetic; bad inputs are clear errors before MPI touches memory, and the
// rank goes on working.
import { deepStrictEqual, ok, strictEqual } from 'node:assert/strict';
import { endianness } from 'node:os';

import { comm, MPI, program, rank, size, throwsLike } from './harness';

const little = endianness() === 'LE';

/** The native bytes of 32-bit ints, written one by one through a DataView. */
function int32Bytes(values: number[], littleEndian = little): number[] {
  const dv = new DataView(new ArrayBuffer(4 * values.length));
  values.forEach((v, i) => dv.setInt32(4 * i, v, littleEndian));
  return [...new Uint8Array(dv.buffer)];
}

function float64Bytes(values: number[], littleEndian = little): number[] {
  const dv = new DataView(new ArrayBuffer(8 * values.length));
  values.forEach((v, i) => dv.setFloat64(8 * i, v, littleEndian));
  return [...new Uint8Array(dv.buffer)];
}

program(() => {
  // Predefined types: the packed bytes are the values' native bytes, positions chain.
  const ints = new Int32Array([0x01020304, -1, rank]);
  const doubles = new Float64Array([0.5, -rank]);
  const out = new Uint8Array(64).fill(0xee);
  let pos = MPI.INT.Pack(ints, out, 0, comm);
  strictEqual(pos, 12);
  pos = MPI.DOUBLE.Pack(doubles, out, pos, comm);
  strictEqual(pos, 28);
  deepStrictEqual([...out.subarray(0, 28)], [...int32Bytes([0x01020304, -1, rank]), ...float64Bytes([0.5, -rank])]);
  ok(out.subarray(28).every((b) => b === 0xee), 'Pack wrote past the packed bytes');
  ok(MPI.INT.Pack_size(3, comm) >= 12 && MPI.DOUBLE.Pack_size(2, comm) >= 16, 'Pack_size below what was packed');
  // Unpack restores them, from the same positions.
  const ints2 = new Int32Array(3);
  const doubles2 = new Float64Array(2);
  pos = MPI.INT.Unpack(out, 0, ints2, comm);
  strictEqual(pos, 12);
  strictEqual(MPI.DOUBLE.Unpack(out, pos, doubles2, comm), 28);
  deepStrictEqual([...ints2], [...ints]);
  deepStrictEqual([...doubles2], [...doubles]);

  // A derived type: every other int of three; the count is how many whole extents the buffer holds.
  const every2 = MPI.INT.Create_vector(3, 1, 2).Commit();
  strictEqual(every2.Get_extent()[1], 20);
  const six = new Int32Array([10, 11, 12, 13, 14, 15]);
  const packed = new Uint8Array(every2.Pack_size(1, comm));
  strictEqual(every2.Pack(six, packed, 0, comm), 12); // floor(24 / 20) = 1 item: ints 0, 2, 4
  deepStrictEqual([...packed.subarray(0, 12)], int32Bytes([10, 12, 14]));
  const spread = new Int32Array(6);
  strictEqual(every2.Unpack(packed, 0, spread, comm), 12);
  deepStrictEqual([...spread], [10, 0, 12, 0, 14, 0]);
  // Any raw buffer form: an ArrayBuffer in, a DataView out.
  const dv = new DataView(new ArrayBuffer(16));
  strictEqual(every2.Pack(six.buffer, dv, 4, comm), 16);
  deepStrictEqual([...new Uint8Array(dv.buffer, 4)], int32Bytes([10, 12, 14]));

  // external32 is big-endian whatever the host.
  const ext = new Uint8Array(MPI.INT.Pack_external_size('external32', 2) + MPI.DOUBLE.Pack_external_size('external32', 1));
  strictEqual(ext.length, 16);
  let epos = MPI.INT.Pack_external('external32', new Int32Array([0x01020304, rank]), ext, 0);
  strictEqual(epos, 8);
  epos = MPI.DOUBLE.Pack_external('external32', new Float64Array([1.5]), ext, epos);
  strictEqual(epos, 16);
  deepStrictEqual([...ext.subarray(0, 4)], [1, 2, 3, 4]);
  deepStrictEqual([...ext], [...int32Bytes([0x01020304, rank], false), ...float64Bytes([1.5], false)]);
  const back = new Int32Array(2);
  const backD = new Float64Array(1);
  strictEqual(MPI.INT.Unpack_external('external32', ext, 0, back), 8);
  strictEqual(MPI.DOUBLE.Unpack_external('external32', ext, 8, backD), 16);
  deepStrictEqual([...back, ...backD], [0x01020304, rank, 1.5]);
  strictEqual(every2.Pack_external_size('external32', 2), 24);

  // A packed message around the ring: sent as [buf, n, MPI.PACKED], unpacked by the peer.
  const next = (rank + 1) % size;
  const prev = (rank + size - 1) % size;
  const sendBuf = new Uint8Array(MPI.INT.Pack_size(2, comm) + every2.Pack_size(1, comm));
  let n = MPI.INT.Pack(new Int32Array([rank, rank * 10]), sendBuf, 0, comm);
  n = every2.Pack(new Int32Array([rank, -1, rank + 1, -1, rank + 2, -1]), sendBuf, n, comm);
  const recvBuf = new Uint8Array(sendBuf.length);
  const status = new MPI.Status();
  comm.Sendrecv([sendBuf, n, MPI.PACKED], next, 7, [recvBuf, recvBuf.length, MPI.PACKED], prev, 7, status);
  strictEqual(status.Get_count(MPI.PACKED), n);
  const head = new Int32Array(2);
  const tail = new Int32Array(6);
  const p = MPI.INT.Unpack(recvBuf, 0, head, comm);
  strictEqual(every2.Unpack(recvBuf, p, tail, comm), n);
  deepStrictEqual([...head], [prev, prev * 10]);
  deepStrictEqual([...tail], [prev, 0, prev + 1, 0, prev + 2, 0]);

  // Addresses: differences within one ArrayBuffer are byte offsets.
  const base = MPI.Get_address(six);
  strictEqual(MPI.Get_address(six.subarray(2)), MPI.Aint_add(base, 8));
  strictEqual(MPI.Aint_diff(MPI.Get_address(new DataView(six.buffer, 20)), base), 20);
  strictEqual(MPI.Aint_add(-5, 3), -2);
  throwsLike(() => MPI.Aint_add(Number.MAX_SAFE_INTEGER, 1), RangeError, /^Aint_add: the result \d+ does not fit an MPI_Aint exactly/);
  throwsLike(() => MPI.Aint_diff(1.5, 0), TypeError, /^Aint_diff: addr1 must be an integer/);
  throwsLike(() => MPI.Get_address('x' as never), TypeError, /^Get_address: location must be a TypedArray/);

  // Bad inputs: clear errors, nothing written.
  const small = new Uint8Array(8).fill(0xee);
  throwsLike(() => MPI.INT.Pack(ints, small, 9, comm), RangeError, /^Datatype\.Pack: position 9 is past the end of outbuf \(8 bytes\)/);
  throwsLike(() => MPI.INT.Pack(ints, small, -1, comm), RangeError, /^Datatype\.Pack: position -1 is negative/);
  throwsLike(() => MPI.INT.Pack(ints, small, 0, comm), RangeError, /^Datatype\.Pack: outbuf has 8 bytes from position 0; 12 packed bytes do not fit/);
  throwsLike(() => MPI.INT.Pack(ints, small, 4, comm), RangeError, /outbuf has 4 bytes from position 4; 12 packed bytes/);
  throwsLike(() => MPI.INT.Pack_external('external32', ints, small, 0), RangeError, /^Datatype\.Pack_external: outbuf has 8 bytes/);
  ok(small.every((b) => b === 0xee), 'a refused Pack wrote to outbuf');
  // A column of a 2x3 matrix of doubles, resized to one double: whole extents of a buffer
  // always reach past it (the last one starts 1 double before the end and spans 4).
  const column = MPI.DOUBLE.Create_vector(2, 1, 3).Create_resized(0, 8).Commit();
  throwsLike(() => column.Pack(new Float64Array(6), out, 0, comm), RangeError, /^Datatype\.Pack: inbuf holds 48 bytes; 6 items of the datatype span 72$/);
  throwsLike(() => column.Unpack(out, 0, new Float64Array(6), comm), RangeError, /^Datatype\.Unpack: outbuf holds 48 bytes; 6 items/);
  // Unpack: inbuf must hold what the outbuf's items take from position.
  throwsLike(() => MPI.INT.Unpack(out.subarray(0, 8), 0, new Int32Array(3), comm), RangeError, /^Datatype\.Unpack: inbuf has 8 bytes from position 0; 12 packed bytes do not fit/);
  throwsLike(() => MPI.INT.Unpack(out.subarray(0, 8), 12, new Int32Array(1), comm), RangeError, /position 12 is past the end of inbuf/);
  throwsLike(() => MPI.INT.Unpack_external('external32', ext.subarray(0, 4), 0, new Int32Array(2)), RangeError, /^Datatype\.Unpack_external: inbuf has 4 bytes/);
  // No count without an extent; an uncommitted type is MPI's ERR_TYPE, checked before the external calls run.
  const flat = MPI.INT.Create_resized(0, 0).Commit();
  throwsLike(() => flat.Pack(ints, out, 0, comm), RangeError, /^Datatype\.Pack: the datatype's extent is 0/);
  const loose = MPI.INT.Create_contiguous(2);
  for (const f of [
    () => loose.Pack(ints, out, 0, comm), () => loose.Unpack(out, 0, new Int32Array(2), comm), () => loose.Pack_size(1, comm),
    () => loose.Pack_external('external32', ints, out, 0), () => loose.Unpack_external('external32', out, 0, new Int32Array(2)),
    () => loose.Pack_external_size('external32', 1),
  ]) {
    const e = throwsLike(f, MPI.Exception, /MPI_ERR_TYPE/) as InstanceType<typeof MPI.Exception>;
    strictEqual(e.error_class, MPI.ERR_TYPE);
  }
  throwsLike(() => MPI.INT.Pack('abc' as never, out, 0, comm), TypeError, /^Datatype\.Pack: inbuf must be a TypedArray, Buffer, DataView or ArrayBuffer, got string/);
  throwsLike(() => MPI.INT.Unpack(out, 0, [1, 2] as never, comm), TypeError, /^Datatype\.Unpack: outbuf must be a TypedArray/);
  throwsLike(() => MPI.INT.Pack(ints, out, 0, {} as never), TypeError, /^Datatype\.Pack: comm must be an MPI\.Comm/);
  throwsLike(() => MPI.INT.Pack(ints, out, 0, MPI.COMM_NULL), MPI.Exception, /MPI_ERR_COMM/);
  throwsLike(() => MPI.INT.Pack_external('ebcdic', ints, out, 0), RangeError, /^Datatype\.Pack_external: datarep "ebcdic" is not 'external32'/);
  throwsLike(() => MPI.INT.Pack_size(-1, comm), RangeError, /^Datatype\.Pack_size: count -1 is negative/);
  for (const t of [every2, column, flat, loose]) t.Free();
  throwsLike(() => every2.Pack(six, packed, 0, comm), MPI.Exception, /MPI_ERR_TYPE/);

  // The rank goes on working.
  const sum = new Int32Array(1);
  comm.Allreduce(new Int32Array([1]), sum);
  strictEqual(sum[0], size);
});
