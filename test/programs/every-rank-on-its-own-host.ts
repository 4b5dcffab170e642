// On the simulated cluster: every rank reports its own host's address and
// name; argv[2] ranks share each host (its slots).
import { deepStrictEqual, ok, strictEqual } from 'node:assert/strict';
import * as os from 'node:os';

import { comm, MPI, program, size } from './harness';

const slots = Number(process.argv[2] ?? 1);

program(() => {
  const addresses = Object.values(os.networkInterfaces())
    .flat()
    .filter((a) => a && a.family === 'IPv4' && a.address.startsWith('10.77.0.'))
    .map((a) => a!.address);
  strictEqual(addresses.length, 1, `one cluster address per host, got ${addresses}`);
  const mine = { address: addresses[0], host: MPI.Get_processor_name() };
  strictEqual(mine.host, os.hostname());
  const all = comm.allgather(mine) as (typeof mine)[];
  const hosts = size / slots;
  for (let h = 1; h <= hosts; h++) {
    const here = all.filter((x) => x.address === `10.77.0.${10 + h}`);
    strictEqual(here.length, slots, `${slots} rank(s) on 10.77.0.${10 + h}`);
    deepStrictEqual(new Set(here.map((x) => x.host)), new Set([`h${h}`]));
  }
  ok(comm.Split_type(MPI.COMM_TYPE_SHARED).size === slots);
});
