// Comm.Join: the ranks of the harness communicator pair up (0 with 1, 2 with
// 3, …); the even one listens on a TCP socket, the odd one connects, and both
// hand the connected socket's descriptor to Join (Node's non-blocking socket
// included): an Intercomm of one process on each side, which carries a reduction.
import { ok, strictEqual } from 'node:assert/strict';
import * as net from 'node:net';

import { comm, MPI, program, rank, size, throwsLike } from './harness';

/** The descriptor of a connected net.Socket (Node keeps it on its handle). */
function fdOf(socket: net.Socket): number {
  const fd = (socket as unknown as { _handle?: { fd?: number } })._handle?.fd;
  ok(typeof fd === 'number' && fd >= 0, `a socket descriptor, got ${fd}`);
  return fd;
}

program(async () => {
  throwsLike(() => MPI.Comm.Join(-1), RangeError, /Join: fd -1 must not be negative/);
  throwsLike(() => MPI.Comm.Join(1.5 as number), TypeError, /Join: fd must be an integer/);
  const peer = rank % 2 === 0 ? rank + 1 : rank - 1;
  if (peer >= size) {
    // Skipped by design: the last rank of an odd-sized communicator has no partner.
    process.stderr.write(`join-over-a-socket: rank ${rank} of ${size} has no partner: skipped by design\n`);
    return;
  }
  let socket: net.Socket;
  if (rank % 2 === 0) {
    const server = net.createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    comm.send((server.address() as net.AddressInfo).port, peer, 11);
    socket = await new Promise<net.Socket>((resolve) => server.once('connection', resolve));
    server.close();
  } else {
    const port = comm.recv<number>(peer, 11);
    socket = net.connect(port, '127.0.0.1');
    await new Promise<void>((resolve) => socket.once('connect', () => resolve()));
  }
  socket.pause();
  const joined = MPI.Comm.Join(fdOf(socket));
  ok(joined instanceof MPI.Intercomm);
  strictEqual(joined.size, 1);
  strictEqual(joined.remote_size, 1);
  strictEqual(joined.allreduce(rank, MPI.SUM), peer);
  joined.Disconnect();
  socket.destroy();
});
