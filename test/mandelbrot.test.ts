// examples/mandelbrot.ts, mpi4py.futures' classic demo: the PNG it writes in
// static mode (`mpirun -n N mpi4js futures mandelbrot.js`, 2 and 4 ranks) and
// with spawned workers (plain node) decodes to the very pixels of the serial run.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

import { PNG } from 'pngjs';

import { BUILD, mpirun, node, Run } from './mpirun';

const W = 96;
const H = 64;
const SIZE = ['--width', String(W), '--height', String(H), '--iterations', '100'];
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mpi4js-mandelbrot-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function ok(r: Run, out: string): PNG {
  if (r.code !== 0 || !r.stdout.includes(`→ ${out}`)) throw new Error(`exit ${r.code}\n--- stdout\n${r.stdout}\n--- stderr\n${r.stderr}`);
  const png = PNG.sync.read(fs.readFileSync(out));
  expect([png.width, png.height]).toEqual([W, H]);
  return png;
}

let serial: PNG;
beforeAll(() => {
  const out = path.join(dir, 'serial.png');
  serial = ok(node('.build/examples/mandelbrot.js', { args: ['--serial', ...SIZE, '--out', out] }), out);
});

test('the serial image is the set: black inside (c = 0), coloured outside (c = -2 - i), opaque', () => {
  const px = (x: number, y: number) => [...serial.data.subarray(4 * (y * W + x), 4 * (y * W + x) + 4)];
  // x = 2/3 of the width is Re c = 0; y halfway-ish is Im c ≈ 0.
  expect(px(Math.round((2 / 3) * (W - 1)), Math.round((H - 1) / 2))).toEqual([0, 0, 0, 255]);
  expect(px(0, 0)).not.toEqual([0, 0, 0, 255]);
  const alpha = serial.data.filter((_, k) => k % 4 === 3);
  expect(alpha.every((a) => a === 255)).toBe(true);
  const black = serial.data.filter((_, k) => k % 4 === 0 && serial.data[k] + serial.data[k + 1] + serial.data[k + 2] === 0).length;
  expect(black).toBeGreaterThan((W * H) / 10);
  expect(black).toBeLessThan((W * H) / 2);
});

test.each([2, 4])('static mode on %i ranks: mpirun -n N mpi4js futures mandelbrot.js, the same pixels', (np) => {
  const out = path.join(dir, `static-${np}.png`);
  const r = mpirun('.build/examples/mandelbrot.js', np, { nodeArgs: [path.join(BUILD, 'dist/cli/index.js'), 'futures'], args: [...SIZE, '--chunksize', '3', '--out', out], timeout: 120_000 });
  const png = ok(r, out);
  expect(r.stdout).toContain(`${np - 1} worker(s)`);
  expect(Buffer.compare(png.data, serial.data)).toBe(0);
}, 150_000);

test('plain node: the executor spawns 3 workers, the same pixels', () => {
  const out = path.join(dir, 'spawned.png');
  const r = node('.build/examples/mandelbrot.js', { args: [...SIZE, '--workers', '3', '--out', out], env: { OMPI_MCA_rmaps_base_oversubscribe: '1' }, timeout: 120_000 });
  const png = ok(r, out);
  expect(r.stdout).toContain('3 worker(s)');
  expect(Buffer.compare(png.data, serial.data)).toBe(0);
}, 150_000);
