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
    expect(codecOf(6)).toBe('fast path (plain data)');
    for (const b of [0, 7, 0x41, 0xfe]) expect(codecOf(b)).toBeUndefined();
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

// ---- the plain-data fast path (lib/plain.ts) ------------------------------------
//
// It must give back exactly what v8 gives back, and leave to v8 (header 0xFF)
// every value it cannot give back exactly, so that the default codec's type
// coverage and errors are v8's. `exactly` compares as strictly as v8 round-trips:
// Object.is on primitives (-0, NaN), prototypes, own keys in order, array
// lengths and holes, and identity of objects met twice.

function protoName(o: object): string {
  const p = Object.getPrototypeOf(o) as { constructor?: { name?: string } } | null;
  return p === null ? 'null' : String(p.constructor?.name);
}

/** The first difference between a and b (a path and why), or undefined when they are the same. */
function difference(a: unknown, b: unknown, path = '$', pairs = new Map<object, unknown>()): string | undefined {
  if (typeof a !== 'object' || a === null || typeof b !== 'object' || b === null) {
    return Object.is(a, b) ? undefined : `${path}: ${String(a)} is not ${String(b)}`;
  }
  if (pairs.has(a)) return pairs.get(a) === b ? undefined : `${path}: identity differs`;
  pairs.set(a, b);
  // By name: v8.deserialize makes its objects in Node's realm, jest runs this file in a realm of its own.
  if (protoName(a) !== protoName(b)) return `${path}: prototypes differ (${protoName(a)}, ${protoName(b)})`;
  if (Array.isArray(a) && (a as unknown[]).length !== (b as unknown[]).length) return `${path}: lengths differ`;
  if (a instanceof Map || a instanceof Set) return difference([...a], [...(b as Map<unknown, unknown>)], `${path}[entries]`, pairs);
  if (a instanceof Date) return a.getTime() === (b as Date).getTime() ? undefined : `${path}: dates differ`;
  if (ArrayBuffer.isView(a)) return Buffer.compare(Buffer.from(a.buffer, a.byteOffset, a.byteLength), Buffer.from((b as ArrayBufferView).buffer, (b as ArrayBufferView).byteOffset, (b as ArrayBufferView).byteLength)) === 0 ? undefined : `${path}: bytes differ`;
  const ka = Reflect.ownKeys(a).filter((k) => !(Array.isArray(a) && k === 'length'));
  const kb = Reflect.ownKeys(b).filter((k) => !(Array.isArray(b) && k === 'length'));
  if (ka.join('\u0001') !== kb.join('\u0001') || ka.length !== kb.length) return `${path}: keys ${ka.map(String).join(',')} vs ${kb.map(String).join(',')}`;
  for (const k of ka) {
    const da = Object.getOwnPropertyDescriptor(a, k) as PropertyDescriptor;
    const db = Object.getOwnPropertyDescriptor(b, k) as PropertyDescriptor;
    if (da.enumerable !== db.enumerable || da.writable !== db.writable || da.configurable !== db.configurable) return `${path}.${String(k)}: descriptors differ`;
    const d = difference(da.value, db.value, `${path}.${String(k)}`, pairs);
    if (d) return d;
  }
  return undefined;
}

/** What v8 alone gives back for value. */
const viaV8 = (value: unknown): unknown => v8.deserialize(v8.serialize(value));

/** A tree of containers depth deep around a leaf. */
function nest(depth: number, leaf: unknown = 1): unknown {
  let v = leaf;
  for (let i = 0; i < depth; i++) v = i % 2 ? { d: v } : [v];
  return v;
}

const longAscii = 'abc'.repeat(100);
const longLatin1 = 'café ÿ '.repeat(40);
const longWide = 'Ω日本😀\ud800x'.repeat(40);

/** Values the plain path takes (header 6): they must come back as v8 gives them back. */
const plain: [string, unknown][] = [
  ['true', true],
  ['false', false],
  ['null', null],
  ['undefined at the top', undefined],
  ['numbers at their edges', { z: 0, nz: -0, nan: NaN, inf: Infinity, ninf: -Infinity, i31: 2 ** 31 - 1, ni31: -(2 ** 31), big: 2 ** 31, nbig: -(2 ** 31) - 1, huge: 2 ** 53 + 2, tiny: 5e-324, frac: 0.1, max: Number.MAX_VALUE }],
  ['numbers in a short array', [-0, NaN, 1, -1, 0.5, 2 ** 40]],
  ['strings: empty, ASCII, Latin-1, wide, emoji, lone surrogates', ['', 'a', 'ab', 'abc', 'abcd', 'abcde', 'café', 'ÿ\u0000\u007f\u0080', 'Ω', '日本語', '😀', '\ud800', 'a\udc00b', '\udbff\udfff', '\ufeff']],
  ['long strings: ASCII, Latin-1, wide with a lone surrogate', { a: longAscii, l: longLatin1, w: longWide, e: 'é'.repeat(65), s: '\ud800'.repeat(65) }],
  ['numeric-like and odd keys', { 1: 'one', b: 2, '01': 3, '-1': 4, '4294967295': 5, '4294967294': 6, '1.5': 7, '': 8, ' ': 9, 'é': 10, 'Ω': 11, '\ud800': 12, '"': 13, '\\': 14, '\n': 15, '\u2028': 16, '${x}': 17, '`': 18 }],
  ['a key that would break out of a generated literal', { '"}); throw new Error("injected"); ({"': 1, "'": 2 }],
  ['a __proto__ key, an own property as v8 makes it', JSON.parse('{"a": 1, "__proto__": {"x": 2}, "b": [3]}')],
  ['records of one shape, and of a second one after', { readings: Array.from({ length: 50 }, (_, i) => ({ t: i, v: i * 1.5, ok: i % 3 === 0, label: `r${i}` })), other: Array.from({ length: 5 }, (_, i) => ({ x: i, y: [i] })) }],
  ['records whose shapes alternate', Array.from({ length: 20 }, (_, i) => (i % 2 ? { a: i, b: i } : { b: i, a: i }))],
  ['the same keys in another order are another shape', [{ a: 1, b: 2 }, { b: 1, a: 2 }, { a: 3, b: 4 }]],
  ['more shapes than a message names (then keys inline)', Array.from({ length: 300 }, (_, i) => ({ [`k${i}`]: i, common: true }))],
  ['empty containers', { o: {}, a: [], n: [[], [{}]] }],
  ['undefined and null as values', { u: undefined, n: null, a: [undefined, null] }],
  ['an enumerable getter (read, as v8 reads it)', Object.defineProperty({ a: 1 }, 'g', { get: () => 'got', enumerable: true })],
  ['a non-enumerable property (left out, as v8 leaves it)', Object.defineProperty({ a: 1 }, 'hidden', { value: 2, enumerable: false })],
  ['a symbol-keyed property (left out, as v8 leaves it)', { a: 1, [Symbol('s')]: 2 }],
  ['a frozen object', Object.freeze({ a: Object.freeze([1, 2]) })],
  ['a message of several MiB (the scratch grows, then shrinks back)', { s: 'y'.repeat(3 * 2 ** 20), recs: Array.from({ length: 40000 }, (_, i) => ({ i, s: `v${i}` })) }],
  ['a long array of mixed values (past the preallocated size)', Array.from({ length: 20000 }, (_, i) => (i % 3 ? `s${i}` : i))],
  ['a nested array of 16 or more numbers', { xs: Array.from({ length: 40 }, (_, i) => i / 7) }],
  [`nesting ${512} deep`, nest(512)],
];

/** Values the plain path leaves to v8 (header 0xFF): v8 writes them as before. */
const holey = [1, , 3]; // eslint-disable-line no-sparse-arrays
const named = Object.assign([1, 2], { extra: 'x' });
const sharedObject = { n: 1 };
const cyclic: Record<string, unknown> = { a: 1 };
cyclic.self = cyclic;
class Point {
  constructor(public x = 1) {}
}
class List extends Array {}
const declined: [string, unknown][] = [
  ['a holey array', { h: holey }],
  ['an array of length 3 with no elements', [new Array(3)]],
  ['a hole balanced by a named property', Object.assign([1, , 3], { foo: 1 })], // eslint-disable-line no-sparse-arrays
  ['an array with a named property', { a: named }],
  ['an object met twice (v8 keeps the identity)', { a: sharedObject, b: sharedObject }],
  ['an array met twice', (() => { const a = [1]; return [a, a]; })()],
  ['a cycle', cyclic],
  ['a class instance', { p: new Point() }],
  ['an Array subclass', { l: List.from([1, 2]) }],
  ['a null-prototype object', { o: Object.assign(Object.create(null), { a: 1 }) }],
  ['Map, Set, Date', { m: new Map([[1, { a: 1 }]]), s: new Set(['x']), d: new Date(0) }],
  ['a BigInt', { n: 10n }],
  ['a typed array inside', { t: new Float32Array([1, 2]) }],
  ['a Buffer inside', [Buffer.from('hi')]],
  ['an Error', { e: new RangeError('x') }],
  [`nesting ${513} deep`, nest(513)],
  ['a message over the plain path’s 64 MiB', { s: 'x'.repeat(22 * 2 ** 20 + 1) }],
];

describe('the plain-data fast path', () => {
  test.each(plain)('%s: header 6, and back exactly as v8 gives it back', (_, value) => {
    const bytes = v8Codec.dumps(value);
    expect(bytes[0]).toBe(HEADER.PLAIN);
    expect(bytes[1]).toBe(1); // the format's version
    expect(difference(decode(bytes), viaV8(value))).toBeUndefined();
    // msgpack ranks read it too (decoding goes by the header, whatever the local codec)
    expect(difference(msgpack.loads(bytes), viaV8(value))).toBeUndefined();
  });

  test.each(declined)('%s: left to v8 (header 0xFF, its own bytes), back as v8 gives it back', (_, value) => {
    const bytes = v8Codec.dumps(value);
    expect(bytes[0]).toBe(HEADER.V8);
    expect(Buffer.from(bytes).equals(v8.serialize(value))).toBe(true);
    expect(difference(decode(bytes), viaV8(value))).toBeUndefined();
  });

  test('an object met twice is one object again after decoding', () => {
    const back = decode(v8Codec.dumps({ a: sharedObject, b: sharedObject })) as { a: object; b: object };
    expect(back.a).toBe(back.b);
    const c = decode(v8Codec.dumps(cyclic)) as Record<string, unknown>;
    expect(c.self).toBe(c);
  });

  const refusedByV8: [string, unknown][] = [
    ['a function', { f: () => 1 }],
    ['a symbol', [Symbol('s')]],
    ['a Proxy of an object', { p: new Proxy({ a: 1 }, {}) }],
    ['a Proxy of an array', [new Proxy([1], {})]],
    ['an arguments object', { a: (function (..._: unknown[]) { return arguments; })(1, 2) }], // eslint-disable-line prefer-rest-params
    ['a WeakMap', { w: new WeakMap() }],
    ['a Promise', [Promise.resolve(1)]],
  ];
  test.each(refusedByV8)('%s: refused with v8’s own error, as before', (_, value) => {
    let v8Error: Error | undefined;
    try {
      v8.serialize(value);
    } catch (e) {
      v8Error = e as Error;
    }
    expect(v8Error).toBeDefined();
    expect(() => v8Codec.dumps(value)).toThrow(new TypeError(`cannot serialize this value: ${(v8Error as Error).message}`));
  });

  test('a getter that sends a value while its own value is written: both messages are right', () => {
    let inner: Uint8Array | undefined;
    const value = {
      a: 1,
      get b() {
        inner = v8Codec.dumps({ nested: [1, 'two'] });
        return 'b';
      },
    };
    const bytes = v8Codec.dumps(value);
    expect(bytes[0]).toBe(HEADER.PLAIN);
    expect(decode(bytes)).toStrictEqual({ a: 1, b: 'b' });
    // v8 took the inner one (the plain path's scratch was in use)
    expect((inner as Uint8Array)[0]).toBe(HEADER.V8);
    expect(decode(inner as Uint8Array)).toStrictEqual({ nested: [1, 'two'] });
  });

  test('a decoded value holds nothing of the message’s bytes (they may be a reused receive buffer)', () => {
    const value = { s: longAscii, w: longWide, k: [{ name: 'x' }, { name: 'y' }] };
    const bytes = Uint8Array.from(v8Codec.dumps(value));
    const back = decode(bytes);
    bytes.fill(0);
    expect(difference(back, viaV8(value))).toBeUndefined();
  });

  test('a message is the same bytes however often its value is written (no stale scratch)', () => {
    const value = { a: [1, 2, 'x'], b: { c: true } };
    const first = Buffer.from(v8Codec.dumps(value));
    v8Codec.dumps({ other: 'x'.repeat(100000), more: Array.from({ length: 1000 }, (_, i) => ({ i })) });
    expect(Buffer.from(v8Codec.dumps(value)).equals(first)).toBe(true);
  });

  test('maps keyed by ids, message after message (a shape used once is built key by key), then records again', () => {
    for (let m = 0; m < 5; m++) {
      const map = Object.fromEntries(Array.from({ length: 30 }, (_, i) => [`user${m * 100 + i}`, { [`f${m}${i}`]: i, seen: m }]));
      expect(difference(decode(v8Codec.dumps(map)), viaV8(map))).toBeUndefined();
      const recs = Array.from({ length: 3 }, (_, i) => ({ [`f${m}0`]: i, seen: m }));
      expect(difference(decode(v8Codec.dumps(recs)), viaV8(recs))).toBeUndefined();
    }
  });

  test('the msgpack codec does not take the plain path (its own type rules stay)', () => {
    expect(msgpack.dumps({ a: 1 })[0]).toBe(HEADER.MSGPACK);
  });

  const P = HEADER.PLAIN;
  const corrupt: [string, number[], RegExp][] = [
    ['no value', [P, 1], /corrupt plain message: 2 bytes/],
    ['another version', [P, 2, 0], /plain message of version 2: this mpi4js reads version 1/],
    ['an unknown type', [P, 1, 99], /corrupt plain message: unknown type 99 at byte 2/],
    ['a truncated int', [P, 1, 4, 1, 2], /corrupt plain message: it ends inside a value/],
    ['a truncated double', [P, 1, 5, 0, 0, 0, 0, 0, 0, 0], /it ends inside a value/],
    ['a string longer than the message', [P, 1, 6, 10, 97], /it ends inside a value/],
    ['a wide string cut in half', [P, 1, 7, 1, 97], /it ends inside a value/],
    ['an array longer than the message', [P, 1, 8, 0xff, 0xff, 0xff, 0x7f], /an array of 268435455 elements in 0 bytes/],
    ['a length that never ends', [P, 1, 6, ...new Array(9).fill(0xff)], /a length is too long/],
    ['a shape never defined', [P, 1, 11, 0], /shape 0 is not defined/],
    ['a key that is not a string', [P, 1, 10, 1, 4, 0, 0, 0, 0, 3], /a key has type 4/],
    ['bytes after the value', [P, 1, 0, 0], /1 bytes after the value/],
    ['nesting deeper than a writer nests', [P, 1, ...new Array(600).fill([8, 1]).flat(), 0], /it nests deeper than 512/],
  ];
  test.each(corrupt)('a corrupt message (%s) is a RangeError saying what is wrong', (_, bytes, message) => {
    expect(() => decode(Uint8Array.from(bytes))).toThrow(RangeError);
    expect(() => decode(Uint8Array.from(bytes))).toThrow(message);
  });

  test('after a corrupt message the next one decodes (no state is left behind)', () => {
    const good = v8Codec.dumps([{ a: 1 }, { a: 2 }]);
    expect(() => decode(Uint8Array.from([P, 1, 8, 2, 10, 1, 6, 1, 97, 3, 11, 5]))).toThrow(/shape 5 is not defined/);
    expect(decode(good)).toStrictEqual([{ a: 1 }, { a: 2 }]);
  });
});

test('records decode where code generation from strings is disallowed (node --disallow-code-generation-from-strings)', () => {
  // The decoder builds a constructor per record shape with new Function; refused, it builds key by key.
  const { spawnSync } = require('node:child_process') as typeof import('node:child_process');
  const script = [
    "const { pickle } = require('./dist/pickle.js');",
    "const v = { rows: [{ a: 1, b: 'x' }, { a: 2, b: 'y' }, { a: 3, b: 'z' }] };",
    'process.stdout.write(JSON.stringify(pickle.loads(pickle.dumps(v))));',
  ].join('\n');
  const r = spawnSync(process.execPath, ['--disallow-code-generation-from-strings', '-e', script], { cwd: require('node:path').join(__dirname, '..'), encoding: 'utf8' });
  expect({ status: r.status, stderr: r.stderr, out: r.stdout }).toEqual({
    status: 0,
    stderr: '',
    out: JSON.stringify({ rows: [{ a: 1, b: 'x' }, { a: 2, b: 'y' }, { a: 3, b: 'z' }] }),
  });
});
