// Probes respect the order of posted receives (README): a message that an
// older pending irecv matches goes to that irecv, so a later probe, mprobe,
// Probe or Improbe never takes it or reports it — they see the next message.
import { deepStrictEqual, strictEqual } from 'node:assert/strict';

import { comm as world, MPI, program } from './harness';

function settle(comm: MPI.Intracomm, source: number, tag: number): void {
  // Both messages are here once a probe for the second one sees it.
  const st = new MPI.Status();
  while (!comm.Iprobe(source, tag, st)) {
    /* spin: the messages are on their way */
  }
}

program(() => {
  const dup = world.Dup();
  for (const comm of [world, dup]) {
    const { rank, size } = comm;
    const right = (rank + 1) % size;
    const left = (rank - 1 + size) % size;
    const probes: [string, () => number][] = [
      ['mprobe', () => comm.mprobe(left, MPI.ANY_TAG).recv() as number],
      ['Mprobe', () => comm.Mprobe(left, MPI.ANY_TAG).irecv<number>().wait()],
      ['improbe', () => {
        for (;;) {
          const m = comm.improbe(left, MPI.ANY_TAG);
          if (m) return m.recv() as number;
        }
      }],
      ['probe', () => {
        const st = new MPI.Status();
        comm.probe(left, MPI.ANY_TAG, st);
        strictEqual(st.Get_tag(), 2, 'probe reports the message the irecv does not take');
        return comm.recv(left, st.Get_tag()) as number;
      }],
      ['Iprobe', () => {
        const st = new MPI.Status();
        while (!comm.Iprobe(left, MPI.ANY_TAG, st)) {
          /* spin */
        }
        strictEqual(st.Get_tag(), 2, 'Iprobe reports the message the irecv does not take');
        return comm.recv(left, 2) as number;
      }],
    ];
    for (const [name, probe] of probes) {
      // An irecv of tag 1 is posted first; then tag 1 and tag 2 arrive.
      const older = comm.irecv(left, 1);
      // isend: a blocking send to oneself may wait for its receive (MPICH's does).
      const sent = [comm.isend(100 + rank, right, 1), comm.isend(200 + rank, right, 2)];
      // Probing for tag 2 first makes sure both have arrived (the irecv serves
      // tag 1 meanwhile) before the wildcard probe runs.
      if (name !== 'Iprobe') settle(comm, left, 2);
      const taken = probe();
      strictEqual(taken, 200 + left, `${name} took the irecv's message`);
      deepStrictEqual(older.wait(), 100 + left, `${name}: the older irecv got its own message`);
      MPI.Request.waitall(sent);
      comm.barrier();
    }
  }
  dup.Free();
});
