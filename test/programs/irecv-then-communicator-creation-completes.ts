// A pending irecv is served while the rank blocks in a collective that makes
// a communicator (Dup, Split, Split_type, Create, Create_cart, Sub): rank A of
// each pair has an irecv pending and enters it; its partner B first ssends
// what that irecv is for.
import { deepStrictEqual } from 'node:assert/strict';

import { communicators, MPI, SIZES, servedDuring } from './deadlock-cases';
import { program } from './harness';

type Comm = InstanceType<typeof MPI.Comm>;

program(() => {
  for (const [name, c] of communicators()) {
    for (const n of SIZES) {
      const at = (what: string) => `${name} ${what}`;
      const made: Comm[] = [];
      const keep = (m: Comm) => {
        made.push(m);
        return m;
      };
      let x: Comm = MPI.COMM_NULL as Comm;
      servedDuring(c, n, at('Dup'), () => (x = keep(c.Dup())));
      deepStrictEqual(x.size, c.size);
      servedDuring(c, n, at('Split'), () => (x = keep(c.Split(0, -c.rank))));
      deepStrictEqual(x.rank, c.size - 1 - c.rank);
      servedDuring(c, n, at('Split_type'), () => (x = keep(c.Split_type(MPI.COMM_TYPE_SHARED))));
      deepStrictEqual(x.size, c.size); // one machine
      servedDuring(c, n, at('Create'), () => (x = keep(c.Create(c.Get_group()))));
      deepStrictEqual(x.size, c.size);
      const cart = c.Create_cart([c.size], [true]) as InstanceType<typeof MPI.Cartcomm>;
      servedDuring(c, n, at('Create_cart'), () => (x = keep(c.Create_cart([c.size], [false]) as Comm)));
      deepStrictEqual(x.size, c.size);
      servedDuring(c, n, at('Sub'), () => (x = keep(cart.Sub([true]))));
      deepStrictEqual(x.size, c.size);
      cart.Free();
      for (const m of made) m.Free();
    }
  }
});
