// Lowercase point-to-point: JavaScript values between ranks, over COMM_SELF,
// COMM_WORLD, a Dup and a Split (one launch per size for most programs).
import { expectEveryRankOk, expectProgram, GROUP_TIMEOUT, mpirunEach, programGroup } from './mpirun';

const PROGRAMS: [string, string][] = [
  ['send and recv carry every kind of value', 'send-recv-every-kind-of-value'],
  ['PROC_NULL sends nothing and receives undefined', 'proc-null'],
  ['ANY_SOURCE and ANY_TAG receives fill the Status', 'any-source-any-tag-with-status'],
  ['isend/irecv complete through wait, test, waitany, waitall, waitsome, testsome, testall and await', 'nonblocking-objects-and-completion'],
  ['sendrecv passes values round a ring', 'sendrecv-ring'],
  ['probe, iprobe, mprobe and improbe', 'probe-and-matched-probe'],
  ['probes, matched probes and Improbe leave an older irecv its message (posted order)', 'probes-follow-posted-order'],
  ['a matched message survives a receive that fails before taking it', 'a-failed-message-receive-keeps-the-message'],
  ['a cancelled receive leaves its message for the next', 'cancel-a-receive'],
  ["the serializer's fast paths and its v8 fallback are exact", 'serializer-fast-paths'],
  ['the plain-data fast path gives what v8 gives (recv into the pool and beyond it, irecv, bcast, gather), leaves the rest to v8, and names itself when corrupt', 'plain-data-fast-path'],
  ['a message no codec wrote, or a corrupt one, is an MPI.PickleError naming the call, the ranks and the codecs', 'undecodable-message-is-a-pickle-error'],
];

describe.each([1, 2, 4])('on %i ranks', (np) => {
  const check = programGroup(PROGRAMS.map(([, p]) => p), np);
  test.each(PROGRAMS)('%s', (_, program) => check(program), GROUP_TIMEOUT);
  test('irecv receives a message of any size (over COMM_WORLD and a Split)', () => expectProgram('irecv-of-any-size', np));
  test('MPI4JS_PICKLE=msgpack moves values with MessagePack, its bytes on the wire', () =>
    expectProgram('msgpack-codec', np, { env: { MPI4JS_PICKLE: 'msgpack' } }));
});

// A codec per rank: rank 0 msgpack, rank 1 v8, and so on alternately.
describe.each([2, 4])('on %i ranks with MPI4JS_PICKLE=msgpack on even ranks, v8 on odd ones', (np) => {
  test('ranks with different codecs understand each other (send/recv, irecv, bcast, gather, scatter, allreduce, …)', () => {
    const envs = Array.from({ length: np }, (_, r) => ({ MPI4JS_PICKLE: r % 2 === 0 ? 'msgpack' : 'v8' }));
    expectEveryRankOk(mpirunEach('ranks-with-different-codecs-interoperate', envs), np);
  });
  test('an undecodable message names the codec of the rank that receives it', () => {
    const envs = Array.from({ length: np }, (_, r) => ({ MPI4JS_PICKLE: r % 2 === 0 ? 'msgpack' : 'v8' }));
    expectEveryRankOk(mpirunEach('undecodable-message-is-a-pickle-error', envs), np);
  });
});
