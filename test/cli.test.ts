// `mpi4js bench helloworld|ringtest|pingpong`, run under mpirun as with
// `python -m mpi4py.bench`.
import * as path from 'node:path';

import { mpirun, ROOT } from './mpirun';

const cli = path.relative(ROOT, path.join(ROOT, 'dist/cli.js'));

describe.each([1, 2, 4])('on %i ranks', (np) => {
  test('bench helloworld: every rank in rank order', () => {
    const r = mpirun(cli, np, { args: ['bench', 'helloworld'] });
    expect(r.code).toBe(0);
    const lines = r.stdout.trim().split('\n');
    expect(lines).toEqual(Array.from({ length: np }, (_, i) => expect.stringMatching(new RegExp(`^Hello, World! I am process ${i} of ${np} on \\S+\\.$`))));
  });
  test('bench ringtest', () => {
    const r = mpirun(cli, np, { args: ['bench', 'ringtest', '-n', '1024', '-s', '10', '-l', '100'] });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(new RegExp(`^time for 100 loops = \\S+ seconds \\(${np} processes, 1024 bytes\\)$`, 'm'));
    expect(r.stderr).not.toContain('changed');
  });
});

test('bench pingpong on 2 ranks: a row per size', () => {
  const r = mpirun(cli, 2, { args: ['bench', 'pingpong', '-m', '1', '-n', '4096', '-l', '200', '-s', '10'] });
  expect(r.code).toBe(0);
  expect(r.stdout).toContain('# MPI PingPong Test');
  for (let size = 1; size <= 4096; size *= 2) expect(r.stdout).toMatch(new RegExp(`^\\s+${size}\\s+[\\d.]+ \\| [\\d.e+-]+ ± [\\d.e+-]+\\s+200$`, 'm'));
});

test('bench pingpong on 1 rank is a clear error', () => {
  const r = mpirun(cli, 1, { args: ['bench', 'pingpong'] });
  expect(r.code).not.toBe(0);
  expect(r.stderr).toMatch(/RangeError: pingpong needs at least 2 ranks/);
});
