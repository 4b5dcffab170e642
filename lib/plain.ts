/**
 * The default codec's fast path for plain data: trees of plain objects, dense
 * arrays, strings, numbers, booleans, null and undefined — what most messages
 * are, and where v8's serializer (and above all its deserializer) is slow.
 *
 * It takes a value only when the result is exactly what v8 would give back,
 * and declines (returns undefined) otherwise, so that v8 writes the whole value
 * as before: an object whose prototype is not Object.prototype (class
 * instances, null-prototype objects, Map, Set, Date, typed arrays, Error, ...),
 * an array with holes, extra properties or another prototype, a BigInt, a
 * symbol, a function, an object met twice (shared or cyclic: v8 keeps the
 * identity), nesting deeper than MAX_DEPTH, or a message larger than
 * MAX_BYTES. The type coverage and the errors are therefore v8's.
 *
 * The format (after the header byte, HEADER.PLAIN in lib/pickle.ts):
 *
 *     message = version(1) value
 *     value   = NULL | UNDEFINED | FALSE | TRUE
 *             | INT i32le | DOUBLE f64le
 *             | LATIN1 len bytes            one byte per UTF-16 unit (all < 256)
 *             | UTF16 len u16le...          any string, lone surrogates included
 *             | ARRAY len value...          dense
 *             | OBJECT n (key value)...     keys as string values
 *             | DEFINE n key... value...    an object, whose keys become the next shape
 *             | SHAPE id value...           an object with shape id's keys
 *     len, n, id = unsigned LEB128
 *
 * Objects of one shape (the same keys in the same order: records) name their
 * keys once per message; the decoder makes a constructor for a shape when a
 * message holds a second object of it, and keeps it for the process.
 *
 * Cost, on the nested bench value (200 records of 4 fields, 4.2 KB): encode
 * about 25 µs, decode about 12 µs, where v8 takes about 35 and 55; the checks
 * that keep v8's coverage (a Set of the objects met, a proxy check, the
 * prototype, an array's own keys) are about a third of the encoding.
 */

import { types } from 'node:util';

/** v8 refuses proxies, whose prototype and keys are whatever their handler says. */
const { isProxy } = types;

/** The plain format's version byte: a reader refuses any other. */
export const VERSION = 1;

const NULL = 0;
const UNDEFINED = 1;
const FALSE = 2;
const TRUE = 3;
const INT = 4;
const DOUBLE = 5;
const LATIN1 = 6;
const UTF16 = 7;
const ARRAY = 8;
const OBJECT = 9;
const DEFINE = 10;
const SHAPE = 11;

/** Deeper values are left to v8 (whose own limit then applies, as before). */
export const MAX_DEPTH = 512;
/** Larger messages are left to v8: they gain nothing here, and the scratch stays small. */
export const MAX_BYTES = 64 * 1024 * 1024;
/** Shapes per message; objects beyond it carry their keys inline. */
const MAX_SHAPES = 256;
/** Strings longer than this are checked and written by one native call, not char by char. */
const SHORT = 64;

// ---- encoding -----------------------------------------------------------------

/** Why the walk stopped: v8 takes the value. Thrown, never seen outside this module. */
const DECLINE = Symbol('decline');

/** The scratch every message is written into (then copied out): no allocation per value. */
let out = Buffer.allocUnsafeSlow(64 * 1024);
let view = new DataView(out.buffer, out.byteOffset, out.byteLength);
let at = 0;
/** The objects and arrays met so far in this message: a second meeting declines. */
const seen = new Set<object>();
/** This message's shapes (their key lists), in the order they were defined. */
const shapes: string[][] = [];
/** The shape used last: records in an array hit it first. */
let lastShape = -1;
/** Whether a message is being written (the scratch and the tables above are in use). */
let busy = false;

function room(n: number): void {
  if (at + n <= out.length) return;
  const need = at + n;
  if (need > MAX_BYTES) throw DECLINE;
  const bigger = Buffer.allocUnsafeSlow(Math.min(MAX_BYTES, Math.max(need, out.length * 2)));
  bigger.set(out.subarray(0, at));
  out = bigger;
  view = new DataView(out.buffer, out.byteOffset, out.byteLength);
}

function putLength(n: number): void {
  room(8);
  while (n >= 0x80) {
    out[at++] = (n % 0x80) | 0x80;
    n = Math.floor(n / 0x80);
  }
  out[at++] = n;
}

function putNumber(v: number): void {
  room(9);
  // Integers that fit an int32 take 4 bytes; -0 is not one (0 === -0).
  if ((v | 0) === v && (v !== 0 || 1 / v > 0)) {
    out[at] = INT;
    view.setInt32(at + 1, v, true);
    at += 5;
  } else {
    out[at] = DOUBLE;
    view.setFloat64(at + 1, v, true);
    at += 9;
  }
}

function putString(s: string): void {
  const n = s.length;
  if (n <= SHORT) {
    // Most strings (keys, labels) are short and Latin-1: written char by char, no native call.
    room(n + 9);
    const start = at;
    out[at++] = LATIN1;
    out[at++] = n; // n <= SHORT < 0x80: its length is one byte
    for (let i = 0; i < n; i++) {
      const c = s.charCodeAt(i);
      if (c > 0xff) {
        at = start;
        return putUtf16(s);
      }
      out[at++] = c;
    }
    return;
  }
  // One native pass: UTF-8 of n bytes from n units means every unit is ASCII.
  room(3 * n + 9);
  const start = at;
  out[at++] = LATIN1;
  putLength(n);
  if (out.write(s, at, out.length - at, 'utf8') === n) {
    at += n;
    return;
  }
  at = start;
  putUtf16(s);
}

/** Any string exactly, lone surrogates included (UTF-8 would replace them). */
function putUtf16(s: string): void {
  room(2 * s.length + 9);
  out[at++] = UTF16;
  putLength(s.length);
  at += out.write(s, at, 2 * s.length, 'utf16le');
}

function sameKeys(a: string[], b: string[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** The id of the shape with these keys in this message, or -1. */
function findShape(keys: string[]): number {
  if (lastShape >= 0 && sameKeys(shapes[lastShape], keys)) return lastShape;
  for (let i = 0; i < shapes.length; i++) if (sameKeys(shapes[i], keys)) return (lastShape = i);
  return -1;
}

/** Whether o's keys are exactly keys, in order: for-in walks V8's enum cache, allocating nothing (Object.keys copies it). */
function hasKeys(o: Record<string, unknown>, keys: string[]): boolean {
  let i = 0;
  // for-in also yields enumerable inherited keys: then the count differs, and Object.keys decides.
  for (const k in o) if (k !== keys[i++]) return false;
  return i === keys.length;
}

function putObject(o: Record<string, unknown>, depth: number): void {
  if (lastShape >= 0) {
    const keys = shapes[lastShape];
    if (hasKeys(o, keys)) {
      room(9);
      out[at++] = SHAPE;
      if (lastShape < 0x80) out[at++] = lastShape;
      else putLength(lastShape);
      // o[k] in a for-in over o reads through the enum cache: much cheaper than o[keys[i]].
      for (const k in o) put(o[k], depth);
      return;
    }
  }
  const keys = Object.keys(o);
  const n = keys.length;
  const id = n > 0 ? findShape(keys) : -1;
  room(18);
  if (id >= 0) {
    out[at++] = SHAPE;
    putLength(id);
  } else if (n > 0 && shapes.length < MAX_SHAPES) {
    out[at++] = DEFINE;
    putLength(n);
    for (let i = 0; i < n; i++) putString(keys[i]);
    lastShape = shapes.length;
    shapes.push(keys);
  } else {
    out[at++] = OBJECT;
    putLength(n);
    for (let i = 0; i < n; i++) {
      putString(keys[i]);
      put(o[keys[i]], depth);
    }
    return;
  }
  for (let i = 0; i < n; i++) put(o[keys[i]], depth);
}

const hasOwn = Object.prototype.hasOwnProperty;

function putArray(a: unknown[], depth: number): void {
  const n = a.length;
  // Named properties on an array are v8's to keep (Object.keys counts indices and names, not length).
  if (Object.keys(a).length !== n) throw DECLINE;
  room(9);
  out[at++] = ARRAY;
  putLength(n);
  for (let i = 0; i < n; i++) {
    const v = a[i];
    // A hole reads as undefined: v8 keeps holes, so it takes the value (the check runs only on undefined).
    if (v === undefined && !hasOwn.call(a, i)) throw DECLINE;
    put(v, depth);
  }
}

function put(v: unknown, depth: number): void {
  switch (typeof v) {
    case 'number':
      return putNumber(v);
    case 'string':
      return putString(v);
    case 'boolean':
      room(1);
      out[at++] = v ? TRUE : FALSE;
      return;
    case 'undefined':
      room(1);
      out[at++] = UNDEFINED;
      return;
    case 'object': {
      if (v === null) {
        room(1);
        out[at++] = NULL;
        return;
      }
      if (depth >= MAX_DEPTH) throw DECLINE;
      const met = seen.size;
      seen.add(v);
      if (seen.size === met || isProxy(v)) throw DECLINE;
      const proto = Object.getPrototypeOf(v);
      // An arguments object has Object.prototype too, and an iterator of its own (which a plain object has not): v8 refuses it.
      if (proto === Object.prototype && (v as { [Symbol.iterator]?: unknown })[Symbol.iterator] === undefined) {
        return putObject(v as Record<string, unknown>, depth + 1);
      }
      if (proto === Array.prototype && Array.isArray(v)) {
        return putArray(v, depth + 1);
      }
      throw DECLINE;
    }
    default:
      // bigint, symbol, function: v8's (a BigInt it writes, the others it refuses).
      throw DECLINE;
  }
}

/**
 * The plain encoding of value after a header byte, in a Buffer of its own; or
 * undefined when the value is not plain data (v8 then takes it whole).
 */
export function encodePlain(value: unknown, header: number): Buffer | undefined {
  // A getter that sends a value while this one is written: v8 takes the inner one (the scratch is in use).
  if (busy) return undefined;
  busy = true;
  at = 0;
  out[at++] = header;
  out[at++] = VERSION;
  try {
    put(value, 0);
    // Copied out before the finally below may replace a grown scratch.
    const msg = Buffer.allocUnsafe(at);
    out.copy(msg, 0, 0, at);
    return msg;
  } catch (e) {
    if (e !== DECLINE) throw e;
    return undefined;
  } finally {
    busy = false;
    seen.clear();
    shapes.length = 0;
    lastShape = -1;
    // A scratch grown by one large message does not stay large.
    if (out.length > 1024 * 1024) {
      out = Buffer.allocUnsafeSlow(64 * 1024);
      view = new DataView(out.buffer, out.byteOffset, out.byteLength);
    }
  }
}

// ---- decoding -----------------------------------------------------------------

/** A corrupt message: a RangeError, as the other fast paths' are. */
function corrupt(why: string): never {
  throw new RangeError(`corrupt plain message: ${why}`);
}

/** The message being decoded (the decoder is not reentrant: nothing it calls decodes). */
let src: Buffer = Buffer.alloc(0);
let srcView = new DataView(src.buffer);
let pos = 0;
let end = 0;
/** This message's shapes, by id: their keys, and their makers once made (on a shape's second object). */
const shapeKeys: string[][] = [];
const makers: (Maker | undefined)[] = [];

/** Makes an object of a shape, reading its values in key order. */
type Maker = () => Record<string, unknown>;

function need(n: number): void {
  if (pos + n > end) corrupt(`it ends inside a value (byte ${pos} of ${end})`);
}

function getLength(): number {
  let n = 0;
  let scale = 1;
  for (;;) {
    need(1);
    const b = src[pos++];
    n += (b & 0x7f) * scale;
    if (b < 0x80) return n;
    scale *= 0x80;
    if (scale > 2 ** 49) corrupt('a length is too long');
  }
}

const fromCharCode = String.fromCharCode;
/** Reused for short strings' char codes: no array per string. */
const codes: number[] = [];

function getString(): string {
  need(1);
  const t = src[pos++];
  if (t === LATIN1) return getLatin1();
  if (t === UTF16) return getUtf16();
  return corrupt(`a key has type ${t}`);
}

function getLatin1(): string {
  const n = getLength();
  need(n);
  const p = pos;
  pos += n;
  switch (n) {
    case 0:
      return '';
    case 1:
      return fromCharCode(src[p]);
    case 2:
      return fromCharCode(src[p], src[p + 1]);
    case 3:
      return fromCharCode(src[p], src[p + 1], src[p + 2]);
    case 4:
      return fromCharCode(src[p], src[p + 1], src[p + 2], src[p + 3]);
  }
  if (n > SHORT) return src.toString('latin1', p, p + n);
  codes.length = n;
  for (let i = 0; i < n; i++) codes[i] = src[p + i];
  return fromCharCode.apply(null, codes);
}

function getUtf16(): string {
  const n = getLength();
  need(2 * n);
  const p = pos;
  pos += 2 * n;
  return src.toString('utf16le', p, p + 2 * n);
}

/**
 * Makers by their keys (joined), for the life of the process: each is a
 * function made from its keys once, which builds the object as one literal —
 * the fastest way V8 has to make many objects of one shape. A maker is made
 * only for a shape that a message uses twice (records), so objects whose keys
 * are all different (maps keyed by ids) never compile one.
 */
const makerCache = new Map<string, Maker>();
const MAKER_CACHE = 1024;

function cacheKey(keys: string[]): string {
  return keys.join('\u0000') + `\u0000${keys.length}`;
}

/** An object with these keys, its values read in key order, each an own data property as v8 makes them. */
function generic(keys: string[]): Record<string, unknown> {
  const o: Record<string, unknown> = {};
  for (let i = 0; i < keys.length; i++) Object.defineProperty(o, keys[i], { value: get(), writable: true, enumerable: true, configurable: true });
  return o;
}

function makerFor(keys: string[]): Maker {
  const id = cacheKey(keys);
  let m = makerCache.get(id);
  if (m) return m;
  if (keys.includes('__proto__')) {
    // In a literal, __proto__ would set the prototype: define it as the own property v8 would make.
    m = () => generic(keys);
  } else {
    // Keys enter the source only through JSON.stringify: string literals, nothing else.
    const body = `return () => ({${keys.map((k) => `${JSON.stringify(k)}: get()`).join(', ')}});`;
    try {
      m = new Function('get', body)(get) as Maker;
    } catch {
      // node --disallow-code-generation-from-strings: build key by key instead.
      m = () => generic(keys);
    }
  }
  if (makerCache.size >= MAKER_CACHE) makerCache.clear();
  makerCache.set(id, m);
  return m;
}

function getKeys(n: number): string[] {
  const keys = new Array<string>(n);
  for (let i = 0; i < n; i++) keys[i] = getString();
  return keys;
}

/** How many containers get() is inside (reset per message: a throw leaves it as it was). */
let depth = 0;

/** A container is entered: a corrupt message cannot nest deeper than a written one. */
function enter(): void {
  if (++depth > MAX_DEPTH) corrupt(`it nests deeper than ${MAX_DEPTH}`);
}

function get(): unknown {
  need(1);
  const t = src[pos++];
  switch (t) {
    case NULL:
      return null;
    case UNDEFINED:
      return undefined;
    case FALSE:
      return false;
    case TRUE:
      return true;
    case INT:
      need(4);
      pos += 4;
      return srcView.getInt32(pos - 4, true);
    case DOUBLE:
      need(8);
      pos += 8;
      return srcView.getFloat64(pos - 8, true);
    case LATIN1:
      return getLatin1();
    case UTF16:
      return getUtf16();
    case ARRAY: {
      const n = getLength();
      // Each element takes at least a byte: a corrupt length cannot allocate more than the message holds.
      if (n > end - pos) corrupt(`an array of ${n} elements in ${end - pos} bytes`);
      // Preallocated while V8 keeps such an array's elements fast; pushed beyond.
      const a = n <= 16 * 1024 ? new Array<unknown>(n) : [];
      enter();
      if (n <= 16 * 1024) for (let i = 0; i < n; i++) a[i] = get();
      else for (let i = 0; i < n; i++) a.push(get());
      depth--;
      return a;
    }
    case OBJECT: {
      const n = getLength();
      if (n > end - pos) corrupt(`an object of ${n} keys in ${end - pos} bytes`);
      const o: Record<string, unknown> = {};
      enter();
      for (let i = 0; i < n; i++) Object.defineProperty(o, getString(), { value: get(), writable: true, enumerable: true, configurable: true });
      depth--;
      return o;
    }
    case DEFINE: {
      const n = getLength();
      if (n > end - pos) corrupt(`a shape of ${n} keys in ${end - pos} bytes`);
      const keys = getKeys(n);
      // A maker made for an earlier message serves; else this first object is built key by key.
      const m = makerCache.get(cacheKey(keys));
      shapeKeys.push(keys);
      makers.push(m);
      enter();
      const o = m ? m() : generic(keys);
      depth--;
      return o;
    }
    case SHAPE: {
      const id = getLength();
      if (id >= shapeKeys.length) corrupt(`shape ${id} is not defined`);
      enter();
      const o = (makers[id] ??= makerFor(shapeKeys[id]))();
      depth--;
      return o;
    }
    default:
      return corrupt(`unknown type ${t} at byte ${pos - 1}`);
  }
}

/** The value of a plain message (bytes: the whole message, header byte first). */
export function decodePlain(bytes: Uint8Array): unknown {
  if (bytes.byteLength < 3) corrupt(`${bytes.byteLength} bytes`);
  if (bytes[1] !== VERSION) throw new RangeError(`plain message of version ${bytes[1]}: this mpi4js reads version ${VERSION}`);
  src = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  srcView = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  pos = 2;
  end = bytes.byteLength;
  depth = 0;
  try {
    const v = get();
    if (pos !== end) corrupt(`${end - pos} bytes after the value`);
    return v;
  } finally {
    makers.length = 0;
    shapeKeys.length = 0;
    // The message may be a reused receive buffer: hold no reference to it.
    src = Buffer.alloc(0);
    srcView = emptyView;
  }
}
const emptyView = new DataView(new ArrayBuffer(0));
