// `npm run bench [-- --quick] [-- --out DIR]`: mpi4js beside C and mpi4py in one run.
//
// Every benchmark runs once per implementation per round, the order rotating
// between rounds so a drifting machine hits them alike; each figure is the
// median over rounds of the median of 5 repetitions inside each run (the OSU
// method: warm-up, timed iterations). Prints a table per benchmark with the
// ratios, writes every figure to results.json and a chart to chart.svg.
import { execFileSync, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const ROOT = path.join(__dirname, '..', '..');
const argv = process.argv.slice(2);
const quick = argv.includes('--quick');
const outDir = path.resolve(argv[argv.indexOf('--out') + 1] && argv.includes('--out') ? argv[argv.indexOf('--out') + 1] : path.join(ROOT, 'bench/results'));
const rounds = quick ? 1 : 3;
const scale = quick ? 20 : 1;

interface Figure {
  bench: string;
  impl: string;
  size: number | null;
  case?: string;
  np: number;
  value: number;
  unit: string;
}

type Impl = { name: string; command: string[]; env?: NodeJS.ProcessEnv };

/** The C reference, built from bench/c/osu.c with the MPI compiler wrapper. */
function buildC(): Impl {
  const exe = path.join(ROOT, '.build/bench/osu-c');
  fs.mkdirSync(path.dirname(exe), { recursive: true });
  execFileSync(process.env.MPI4JS_MPICC || 'mpicc', ['-O2', '-o', exe, path.join(ROOT, 'bench/c/osu.c')], { stdio: 'inherit' });
  return { name: 'C', command: [exe] };
}

/** mpi4py with numpy, when some python3 has both (Debian: python3-mpi4py python3-numpy). */
function findMpi4py(): Impl | undefined {
  for (const python of ['python3', '/usr/bin/python3']) {
    const r = spawnSync(python, ['-c', 'import mpi4py, numpy; print(mpi4py.__version__)'], { encoding: 'utf8' });
    if (r.status === 0) return { name: 'mpi4py', command: [python, path.join(ROOT, 'bench/mpi4py/osu.py')] };
  }
  return undefined;
}

const node = (env?: NodeJS.ProcessEnv, name = 'mpi4js'): Impl => ({ name, command: [process.execPath, path.join(ROOT, '.build/bench/osu.js')], env });

const KiB = 1024;
const MiB = 1024 * KiB;

interface Benchmark {
  title: string;
  mode: string;
  np: number;
  args: (number | string)[];
  /** Which implementations run it: buffers (C, mpi4js, mpi4py) or objects (mpi4js, +msgpackr, mpi4py). */
  kind: 'buffers' | 'objects';
}

const benchmarks: Benchmark[] = quick
  ? [
      { title: 'Ping-pong latency', mode: 'latency', np: 2, args: [8, 64 * KiB, MiB], kind: 'buffers' },
      { title: 'Bandwidth', mode: 'bw', np: 2, args: [64 * KiB, MiB], kind: 'buffers' },
      { title: 'Allreduce (SUM, doubles)', mode: 'allreduce', np: 2, args: [1, MiB], kind: 'buffers' },
      { title: 'Bcast', mode: 'bcast', np: 4, args: [8, MiB], kind: 'buffers' },
      { title: 'Object ping-pong', mode: 'object-pingpong', np: 2, args: ['tiny', 'array1000', 'nested'], kind: 'objects' },
      { title: 'Object bcast', mode: 'object-bcast', np: 2, args: ['nested'], kind: 'objects' },
    ]
  : [
      { title: 'Ping-pong latency', mode: 'latency', np: 2, args: [0, 8, 64, KiB, 16 * KiB, 64 * KiB, MiB, 16 * MiB], kind: 'buffers' },
      { title: 'Bandwidth', mode: 'bw', np: 2, args: [KiB, 16 * KiB, 64 * KiB, MiB, 16 * MiB], kind: 'buffers' },
      { title: 'Allreduce (SUM, doubles)', mode: 'allreduce', np: 2, args: [1, KiB, MiB], kind: 'buffers' },
      { title: 'Allreduce (SUM, doubles)', mode: 'allreduce', np: 4, args: [1, KiB, MiB], kind: 'buffers' },
      { title: 'Bcast', mode: 'bcast', np: 2, args: [8, MiB], kind: 'buffers' },
      { title: 'Bcast', mode: 'bcast', np: 4, args: [8, MiB], kind: 'buffers' },
      { title: 'Object ping-pong', mode: 'object-pingpong', np: 2, args: ['tiny', 'array1000', 'nested'], kind: 'objects' },
      { title: 'Object bcast', mode: 'object-bcast', np: 2, args: ['nested'], kind: 'objects' },
      { title: 'Object bcast', mode: 'object-bcast', np: 4, args: ['nested'], kind: 'objects' },
    ];

function run(impl: Impl, b: Benchmark): Figure[] {
  const r = spawnSync('sh', [path.join(ROOT, 'scripts/mpiexec.sh'), '-n', String(b.np), ...impl.command, b.mode, String(scale), ...b.args.map(String)], {
    encoding: 'utf8',
    env: { ...process.env, ...impl.env },
    timeout: 600_000,
  });
  if (r.status !== 0) throw new Error(`${impl.name} ${b.mode} on ${b.np} ranks failed (exit ${r.status}):\n${r.stderr}`);
  return r.stdout
    .split('\n')
    .filter((l) => l.startsWith('{'))
    .map((l) => ({ ...(JSON.parse(l) as Figure), impl: impl.name }));
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

function label(f: { size: number | null; case?: string | null }): string {
  if (f.case) return f.case;
  const s = f.size as number;
  return s >= MiB ? `${s / MiB} Mi` : s >= KiB ? `${s / KiB} Ki` : String(s);
}

function main(): void {
  const c = buildC();
  const py = findMpi4py();
  const impls = {
    buffers: [c, node(), py].filter(Boolean) as Impl[],
    objects: [node(), node({ MPI4JS_PICKLE: 'msgpack' }, 'mpi4js+msgpackr'), py].filter(Boolean) as Impl[],
  };
  if (!py) console.log('mpi4py: absent (no python3 with mpi4py and numpy; Debian: apt-get install python3-mpi4py python3-numpy)');

  const samples = new Map<string, { figure: Figure; values: number[] }>();
  const key = (f: Figure) => `${f.bench}|${f.np}|${f.size ?? f.case}|${f.impl}`;
  for (let round = 0; round < rounds; round++) {
    for (const b of benchmarks) {
      const list = impls[b.kind];
      for (let i = 0; i < list.length; i++) {
        const impl = list[(i + round) % list.length];
        process.stderr.write(`round ${round + 1}/${rounds}: ${b.title} on ${b.np} ranks, ${impl.name}\n`);
        for (const f of run(impl, b)) {
          const k = key(f);
          if (!samples.has(k)) samples.set(k, { figure: f, values: [] });
          samples.get(k)!.values.push(f.value);
        }
      }
    }
  }
  const figures: Figure[] = [...samples.values()].map(({ figure, values }) => ({ ...figure, value: median(values) }));

  const machine = `${os.cpus().length} × ${os.cpus()[0]?.model.trim()}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, ${os.type()} ${os.release()}`;
  const versions = {
    node: process.version,
    mpi: execFileSync(process.execPath, ['-e', "process.stdout.write(require(process.argv[1]).MPI.Get_library_version().split(',')[0])", ROOT], { encoding: 'utf8' }),
    mpi4py: py ? execFileSync(py.command[0], ['-c', 'import mpi4py, numpy; print(mpi4py.__version__, numpy.__version__, end="")'], { encoding: 'utf8' }) : 'absent',
  };
  console.log(`\nmpi4js benchmarks${quick ? ' (--quick: fewer sizes and iterations, one round; figures are indicative only)' : ''}`);
  console.log(`machine: ${machine}; node ${versions.node}; ${versions.mpi}; mpi4py/numpy ${versions.mpi4py}; ${rounds} round(s)\n`);

  for (const b of benchmarks) {
    const rows = figures.filter((f) => f.bench === benchTitle(b) && f.np === b.np);
    if (!rows.length) continue;
    const unit = rows[0].unit;
    const names = impls[b.kind].map((i) => i.name);
    const higherIsBetter = unit === 'MB/s';
    const base = b.kind === 'buffers' ? 'C' : undefined;
    const ratioCols = [base && 'mpi4js/C', names.includes('mpi4py') && 'mpi4js/mpi4py', b.kind === 'objects' && names.includes('mpi4py') && 'msgpackr/mpi4py'].filter(Boolean) as string[];
    console.log(`### ${b.title}, ${b.np} ranks (${unit}${higherIsBetter ? ', higher is better' : ', lower is better'})\n`);
    console.log(`| ${b.kind === 'objects' ? 'value' : unit === 'MB/s' || b.mode !== 'allreduce' ? 'bytes' : 'doubles'} | ${names.join(' | ')} | ${ratioCols.join(' | ')} |`);
    console.log(`|---|${names.map(() => '---:').join('|')}|${ratioCols.map(() => '---:').join('|')}|`);
    for (const arg of b.args) {
      const get = (impl: string) => rows.find((f) => f.impl === impl && (f.size ?? f.case) === arg)?.value;
      const cells = names.map((n) => fmt(get(n)));
      const ratio = (a?: number, c?: number) => (a === undefined || c === undefined ? '—' : (a / c).toFixed(2));
      const ratios = ratioCols.map((col) =>
        col === 'mpi4js/C' ? ratio(get('mpi4js'), get('C')) : col === 'mpi4js/mpi4py' ? ratio(get('mpi4js'), get('mpi4py')) : ratio(get('mpi4js+msgpackr'), get('mpi4py')),
      );
      console.log(`| ${label({ size: typeof arg === 'number' ? arg : null, case: typeof arg === 'string' ? arg : undefined })} | ${cells.join(' | ')} | ${ratios.join(' | ')} |`);
    }
    console.log('');
  }

  fs.mkdirSync(outDir, { recursive: true });
  fs.writeFileSync(path.join(outDir, 'results.json'), JSON.stringify({ date: new Date().toISOString(), quick, rounds, machine, versions, figures }, null, 1));
  chart(figures, path.join(outDir, 'chart.svg'))
    .then(() => console.log(`wrote ${path.relative(process.cwd(), path.join(outDir, 'results.json'))} and chart.svg`))
    .catch((e) => {
      console.error(e);
      process.exitCode = 1;
    });
}

function benchTitle(b: Benchmark): string {
  return { latency: 'latency', bw: 'bandwidth', allreduce: 'allreduce', bcast: 'bcast', 'object-pingpong': 'object ping-pong', 'object-bcast': 'object bcast' }[b.mode] as string;
}

function fmt(v?: number): string {
  if (v === undefined) return 'absent';
  return v >= 100 ? v.toFixed(0) : v >= 10 ? v.toFixed(1) : v.toFixed(2);
}

/** Latency and bandwidth against message size, log scales, one line per implementation (vega-lite → SVG). */
async function chart(figures: Figure[], file: string): Promise<void> {
  const importESM = new Function('s', 'return import(s)') as (s: string) => Promise<any>;
  const [vega, vl] = await Promise.all([importESM('vega'), importESM('vega-lite')]);
  const panel = (bench: string, title: string, y: string) => ({
    title,
    width: 340,
    height: 260,
    transform: [{ filter: `datum.bench === '${bench}' && datum.size > 0` }],
    mark: { type: 'line', point: true },
    encoding: {
      x: {
        field: 'size',
        type: 'quantitative',
        scale: { type: 'log', base: 2 },
        title: 'message size',
        axis: { labelExpr: "datum.value >= 1048576 ? datum.value / 1048576 + ' MiB' : datum.value >= 1024 ? datum.value / 1024 + ' KiB' : datum.value + ' B'" },
      },
      y: { field: 'value', type: 'quantitative', scale: { type: 'log' }, title: y },
      color: { field: 'impl', type: 'nominal', title: 'implementation' },
    },
  });
  const spec = vl.compile({
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    data: { values: figures },
    hconcat: [panel('latency', 'Ping-pong latency (2 ranks)', 'one-way latency (µs)'), panel('bandwidth', 'Bandwidth (2 ranks)', 'MB/s')],
  }).spec;
  const view = new vega.View(vega.parse(spec), { renderer: 'none' });
  fs.writeFileSync(file, await view.toSVG());
}

main();
