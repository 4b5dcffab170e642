// No deadlock where mpi4py completes: a lowercase irecv is not posted to MPI
// (it probes, so it takes a message of any size), so every blocking call made
// while one is pending must serve it. Each program hung before that; a short
// timeout turns a regression into a failure instead of a stuck suite.
import { GROUP_TIMEOUT, programGroup } from './mpirun';

/** Every rank sends round a ring, to itself on one rank. */
const RING: [string, string][] = [
  ['irecv, then ssend/Ssend, completes', 'irecv-then-ssend-completes'],
  ['irecv, then send/Send above the eager limit, completes', 'irecv-then-large-send-completes'],
  ['irecv, then wait/Wait/test of a send, completes', 'irecv-then-wait-completes'],
  ['irecv, then waitall/waitany/waitsome/testsome of sends, completes', 'irecv-then-waitall-completes'],
  ['irecv, then an awaited isend/issend, completes', 'irecv-then-awaited-send-completes'],
];

/** Two ranks that each block: needs a partner. */
const PAIRS: [string, string][] = [
  ['irecv, then Sendrecv/sendrecv, completes', 'irecv-then-sendrecv-completes'],
  ['irecv, then Recv/recv/Probe/probe/Mprobe/mprobe/iprobe/improbe, completes', 'irecv-then-receive-or-probe-completes'],
];

// Over COMM_SELF, COMM_WORLD, a Dup and a Split, every program of a size in one launch.
describe.each([1, 2, 4])('on %i ranks', (np) => {
  const programs = np > 1 ? [...RING, ...PAIRS] : RING;
  // 60 s a program: a hang fails instead of blocking the suite.
  const check = programGroup(programs.map(([, p]) => p), np, { timeout: 60_000 * programs.length });
  test.each(programs)('%s', (_, program) => check(program), GROUP_TIMEOUT);
});

/** Collectives: every rank blocks in one while its partner's ssend needs its irecv. */
const COLLECTIVES: [string, string][] = [
  ['irecv, then a buffer collective (Barrier … Exscan), completes', 'irecv-then-buffer-collective-completes'],
  ['irecv, then a collective of values (barrier … exscan), completes', 'irecv-then-value-collective-completes'],
  ['irecv, then Dup/Split/Split_type/Create/Create_cart/Sub, completes', 'irecv-then-communicator-creation-completes'],
];

describe.each([2, 4])('collectives on %i ranks', (np) => {
  const check = programGroup(COLLECTIVES.map(([, p]) => p), np, { timeout: 60_000 * COLLECTIVES.length });
  test.each(COLLECTIVES)('%s', (_, program) => check(program), GROUP_TIMEOUT);
});
