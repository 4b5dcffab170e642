// The examples run as the README says and print what they should.
import { mpirun } from './mpirun';

const table = [
  '  1     1     2     3     4     5     6',
  '  2     1     4     9    16    25    36',
  '  3     1     8    27    64   125   216',
  '  4     1    16    81   256   625  1296',
  '  5     1    32   243  1024  3125  7776',
];

describe.each([1, 2, 4])('on %i ranks', (np) => {
  test('the tutorial prints the table of powers and the sum', () => {
    const r = mpirun('.build/examples/tutorial.js', np);
    expect(r.code).toBe(0);
    for (let rank = 0; rank < np; rank++) expect(r.stdout).toContain(`Hello from rank ${rank} of ${np}`);
    for (const row of table) expect(r.stdout).toContain(row);
    expect(r.stdout).toContain('Sum of every value: 15029');
    for (let rank = 1; rank < np; rank++) expect(r.stdout).toContain(`rank ${rank} received the table: 5 rows`);
  });
  test('hello world', () => {
    const r = mpirun('.build/examples/hello.js', np);
    expect(r.code).toBe(0);
    for (let rank = 0; rank < np; rank++) expect(r.stdout).toMatch(new RegExp(`I am process ${rank} of ${np} on `));
  });
  test('pi by numerical integration', () => {
    const r = mpirun('.build/examples/pi.js', np, { args: ['100000'] });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/pi ≈ 3\.14159265\d+, error \d\.\d+e-\d+, 100000 intervals/);
  });
  // --- one-sided communication (issue 14)
  test('one table per node, shared through Allocate_shared', () => {
    const r = mpirun('.build/examples/shared-table.js', np, { args: ['1000'] });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`1 table(s) of 1000 square roots shared by ${np} ranks; sum 21065.833`);
  });
  test('a ring with Sendrecv', () => {
    const r = mpirun('.build/examples/ring.js', np);
    expect(r.code).toBe(0);
    const sum = (np * (np - 1)) / 2;
    for (let rank = 0; rank < np; rank++) expect(r.stdout).toContain(`rank ${rank}: the ring carried ${np} numbers, sum ${sum}`);
  });
  test('the transpose of a matrix with a column datatype', () => {
    const r = mpirun('.build/examples/transpose.js', np);
    expect(r.code).toBe(0);
    const rows = 3;
    const cols = 2 * np;
    for (let rank = 0; rank < np; rank++) {
      // columns j = 2·rank and 2·rank + 1 hold 10·i + j for i < rows
      const sum = [2 * rank, 2 * rank + 1].reduce((s, j) => s + rows * j + 10 * ((rows * (rows - 1)) / 2), 0);
      expect(r.stdout).toContain(`rank ${rank}: columns ${2 * rank}..${2 * rank + 1}, sum ${sum}`);
    }
    expect(r.stdout).toContain(`the transpose (${cols}×${rows}):`);
    for (let j = 0; j < cols; j++) {
      const line = Array.from({ length: rows }, (_, i) => String(10 * i + j).padStart(4)).join('');
      expect(r.stdout).toContain(`\n${line}\n`);
    }
  });
  test('a halo exchange on a 2-D grid with subarray faces', () => {
    const r = mpirun('.build/examples/halo.js', np);
    expect(r.code).toBe(0);
    const dims = np === 4 ? [2, 2] : np === 2 ? [2, 1] : [1, 1];
    for (let y = 0; y < dims[0]; y++) {
      for (let x = 0; x < dims[1]; x++) {
        const rank = y * dims[1] + x;
        const at = (yy: number, xx: number) => (yy < 0 || xx < 0 || yy >= dims[0] || xx >= dims[1] ? -1 : yy * dims[1] + xx);
        expect(r.stdout).toContain(
          `rank ${rank} at (${y}, ${x}) of ${dims[0]}×${dims[1]}: north ${at(y - 1, x)}, south ${at(y + 1, x)}, west ${at(y, x - 1)}, east ${at(y, x + 1)}`,
        );
      }
    }
  });
});
