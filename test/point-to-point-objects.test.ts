// Lowercase point-to-point: JavaScript values between ranks.
import { expectEveryRankOk, expectProgram, mpirunEach } from './mpirun';

describe.each([1, 2, 4])('on %i ranks', (np) => {
  test('send and recv carry every kind of value', () => expectProgram('send-recv-every-kind-of-value', np));
  test('PROC_NULL sends nothing and receives undefined', () => expectProgram('proc-null', np));
  test('ANY_SOURCE and ANY_TAG receives fill the Status', () => expectProgram('any-source-any-tag-with-status', np));
  test('isend/irecv complete through wait, test, waitany, waitall, waitsome, testsome, testall and await', () =>
    expectProgram('nonblocking-objects-and-completion', np));
  test('irecv receives a message of any size', () => expectProgram('irecv-of-any-size', np));
  test('sendrecv passes values round a ring', () => expectProgram('sendrecv-ring', np));
  test('probe, iprobe, mprobe and improbe', () => expectProgram('probe-and-matched-probe', np));
  test('probes, matched probes and Improbe leave an older irecv its message (posted order)', () =>
    expectProgram('probes-follow-posted-order', np));
  test('a matched message survives a receive that fails before taking it', () =>
    expectProgram('a-failed-message-receive-keeps-the-message', np));
  test('a cancelled receive leaves its message for the next', () => expectProgram('cancel-a-receive', np));
  test("the serializer's fast paths and its v8 fallback are exact", () => expectProgram('serializer-fast-paths', np));
  test('MPI4JS_PICKLE=msgpack moves values with MessagePack', () =>
    expectProgram('msgpack-codec', np, { env: { MPI4JS_PICKLE: 'msgpack' } }));
  test('a message no codec wrote, or a corrupt one, is an MPI.PickleError naming the call, the ranks and the codecs', () =>
    expectProgram('undecodable-message-is-a-pickle-error', np));
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
