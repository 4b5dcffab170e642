// The codecs' pure logic, in process (no MPI): the header byte each writes,
// decoding any codec's message whatever the local codec, and what an
// undecodable message's error says.
import * as v8 from 'node:v8';

import { codecFromEnv, codecName, codecOf, decode, HEADER, Pickle, PickleError } from '../lib/pickle';

const v8Codec = new Pickle();
const msgpack = Pickle.msgpack();

const shared: [string, unknown, number][] = [
  ['a number', 42.5, HEADER.NUMBER],
  ['a string', 'ünïcødé', HEADER.STRING],
  ['a dense number array', Array.from({ length: 32 }, (_, i) => i / 3), HEADER.NUMBERS],
  ['a typed array', new Int16Array([-1, 2, 3]), HEADER.TYPED],
];

describe('the header byte', () => {
  test.each(shared)('%s takes the same fast path in both codecs', (_, value, header) => {
    expect(v8Codec.dumps(value)[0]).toBe(header);
    expect(msgpack.dumps(value)[0]).toBe(header);
    expect(Buffer.from(v8Codec.dumps(value))).toEqual(Buffer.from(msgpack.dumps(value)));
  });

  test('v8 messages start with 0xFF and are exactly v8.serialize (no byte added, no copy)', () => {
    const value = { a: [1, 'two'], m: new Map([[1, 2]]) };
    const bytes = v8Codec.dumps(value);
    expect(bytes[0]).toBe(HEADER.V8);
    expect(Buffer.from(bytes)).toEqual(v8.serialize(value));
  });

  test('msgpack messages start with 5, then MessagePack', () => {
    const bytes = msgpack.dumps({ a: [1, 'two'] });
    expect(bytes[0]).toBe(HEADER.MSGPACK);
    expect(bytes.length).toBeGreaterThan(1);
  });

  test('codecOf names every header, and nothing else', () => {
    expect(codecOf(0xff)).toBe('v8');
    expect(codecOf(5)).toBe('msgpack');
    expect(codecOf(1)).toBe('fast path (number)');
    expect(codecOf(4)).toBe('fast path (typed array)');
    for (const b of [0, 6, 0x41, 0xfe]) expect(codecOf(b)).toBeUndefined();
  });
});

describe('decoding', () => {
  const values: unknown[] = [{ a: 1, b: [true, null, 'x'] }, [1, 'two', { three: 3 }], 'text', 7, { readings: Array.from({ length: 50 }, (_, i) => ({ t: i, ok: i % 2 === 0 })) }];

  test.each(values.map((v) => [JSON.stringify(v).slice(0, 40), v]))('either codec reads what the other wrote: %s', (_, value) => {
    expect(v8Codec.loads(msgpack.dumps(value))).toEqual(value);
    expect(msgpack.loads(v8Codec.dumps(value))).toEqual(value);
    expect(decode(v8Codec.dumps(value))).toEqual(value);
  });

  test('a message starting with a byte no codec writes is a RangeError naming the byte', () => {
    expect(() => decode(Uint8Array.of(0x41, 0x42))).toThrow(new RangeError('no codec writes a message starting with byte 0x41'));
    expect(() => decode(Uint8Array.of(0))).toThrow(/byte 0x00/);
  });

  test('truncated fast paths are caught before they are read', () => {
    expect(() => decode(Uint8Array.of(HEADER.NUMBER, 0, 0))).toThrow('corrupt number: 3 bytes');
    expect(() => decode(Uint8Array.of(HEADER.NUMBERS, 0, 0, 0, 0, 0, 0, 0, 1))).toThrow('corrupt number array: 9 bytes');
    expect(() => decode(Uint8Array.of(HEADER.TYPED, 99, 0, 0, 0, 0, 0, 0))).toThrow('corrupt typed array: 8 bytes');
    expect(() => decode(Uint8Array.of(HEADER.TYPED, 8, 0, 0, 0, 0, 0, 0, 1, 2, 3))).toThrow('corrupt typed array: 11 bytes');
  });

  test('a corrupt MessagePack body is msgpackr’s error', () => {
    expect(() => decode(Uint8Array.of(HEADER.MSGPACK, 1, 2))).toThrow(/end of buffer not reached/);
  });
});

describe('PickleError', () => {
  const where = { call: 'recv', source: 0, rank: 1, comm: 'MPI_COMM_WORLD' };

  test('for an unknown byte it names the call, both ranks, the byte and the local codec', () => {
    const e = new PickleError(where, 0x41, 'v8', new RangeError('x'));
    expect(e.name).toBe('MPI.PickleError');
    expect(e.message).toBe(
      'recv: cannot decode the message from rank 0 to rank 1 of MPI_COMM_WORLD: its first byte 0x41 names no codec ' +
        '(rank 1 writes v8, and reads v8, msgpack and the fast paths); was it sent with Send, or written by a custom MPI.pickle?',
    );
    expect([e.call, e.source, e.rank, e.header, e.codec, e.localCodec]).toEqual(['recv', 0, 1, 0x41, undefined, 'v8']);
  });

  test('for a known codec it names both codecs and the cause', () => {
    const cause = new Error('Data read, but end of buffer not reached 1');
    const e = new PickleError({ ...where, call: 'bcast', comm: '' }, HEADER.MSGPACK, 'v8', cause);
    expect(e.message).toBe('bcast: cannot decode the msgpack message from rank 0 to rank 1 of an unnamed communicator (rank 1 writes v8): Data read, but end of buffer not reached 1');
    expect(e.codec).toBe('msgpack');
    expect((e as { cause?: unknown }).cause).toBe(cause);
  });
});

describe('choosing the codec', () => {
  test('MPI4JS_PICKLE takes v8 or msgpack, any case; unset or empty is v8', () => {
    expect(codecFromEnv(undefined)).toBe('v8');
    expect(codecFromEnv('')).toBe('v8');
    expect(codecFromEnv('MsgPack')).toBe('msgpack');
    expect(codecFromEnv('v8')).toBe('v8');
  });

  test('anything else is a TypeError naming the variable and the choices', () => {
    expect(() => codecFromEnv('json')).toThrow(new TypeError('MPI4JS_PICKLE=json: expected one of v8, msgpack'));
  });

  test('codecName tells the built-in codecs from a custom one', () => {
    expect(codecName(v8Codec)).toBe('v8');
    expect(codecName(msgpack)).toBe('msgpack');
    expect(codecName(new Pickle((v) => Buffer.from(JSON.stringify(v))))).toBe('custom');
  });
});
