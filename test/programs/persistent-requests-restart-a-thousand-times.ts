// Persistent point-to-point requests (Send_init, Bsend_init, Ssend_init, Rsend_init,
// Recv_init): a ring started 1,000 times with Startall, waited or awaited;
// inactive (not null) between rounds; Start on an active one refused; Free
// while active; the addon's slots back to where they were; buffers pinned.
import { deepStrictEqual, ok, strictEqual } from 'node:assert/strict';

import { native, turn } from './collected';
import { comm, MPI, program, rank, size, throwsLike } from './harness';

const ROUNDS = 1000;

/** A transfer of a pinned buffer copies or throws, never detaches it. */
function stillAttached(ab: ArrayBufferLike, bytes: number): void {
  try {
    structuredClone(ab, { transfer: [ab as ArrayBuffer] });
  } catch (e) {
    strictEqual((e as Error).name, 'DataCloneError');
  }
  strictEqual(ab.byteLength, bytes, 'a persistent request\'s buffer was detached');
}

program(async () => {
  const base = native.request.live();
  const right = (rank + 1) % size;
  const left = (rank - 1 + size) % size;
  const sendbuf = new Float64Array(3);
  const recvbuf = new Float64Array(3);
  const s = comm.Send_init(sendbuf, right, 11);
  const r = comm.Recv_init(recvbuf, left, 11);
  ok(s instanceof MPI.Prequest && r instanceof MPI.Request);
  strictEqual(s.active, false, 'made inactive');
  strictEqual(r.active, false);
  strictEqual(native.request.live(), base + 2, 'one slot each, for every round');
  let awaited = 0;
  for (let i = 0; i < ROUNDS; i++) {
    sendbuf.fill(rank * 10000 + i);
    MPI.Prequest.Startall([r, s]);
    strictEqual(r.active, true);
    if (i % 50 === 0) {
      // Each Start gives a fresh promise.
      deepStrictEqual(await Promise.all([r, s]), [undefined, undefined]);
      awaited++;
    } else if (i % 2 === 1) {
      MPI.Request.Waitall([r, s]);
    } else {
      r.Wait();
      s.wait();
    }
    strictEqual(r.active, false, `round ${i}: inactive once complete`);
    strictEqual(s.active, false);
    deepStrictEqual([...recvbuf], new Array(3).fill(left * 10000 + i), `round ${i}`);
  }
  strictEqual(awaited, ROUNDS / 50);
  strictEqual(native.request.live(), base + 2, 'no slot per round');

  // An inactive request: wait and test return at once, as on REQUEST_NULL.
  strictEqual(r.wait(), undefined);
  strictEqual(r.Wait(), true);
  deepStrictEqual(r.test(), [true, undefined]);

  // One more round, started one by one, with its status.
  const st = new MPI.Status();
  r.Start();
  s.Start();
  r.Wait(st);
  s.Wait();
  strictEqual(st.Get_source(), left);
  strictEqual(st.Get_tag(), 11);
  strictEqual(st.Get_count(MPI.DOUBLE), 3);

  // Starting an active request is MPI's ERR_REQUEST, refused before MPI.
  r.Start();
  const e = throwsLike(() => r.Start(), MPI.Exception, /ERR_REQUEST/) as InstanceType<typeof MPI.Exception>;
  strictEqual(e.Get_error_class(), MPI.ERR_REQUEST);
  throwsLike(() => MPI.Prequest.Startall([s, r]), MPI.Exception, /ERR_REQUEST/);
  strictEqual(s.active, false, 'Startall started none of them');
  throwsLike(() => MPI.Prequest.Startall([s, s]), MPI.Exception, /ERR_REQUEST/);
  throwsLike(() => MPI.Prequest.Startall([s, new MPI.Request() as never]), TypeError, /^Prequest\.Startall: requests\[1\] must be an MPI\.Prequest/);
  // Buffers stay pinned, active or not.
  stillAttached(recvbuf.buffer, 24);
  s.Start();
  await s;
  await r;
  stillAttached(sendbuf.buffer, 24);

  // Synchronous and ready modes; the ready send starts once every receive is posted.
  const got = new Int32Array(2);
  const rr = comm.Recv_init(got, left, 12);
  const ss = comm.Ssend_init(new Int32Array([rank, 1]), right, 12);
  const rs = comm.Rsend_init(new Int32Array([rank, 2]), right, 12);
  for (const [send, mode] of [[ss, 1], [rs, 2], [ss, 1]] as const) {
    rr.Start();
    comm.Barrier(); // every receive is posted before any ready send starts
    send.Start();
    MPI.Request.Waitall([rr, send]);
    deepStrictEqual([...got], [left, mode]);
  }
  ss.Free();
  rs.Free();
  rr.Free();

  // Bsend_init: each round copies into the attached buffer, which must have room for it.
  const room = new Uint8Array(2 * (8 + MPI.BSEND_OVERHEAD));
  MPI.Attach_buffer(room);
  const br = comm.Recv_init(got, left, 14);
  const bs = comm.Bsend_init(new Int32Array([rank, 3]), right, 14);
  for (let round = 0; round < 3; round++) {
    got.fill(-1);
    br.Start();
    bs.Start();
    MPI.Request.Waitall([br, bs]);
    deepStrictEqual([...got], [left, 3]);
  }
  bs.Free();
  br.Free();
  strictEqual(MPI.Detach_buffer(), room);

  // Free while active: MPI completes the round in the background, then the slot goes.
  const late = new Float64Array(3);
  const r2 = comm.Recv_init(late, left, 13);
  const s2 = comm.Send_init(new Float64Array([rank, rank, rank]), right, 13);
  r2.Start();
  r2.Free();
  strictEqual(r2.active, false);
  throwsLike(() => r2.Start(), MPI.Exception, /ERR_REQUEST/);
  s2.Start();
  s2.Wait();
  s2.Free();
  s2.Free(); // a freed request: nothing to do
  s.Free();
  r.Free();
  for (let i = 0; i < 1000 && native.request.live() > base; i++) await turn();
  strictEqual(native.request.live(), base, 'every slot released');
  deepStrictEqual([...late], [left, left, left], 'the freed receive still completed');
  comm.Barrier();
});
