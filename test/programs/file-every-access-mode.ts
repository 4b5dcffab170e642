// Every data access of MPI.File against bytes checked by hand (node:fs reads
// the file after a Sync and a Barrier): explicit offsets, individual and shared
// file pointers, collective and independent, blocking, nonblocking (awaited
// MPI.Request) and split collective; a file view of interleaved ints; derived
// datatypes in memory; statuses. Every rank, over the harness communicators.
import { deepStrictEqual, ok, strictEqual } from 'node:assert/strict';
import * as fs from 'node:fs';

import { comm, MPI, program, rank, sharedTempPath, size } from './harness';

/** 8 bytes that say which rank wrote them, and in which part (salt). */
function block(r: number, salt: number): Uint8Array {
  return Uint8Array.from({ length: 8 }, (_, i) => (r * 16 + i + salt * 3) & 255);
}

/** Every rank's block, in rank order: what the file must hold. */
function all(salt: number): Buffer {
  return Buffer.concat(Array.from({ length: size }, (_, r) => block(r, salt)));
}

program(async () => {
  const path = sharedTempPath('access');
  const f = MPI.File.Open(comm, path, MPI.MODE_CREATE | MPI.MODE_RDWR | MPI.MODE_DELETE_ON_CLOSE);
  /** The file's bytes as every rank sees them once writes are done. */
  const bytes = (): Buffer => {
    f.Sync();
    comm.Barrier();
    const b = fs.readFileSync(path);
    comm.Barrier(); // nobody truncates before everyone has read
    return b;
  };
  /** An empty file, the default view, pointers at 0 (once every rank is done with the last part: a truncation does not wait). */
  const fresh = (): void => {
    comm.Barrier();
    f.Set_size(0);
    f.Set_view();
    f.Seek(0);
    f.Seek_shared(0);
  };

  // ---- explicit offsets: Write_at / Read_at, Write_at_all / Read_at_all
  fresh();
  const status = new MPI.Status();
  f.Write_at(rank * 8, block(rank, 1), status);
  strictEqual(status.Get_count(MPI.BYTE), 8);
  deepStrictEqual(bytes(), all(1));
  const back = new Uint8Array(8);
  f.Read_at(((rank + 1) % size) * 8, back, { status });
  deepStrictEqual(back, block((rank + 1) % size, 1));
  strictEqual(status.Get_count(MPI.BYTE), 8);
  // Reading at the end reads nothing: count 0 in the status.
  f.Read_at(size * 8, back, status);
  strictEqual(status.Get_count(MPI.BYTE), 0);

  fresh();
  const doubles = new Float64Array([rank + 0.5, -rank]);
  f.Write_at_all(rank * 16, doubles);
  const expected = Buffer.from(new Float64Array(Array.from({ length: size }, (_, r) => [r + 0.5, -r]).flat()).buffer);
  deepStrictEqual(bytes(), expected);
  const d = new Float64Array(2 * size);
  f.Read_at_all(0, d, status);
  deepStrictEqual(Buffer.from(d.buffer), expected);
  strictEqual(status.Get_count(MPI.DOUBLE), 2 * size);

  // ---- the individual file pointer: Seek, Write, Read, Get_position, SEEK_CUR/END
  fresh();
  f.Seek(rank * 8);
  f.Write(block(rank, 2));
  strictEqual(f.Get_position(), rank * 8 + 8);
  deepStrictEqual(bytes(), all(2));
  f.Seek(-8, MPI.SEEK_CUR);
  const one = new Uint8Array(8);
  f.Read(one);
  deepStrictEqual(one, block(rank, 2));
  f.Seek(-8 * (size - rank), MPI.SEEK_END);
  strictEqual(f.Get_position(), rank * 8);

  // ---- a view: ints interleaved by rank; Write_all / Read_all through it
  fresh();
  const stride = MPI.INT.Create_resized(0, 4 * size).Commit();
  f.Set_view(rank * 4, MPI.INT, stride, 'native', MPI.INFO_NULL);
  const mine = Int32Array.from({ length: 3 }, (_, j) => rank * 100 + j);
  f.Write_all(mine, status);
  strictEqual(status.Get_count(MPI.INT), 3);
  strictEqual(f.Get_position(), 3); // in etypes of the view
  strictEqual(f.Get_byte_offset(2), rank * 4 + 2 * 4 * size);
  const [disp, etype, filetype, datarep] = f.Get_view();
  strictEqual(disp, rank * 4);
  strictEqual(etype, MPI.INT);
  deepStrictEqual(filetype.Get_extent(), [0, 4 * size]);
  strictEqual(datarep, 'native');
  filetype.Free();
  const file = bytes();
  const ints = new Int32Array(file.buffer, file.byteOffset, file.length / 4);
  for (let j = 0; j < 3; j++) for (let r = 0; r < size; r++) strictEqual(ints[j * size + r], r * 100 + j);
  f.Seek(0);
  const got = new Int32Array(3);
  f.Read_all(got);
  deepStrictEqual(got, mine);
  // Options stand for Set_view's trailing keywords.
  f.Set_view({ disp: 0, etype: MPI.INT });
  const [d0, e0, t0] = f.Get_view();
  strictEqual(d0, 0);
  strictEqual(e0, MPI.INT);
  strictEqual(t0, MPI.INT);
  stride.Free();

  // ---- derived datatypes in memory: a strided read scatters into every other int
  const spread = new Int32Array(5).fill(-1);
  const every2 = MPI.INT.Create_vector(3, 1, 2).Commit();
  f.Read_at(0, [spread, 1, every2], status); // 3 ints of the file, into every other int
  strictEqual(status.Get_count(MPI.INT), 3);
  deepStrictEqual(Array.from(spread), [ints[0], -1, ints[1], -1, ints[2]]);
  every2.Free();

  // ---- the shared file pointer: Write_ordered / Read_ordered in rank order
  fresh();
  f.Write_ordered(block(rank, 3), status);
  strictEqual(status.Get_count(MPI.BYTE), 8);
  // Asked at once: Open MPI 4.1's ompio was seen to answer 0 on ranks but 0 after a Sync and Barrier.
  strictEqual(f.Get_position_shared(), 8 * size);
  deepStrictEqual(bytes(), all(3));
  f.Seek_shared(0);
  const ordered = new Uint8Array(8);
  f.Read_ordered(ordered);
  deepStrictEqual(ordered, block(rank, 3));
  // Write_shared / Read_shared: in some order, each block once, 8-byte aligned.
  fresh();
  f.Write_shared(block(rank, 4));
  const shared = bytes();
  strictEqual(shared.length, 8 * size);
  const blocks = Array.from({ length: size }, (_, i) => shared.subarray(i * 8, i * 8 + 8).toString('hex')).sort();
  deepStrictEqual(blocks, Array.from({ length: size }, (_, r) => Buffer.from(block(r, 4)).toString('hex')).sort());
  f.Seek_shared(0);
  const sread = new Uint8Array(8);
  f.Read_shared(sread, status);
  strictEqual(status.Get_count(MPI.BYTE), 8);
  ok(blocks.includes(Buffer.from(sread).toString('hex')));
  comm.Barrier();

  // ---- nonblocking: awaited requests, the buffer kept alive by the request
  fresh();
  await f.Iwrite_at(rank * 8, block(rank, 5));
  deepStrictEqual(bytes(), all(5));
  const ia = new Uint8Array(8);
  await f.Iread_at(rank * 8, ia);
  deepStrictEqual(ia, block(rank, 5));
  fresh();
  const rq = f.Iwrite_at_all(rank * 8, block(rank, 6));
  ok(rq instanceof MPI.Request);
  rq.Wait(status);
  strictEqual(status.Get_count(MPI.BYTE), 8);
  deepStrictEqual(bytes(), all(6));
  const iaa = new Uint8Array(8 * size);
  await f.Iread_at_all(0, iaa);
  deepStrictEqual(Buffer.from(iaa), all(6));
  fresh();
  f.Seek(rank * 8);
  await f.Iwrite(block(rank, 7));
  deepStrictEqual(bytes(), all(7));
  f.Seek(rank * 8);
  const ir = new Uint8Array(8);
  await f.Iread(ir);
  deepStrictEqual(ir, block(rank, 7));
  fresh();
  f.Seek(rank * 8);
  await f.Iwrite_all(block(rank, 8));
  deepStrictEqual(bytes(), all(8));
  f.Seek(0);
  const irall = new Uint8Array(8 * size);
  await f.Iread_all(irall);
  deepStrictEqual(Buffer.from(irall), all(8));
  fresh();
  await f.Iwrite_shared(block(rank, 9));
  const ish = bytes();
  strictEqual(ish.length, 8 * size);
  f.Seek_shared(0);
  const isr = new Uint8Array(8);
  await f.Iread_shared(isr);
  ok(ish.includes(Buffer.from(isr)));
  comm.Barrier();

  // ---- split collectives: begin, then end with the same buffer
  fresh();
  const sb = block(rank, 10);
  f.Write_at_all_begin(rank * 8, sb);
  f.Write_at_all_end(sb, status);
  strictEqual(status.Get_count(MPI.BYTE), 8);
  deepStrictEqual(bytes(), all(10));
  const rb = new Uint8Array(8);
  f.Read_at_all_begin(rank * 8, rb);
  f.Read_at_all_end(rb);
  deepStrictEqual(rb, block(rank, 10));
  fresh();
  f.Seek(rank * 8);
  const wb = block(rank, 11);
  f.Write_all_begin(wb);
  f.Write_all_end(wb);
  deepStrictEqual(bytes(), all(11));
  f.Seek(rank * 8);
  const rab = new Uint8Array(8);
  f.Read_all_begin(rab);
  f.Read_all_end(rab, { status });
  strictEqual(status.Get_count(MPI.BYTE), 8);
  deepStrictEqual(rab, block(rank, 11));
  fresh();
  const ob = block(rank, 12);
  f.Write_ordered_begin(ob);
  f.Write_ordered_end(ob);
  deepStrictEqual(bytes(), all(12));
  f.Seek_shared(0);
  const orb = new Uint8Array(8);
  f.Read_ordered_begin(orb);
  f.Read_ordered_end(orb);
  deepStrictEqual(orb, block(rank, 12));

  f.Close();
  comm.Barrier();
  strictEqual(fs.existsSync(path), false);

  // Close completes the accesses still pending (MPI forbids closing under them): awaiting them after tells.
  const path2 = sharedTempPath('close-pending');
  const g = MPI.File.Open(comm, path2, MPI.MODE_CREATE | MPI.MODE_RDWR | MPI.MODE_DELETE_ON_CLOSE);
  await g.Iwrite_at_all(rank * 8, block(rank, 13));
  g.Sync();
  comm.Barrier();
  g.Sync();
  const pendingRead = new Uint8Array(8);
  const read = g.Iread_at(rank * 8, pendingRead);
  const more = g.Iwrite_at((size + rank) * 8, block(rank, 14));
  g.Close();
  deepStrictEqual([read.active, more.active], [false, false]);
  await read;
  await more;
  deepStrictEqual(pendingRead, block(rank, 13));
  comm.Barrier();
});
