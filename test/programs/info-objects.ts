// MPI.Info: Create from an object, a Map, pairs or another Info; Set, Get,
// Delete, the n-th key; the mapping methods mpi4py has; INFO_NULL and
// INFO_ENV; Dup, Free and `using`; the key and value limits of MPI_MAX_INFO_KEY
// and MPI_MAX_INFO_VAL. Every rank, over the harness communicators (Info is
// local: the communicator only gives each rank its own keys).
import { deepStrictEqual, ok, strictEqual, throws } from 'node:assert/strict';

import { comm, MPI, program, rank, size, throwsLike } from './harness';

program(() => {
  const mine = `rank${rank}of${size}`;
  // Create: from an object, a Map, [key, value] pairs, an Info; none at all.
  const fromObject = MPI.Info.Create({ alpha: '1', beta: mine });
  deepStrictEqual(fromObject.items(), [['alpha', '1'], ['beta', mine]]);
  const fromMap = MPI.Info.Create(new Map([['alpha', '1'], ['beta', mine]]));
  const fromPairs = MPI.Info.Create([['alpha', '1'], ['beta', mine]]);
  const fromInfo = MPI.Info.Create(fromObject);
  for (const i of [fromMap, fromPairs, fromInfo]) deepStrictEqual(i.items(), fromObject.items());
  const empty = MPI.Info.Create();
  strictEqual(empty.Get_nkeys(), 0);
  strictEqual(empty.size, 0);
  deepStrictEqual(MPI.Info.Create(null).keys(), []);

  // Set, Get (undefined when absent, as mpi4py's None), Delete, n-th key.
  const info = MPI.Info.Create();
  info.Set('gamma', 'x');
  info.Set('delta', 'y');
  info.Set('gamma', 'z'); // replaces
  strictEqual(info.Get('gamma'), 'z');
  strictEqual(info.Get('nope'), undefined);
  strictEqual(info.Get_nkeys(), 2);
  deepStrictEqual([info.Get_nthkey(0), info.Get_nthkey(1)].sort(), ['delta', 'gamma']);
  throwsLike(() => info.Get_nthkey(2), RangeError, /Info\.Get_nthkey: n 2 is not in \[0, 2\)/);
  info.Delete('delta');
  strictEqual(info.Get('delta'), undefined);
  const nokey = throwsLike(() => info.Delete('delta'), MPI.Exception, /delete/i) as InstanceType<typeof MPI.Exception>;
  strictEqual(nokey.error_class, MPI.ERR_INFO_NOKEY);

  // The mapping: keys, values, items, iteration, size/length, has, get, set, delete.
  const m = MPI.Info.Create({ a: '1', b: '2', c: mine });
  deepStrictEqual(m.keys(), ['a', 'b', 'c']);
  deepStrictEqual(m.values(), ['1', '2', mine]);
  deepStrictEqual([...m], ['a', 'b', 'c']);
  strictEqual(m.size, 3);
  strictEqual(m.length, 3);
  ok(m.has('a') && !m.has('z'));
  strictEqual(m.get('z', 'fallback'), 'fallback');
  strictEqual(m.get('z'), undefined);
  strictEqual(m.get('c'), mine);
  strictEqual(m.set('d', '4'), m);
  strictEqual(m.delete('d'), true);
  strictEqual(m.delete('d'), false);
  // update, pop, popitem, copy, clear.
  m.update({ e: '5' });
  m.update([['f', '6']]);
  m.update(new Map([['g', '7']]));
  m.update(MPI.Info.Create({ h: '8' }));
  deepStrictEqual(m.keys(), ['a', 'b', 'c', 'e', 'f', 'g', 'h']);
  strictEqual(m.pop('h'), '8');
  strictEqual(m.pop('h', 'gone'), 'gone');
  strictEqual(m.pop('h', undefined), undefined);
  strictEqual((throwsLike(() => m.pop('h'), MPI.Exception, /Info\.pop/) as InstanceType<typeof MPI.Exception>).error_class, MPI.ERR_INFO_NOKEY);
  deepStrictEqual(m.popitem(), ['g', '7']);
  const copy = m.copy();
  ok(copy !== m);
  deepStrictEqual(copy.items(), m.items());
  copy.Set('only-in-copy', '1');
  strictEqual(m.Get('only-in-copy'), undefined);
  m.clear();
  strictEqual(m.size, 0);
  strictEqual(copy.size, 6);
  const dup = copy.Dup();
  deepStrictEqual(dup.items(), copy.items());

  // Free makes it INFO_NULL's kind; `using` frees at the end of the scope.
  dup.Free();
  strictEqual(dup.size, 0);
  strictEqual((throwsLike(() => dup.Free(), MPI.Exception, /Info\.Free/) as InstanceType<typeof MPI.Exception>).error_class, MPI.ERR_INFO);
  let scoped: InstanceType<typeof MPI.Info> | undefined;
  {
    using s = MPI.Info.Create({ k: 'v' });
    scoped = s;
    strictEqual(scoped.Get('k'), 'v');
  }
  strictEqual(scoped.size, 0);
  throwsLike(() => scoped?.Get('k'), MPI.Exception, /Info\.Get/);

  // INFO_NULL and new MPI.Info(): an empty, read-only mapping; INFO_ENV: the environment, predefined.
  for (const n of [MPI.INFO_NULL, new MPI.Info()]) {
    strictEqual(n.size, 0);
    deepStrictEqual(n.keys(), []);
    deepStrictEqual(n.items(), []);
    strictEqual(n.get('a', 'd'), 'd');
    ok(!n.has('a'));
    strictEqual(n.copy().size, 0);
    n.clear();
    strictEqual((throwsLike(() => n.Set('a', 'b'), MPI.Exception, /Info\.Set/) as InstanceType<typeof MPI.Exception>).error_class, MPI.ERR_INFO);
    throwsLike(() => n.Get_nkeys(), MPI.Exception, /Info\.Get_nkeys/);
    throwsLike(() => n.Dup(), MPI.Exception, /Info\.Dup/);
  }
  strictEqual(String(MPI.INFO_NULL), 'MPI.INFO_NULL');
  ok(MPI.INFO_ENV.size >= 0);
  for (const [k, v] of MPI.INFO_ENV.items()) ok(typeof k === 'string' && typeof v === 'string');
  strictEqual((throwsLike(() => MPI.INFO_ENV.Free(), MPI.Exception, /INFO_ENV/) as InstanceType<typeof MPI.Exception>).error_class, MPI.ERR_INFO);
  MPI.INFO_ENV[Symbol.dispose](); // predefined: nothing

  // The limits: a key of MAX_INFO_KEY - 1 bytes and a value of MAX_INFO_VAL - 1 bytes round-trip whole.
  ok(MPI.MAX_INFO_KEY >= 32 && MPI.MAX_INFO_VAL >= 256 - 1);
  const longKey = 'k'.repeat(MPI.MAX_INFO_KEY - 1);
  const longValue = String(rank % 10).repeat(MPI.MAX_INFO_VAL - 1);
  const limits = MPI.Info.Create();
  limits.Set(longKey, longValue);
  strictEqual(limits.Get(longKey), longValue);
  strictEqual(limits.Get_nthkey(0), longKey);
  // One byte more is a RangeError naming the call (MPI would cut it, or refuse it depending on the library).
  throwsLike(() => limits.Set(longKey + 'k', 'v'), RangeError, /^Info\.Set: key of \d+ bytes is longer than MPI\.MAX_INFO_KEY/);
  throwsLike(() => limits.Set('k', longValue + '0'), RangeError, /^Info\.Set: value of \d+ bytes is longer than MPI\.MAX_INFO_VAL/);
  throwsLike(() => limits.Get(longKey + 'k'), RangeError, /^Info\.Get: key/);
  throwsLike(() => limits.Delete(longKey + 'k'), RangeError, /^Info\.Delete: key/);
  // Bytes, not UTF-16 units: a 2-byte character counts twice.
  throwsLike(() => limits.Set('é'.repeat(Math.ceil(MPI.MAX_INFO_KEY / 2)), 'v'), RangeError, /Info\.Set: key of/);
  throwsLike(() => limits.Set('', 'v'), RangeError, /^Info\.Set: key must not be empty/);
  throwsLike(() => limits.Set('a\0b', 'v'), RangeError, /^Info\.Set: key must not contain NUL/);
  throwsLike(() => limits.Set('a', 'v\0w'), RangeError, /^Info\.Set: value must not contain NUL/);
  throwsLike(() => limits.Set('a', 1 as unknown as string), TypeError, /^Info\.Set: value must be a string/);
  throwsLike(() => MPI.Info.Create({ [longKey + 'k']: 'v' }), RangeError, /^Info\.Create: key/);
  throwsLike(() => MPI.Info.Create([['a']] as unknown as [string, string][]), TypeError, /^Info\.Create: each item must be a \[key, value\] pair/);
  throwsLike(() => MPI.Info.Create(7 as unknown as Record<string, string>), TypeError, /^Info\.Create: items must be/);
  // A refused Create stores nothing (and leaks no info object: the pairs are read first).
  strictEqual(limits.Get_nkeys(), 1);
  throws(() => limits.update({ ok: '1', ['x'.repeat(MPI.MAX_INFO_KEY)]: 'v' }), RangeError);
  strictEqual(limits.Get('ok'), undefined);

  for (const i of [fromObject, fromMap, fromPairs, fromInfo, empty, info, m, copy, limits]) i.Free();
  comm.Barrier();
});
