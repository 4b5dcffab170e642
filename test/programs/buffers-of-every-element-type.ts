// Send/Recv and Sendrecv move every typed array, Buffer and DataView with the
// datatype inferred; a receive buffer one item longer keeps its last item.
import { deepStrictEqual, strictEqual } from 'node:assert/strict';

import { comm, MPI, program, rank, size } from './harness';
import { filled, items, KINDS } from './typed';

program(() => {
  const right = (rank + 1) % size;
  const left = (rank - 1 + size) % size;
  for (const kind of KINDS) {
    for (let s = 0; s <= size + 1; s++) {
      const send = filled(kind, s, rank + 1);
      const recv = filled(kind, s + 1, 99);
      const st = new MPI.Status();
      // Receive s items into s+1: the spec [buf, count] limits the count.
      comm.Sendrecv(send, right, s, [recv, s], left, s, st);
      deepStrictEqual(items(recv), [...new Array(s).fill(left + 1), 99], `${kind.name} ×${s}`);
      strictEqual(st.Get_count(kind.datatype), s);
      strictEqual(st.Get_count(), s * kind.make(1).BYTES_PER_ELEMENT);
    }
    // Explicit datatype, and [buf, count, datatype].
    const a = filled(kind, 4, rank);
    const b = kind.make(4);
    comm.Sendrecv([a, kind.datatype], right, 1, [b, 4, kind.datatype], left, 1);
    deepStrictEqual(items(b), new Array(4).fill(left));
  }
  // Buffer, DataView and an ArrayBuffer move as bytes.
  const buf = Buffer.from(`from ${rank}`);
  const into = Buffer.alloc(buf.length + 2);
  comm.Sendrecv(buf, right, 2, [into, buf.length], left, 2);
  strictEqual(into.subarray(0, buf.length).toString(), `from ${left}`);
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, rank + 0.5);
  const back = new DataView(new ArrayBuffer(8));
  comm.Sendrecv(view, right, 3, back, left, 3);
  strictEqual(back.getFloat64(0), left + 0.5);
  const raw = new ArrayBuffer(4);
  comm.Sendrecv(new Uint8Array([rank, 1, 2, 3]), right, 4, raw, left, 4);
  deepStrictEqual([...new Uint8Array(raw)], [left, 1, 2, 3]);
  // A typed array over part of its buffer, and [buf, [count, displ], datatype].
  const whole = new Float64Array(10).fill(-1);
  const part = whole.subarray(2, 5);
  comm.Sendrecv(new Float64Array([rank, rank, rank]), right, 5, part, left, 5);
  deepStrictEqual([...whole], [-1, -1, left, left, left, -1, -1, -1, -1, -1]);
  comm.Sendrecv(new Float64Array([7]), right, 6, [whole, [1, 8], MPI.DOUBLE], left, 6);
  strictEqual(whole[8], 7);
  // Python typecodes name datatypes.
  const c = new Int32Array(2);
  comm.Sendrecv([new Int32Array([rank, 5]), 'i'], right, 7, [c, 'i4'], left, 7);
  deepStrictEqual([...c], [left, 5]);
  // Buffers over a SharedArrayBuffer.
  const shared = new Int32Array(new SharedArrayBuffer(16));
  comm.Sendrecv(new Int32Array([1, 2, 3, rank]), right, 8, shared, left, 8);
  deepStrictEqual([...shared], [1, 2, 3, left]);
  // Send/Recv and Ssend with options.
  if (size > 1) {
    if (rank === 0) {
      comm.Send(new Float32Array([1.5]), { dest: 1, tag: 9 });
      comm.Ssend(new Float32Array([2.5]), 1, 10);
    } else if (rank === 1) {
      const f = new Float32Array(1);
      comm.Recv(f, { source: 0, tag: 9 });
      strictEqual(f[0], 1.5);
      comm.Recv(f, 0, 10);
      strictEqual(f[0], 2.5);
    }
  }
});
