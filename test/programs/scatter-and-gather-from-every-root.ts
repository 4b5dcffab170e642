// gather returns the array at the root and undefined elsewhere; scatter deals the
// root's array out, one item per rank.
import { deepStrictEqual, strictEqual } from 'node:assert/strict';

import { comm, program, rank, size, VALUES } from './harness';

program(() => {
  for (let root = 0; root < size; root++) {
    const gathered = comm.gather({ rank, sq: rank * rank }, root);
    if (rank === root) deepStrictEqual(gathered, Array.from({ length: size }, (_, r) => ({ rank: r, sq: r * r })));
    else strictEqual(gathered, undefined);

    for (const value of VALUES) {
      const items = Array.from({ length: size }, () => value);
      deepStrictEqual(comm.scatter(rank === root ? items : undefined, root), value);
    }
    const dealt = Array.from({ length: size }, (_, r) => [r, 'for', r]);
    deepStrictEqual(comm.scatter(rank === root ? dealt : null, { root }), [rank, 'for', rank]);
    // Any iterable works at the root, and null sends undefined to everyone.
    const set = new Set(Array.from({ length: size }, (_, r) => `s${r}`));
    strictEqual(comm.scatter(rank === root ? set : undefined, root), `s${rank}`);
    strictEqual(comm.scatter(null, root), undefined);
  }
});
