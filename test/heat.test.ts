// examples/heat.ts: the 2-D heat equation with neighbour-collective halos and one
// collective Write_at_all per snapshot through a subarray file view. The file
// it writes on 1, 2, 3 and 4 ranks (1×1, 2×1, 3×1, 2×2 grids) must be, byte for
// byte, what its serial mode (one array, node:fs) writes.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

import { mpirun, node } from './mpirun';

const [GY, GX, SNAPSHOTS] = [24, 30, 4];
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mpi4js-heat-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

let reference: Buffer;

beforeAll(() => {
  const file = path.join(dir, 'serial.bin');
  const r = node('.build/examples/heat.js', { args: ['--serial', file, '60', '20'] });
  expect(r.stdout).toContain(`heat: ${GY}×${GX}, serial, ${SNAPSHOTS} snapshots`);
  reference = fs.readFileSync(file);
});

test('the serial reference is snapshots of a diffusing warm spot', () => {
  expect(reference.length).toBe(SNAPSHOTS * GY * GX * 8);
  const snaps = Array.from({ length: SNAPSHOTS }, (_, k) => new Float64Array(reference.buffer, reference.byteOffset + k * GY * GX * 8, GY * GX));
  const total = snaps.map((s) => s.reduce((a, b) => a + b, 0));
  const peak = snaps.map((s) => Math.max(...s));
  // Heat leaves through the cold edges and the peak flattens: each snapshot differs from the last.
  for (let k = 1; k < SNAPSHOTS; k++) {
    expect(total[k]).toBeLessThan(total[k - 1]);
    expect(peak[k]).toBeLessThan(peak[k - 1]);
  }
  expect(peak[0]).toBeGreaterThan(90);
});

test.each([1, 2, 3, 4])('on %i ranks the file is the serial one, byte for byte', (np) => {
  const file = path.join(dir, `np${np}.bin`);
  fs.writeFileSync(file, Buffer.alloc(100_000, 7)); // an earlier, longer file: overwritten, not merged
  const r = mpirun('.build/examples/heat.js', np, { args: [file, '60', '20'] });
  expect(r.code).toBe(0);
  expect(r.stdout).toContain(`${SNAPSHOTS} snapshots in ${file}`);
  expect(fs.readFileSync(file).equals(reference)).toBe(true);
});
