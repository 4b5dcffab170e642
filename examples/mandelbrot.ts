// The Mandelbrot set, one row of pixels per task: mpi4py.futures' classic demo.
// MPIPoolExecutor.map sends the rows to the workers; rank 0 writes a PNG.
//
//   mpirun -n 4 npx mpi4js futures .build/examples/mandelbrot.js   static mode: ranks 1…3 are the workers
//   node .build/examples/mandelbrot.js --workers 3                  the executor spawns 3 workers
//   node .build/examples/mandelbrot.js --serial                     no MPI at all
//
// Options: --width W --height H (default 600×400), --iterations K (255),
// --out FILE (mandelbrot.png), --chunksize C (rows per message, 1),
// --progress (a progress bar on a terminal).
import * as fs from 'node:fs';

import { MPIPoolExecutor } from 'mpi4js/futures';

/** What every row needs besides its index. */
export interface View {
  width: number;
  height: number;
  iterations: number;
}

// The rectangle of the complex plane drawn, as in mpi4py's demo.
const X0 = -2.0;
const X1 = 1.0;
const Y0 = -1.0;
const Y1 = 1.0;

/** Iterations before z ↦ z² + c leaves the disc of radius 2 (iterations: it never did). */
function escape(cx: number, cy: number, iterations: number): number {
  let x = 0;
  let y = 0;
  for (let n = 0; n < iterations; n++) {
    const xx = x * x;
    const yy = y * y;
    if (xx + yy > 4) return n;
    y = 2 * x * y + cy;
    x = xx - yy + cx;
  }
  return iterations;
}

/**
 * The task: row y of the image as RGBA bytes (black inside the set, a blue to
 * orange ramp outside). Exported so that the workers can load it by name.
 */
export function row(y: number, view: View): Uint8Array {
  const { width, height, iterations } = view;
  const out = new Uint8Array(width * 4);
  const cy = Y0 + ((Y1 - Y0) * y) / (height - 1 || 1);
  for (let x = 0; x < width; x++) {
    const n = escape(X0 + ((X1 - X0) * x) / (width - 1 || 1), cy, iterations);
    const t = n === iterations ? 0 : Math.sqrt(n / iterations);
    out[4 * x] = Math.round(255 * Math.min(1, 2 * t));
    out[4 * x + 1] = Math.round(255 * t * t);
    out[4 * x + 2] = n === iterations ? 0 : Math.round(255 * (1 - t) * 0.8 + 40);
    out[4 * x + 3] = 255;
  }
  return out;
}

/** `x` for ever: map stops at its shortest iterable, as Python's itertools.repeat in map. */
function* repeat<T>(x: T): Generator<T> {
  for (;;) yield x;
}

interface Options extends View {
  out: string;
  serial: boolean;
  workers?: number;
  chunksize: number;
  progress: boolean;
}

function parse(argv: string[]): Options {
  const o: Options = { width: 600, height: 400, iterations: 255, out: 'mandelbrot.png', serial: false, chunksize: 1, progress: false };
  const whole = (name: string, v: string | undefined) => {
    const n = Number(v);
    if (!Number.isSafeInteger(n) || n < 1) throw new RangeError(`mandelbrot: ${name} needs a whole number of 1 or more, got ${v}`);
    return n;
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--serial') o.serial = true;
    else if (a === '--progress') o.progress = true;
    else if (a === '--out') o.out = argv[++i] ?? 'mandelbrot.png';
    else if (a === '--width') o.width = whole(a, argv[++i]);
    else if (a === '--height') o.height = whole(a, argv[++i]);
    else if (a === '--iterations') o.iterations = whole(a, argv[++i]);
    else if (a === '--workers') o.workers = whole(a, argv[++i]);
    else if (a === '--chunksize') o.chunksize = whole(a, argv[++i]);
    else throw new RangeError(`mandelbrot: unknown argument ${a}`);
  }
  return o;
}

/** The rows as an RGBA PNG, through pngjs. */
function writePNG(file: string, width: number, height: number, rows: Uint8Array[]): void {
  // Loaded here: the workers, which load this module for `row`, never need it.
  // eslint-disable-next-line @typescript-eslint/no-var-requires
  const { PNG } = require('pngjs') as typeof import('pngjs');
  const png = new PNG({ width, height });
  rows.forEach((r, y) => png.data.set(r, y * width * 4));
  fs.writeFileSync(file, PNG.sync.write(png));
}

async function main(): Promise<void> {
  const o = parse(process.argv.slice(2));
  const view: View = { width: o.width, height: o.height, iterations: o.iterations };
  const ys = Array.from({ length: o.height }, (_, y) => y);
  const start = performance.now();
  const rows: Uint8Array[] = [];
  let how = 'serial';
  if (o.serial) {
    for (const y of ys) rows.push(row(y, view));
  } else {
    await using executor = new MPIPoolExecutor(o.workers === undefined ? {} : { max_workers: o.workers });
    await executor.bootup();
    how = `${executor.num_workers} worker(s)`;
    for await (const r of executor.map<Uint8Array>(`${__filename}#row`, ys, repeat(view), { chunksize: o.chunksize, progress: o.progress })) rows.push(r);
  }
  writePNG(o.out, o.width, o.height, rows);
  const seconds = (performance.now() - start) / 1000;
  console.log(`mandelbrot: ${o.width}×${o.height}, ${o.iterations} iterations, ${how}, ${seconds.toFixed(2)} s → ${o.out}`);
}

// The program, not a worker loading the task (`mpi4js futures` runs it as the main module too).
if (require.main === module) {
  main().catch((e) => {
    console.error(e);
    process.exitCode = 1;
  });
}
