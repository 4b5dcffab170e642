// A pending irecv that nobody awaits is served while the rank awaits a send:
// await isend(big), await issend(), toPromise(), Promise.all of sends.
import { communicators, expectValue, ring, SIZES, value } from './deadlock-cases';
import { program } from './harness';

program(async () => {
  for (const [name, c] of communicators()) {
    const { dst, src } = ring(c);
    for (const n of SIZES) {
      let r = c.irecv(src, 1);
      await c.isend(value(n, c.rank), dst, 1);
      expectValue(r.wait(), n, src, `${name} await isend ${n} B`);

      r = c.irecv(src, 2);
      await c.issend(value(n, c.rank), dst, 2);
      expectValue(r.wait(), n, src, `${name} await issend ${n} B`);

      r = c.irecv(src, 3);
      await Promise.all([c.issend(value(n, c.rank), dst, 3).toPromise()]);
      expectValue(await r, n, src, `${name} Promise.all of issend ${n} B`);
    }
  }
});
