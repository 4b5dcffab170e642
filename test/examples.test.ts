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
  test('a ring with Sendrecv', () => {
    const r = mpirun('.build/examples/ring.js', np);
    expect(r.code).toBe(0);
    const sum = (np * (np - 1)) / 2;
    for (let rank = 0; rank < np; rank++) expect(r.stdout).toContain(`rank ${rank}: the ring carried ${np} numbers, sum ${sum}`);
  });
});
