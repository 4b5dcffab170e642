// `npm run bench [-- --small | --quick] [-- --out DIR]`: mpi4js beside C and mpi4py in one run
// (`--small`: the small-message figures the README's targets are about, three
// rounds; `--self-test`: a smaller run still, for test/bench.test.ts).
//
// Every benchmark runs once per implementation per round, the order rotating
// between rounds so a drifting machine hits them alike; each figure is the
// median over rounds of the median of 5 repetitions inside each run (the OSU
// method: warm-up, timed iterations). Prints a table per benchmark with the
// ratios and writes them to results.md, every figure to results.json and a
// chart to chart.svg, in DIR (default bench/results); bench/report.ts says
// which benchmarks and sizes and how the tables and chart are made.
import { execFileSync, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { AWAITED, BLOCKING, Benchmark, FLOOR, Figure, GATHER_IMPL, TREE_IMPL, benchmarkSection, benchmarks, chartSpec, formatUnit, parseOptions } from './report';

const ROOT = path.join(__dirname, '..', '..');

/** An implementation; `modes`: the benchmarks it runs, when not all of its kind; `argv`: its arguments, when not `mode scale args…`. */
type Impl = { name: string; command: string[]; env?: NodeJS.ProcessEnv; modes?: Benchmark['mode'][]; argv?: (b: Benchmark, scale: number) => string[] };

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

/**
 * The Node-API floor: bench/floor/floor.c, a minimal binding making the same MPI
 * calls from the same arguments, run by the same loops (bench/osu.ts). Built with
 * node-gyp (npm's own, through npm exec) into bench/floor/build.
 */
function buildFloor(): Impl {
  execFileSync('npm', ['exec', '-c', 'node-gyp rebuild --directory bench/floor --loglevel=warn'], { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
  return { ...node({ MPI4JS_BENCH_FLOOR: path.join(ROOT, 'bench/floor/build/Release/floor.node') }, FLOOR), modes: ['latency', 'allreduce', 'bcast', 'barrier'] };
}

const node = (env?: NodeJS.ProcessEnv, name = 'mpi4js'): Impl => ({ name, command: [process.execPath, path.join(ROOT, '.build/bench/osu.js')], env });

/** bench/awaited.ts, one way through its ping-pong (MPI4JS_BENCH_AWAIT=1: awaited requests); only the awaited one idles. */
const awaiting = (awaited: boolean): Impl => ({
  name: awaited ? AWAITED : BLOCKING,
  command: [process.execPath, path.join(ROOT, '.build/bench/awaited.js')],
  env: { MPI4JS_BENCH_AWAIT: awaited ? '1' : '0' },
  modes: awaited ? ['awaited', 'idle-await'] : ['awaited'],
});

/** bench/tree.ts, its lowercase reductions on a tree (MPI4JS_FAST_REDUCE=1) or by gather-then-fold (0). */
const reducing = (tree: boolean): Impl => ({
  name: tree ? TREE_IMPL : GATHER_IMPL,
  command: [process.execPath, path.join(ROOT, '.build/bench/tree.js')],
  env: { MPI4JS_FAST_REDUCE: tree ? '1' : '0' },
});

/** Runs one benchmark program under mpirun; its figures, units as the tables show them. */
function run(impl: Impl, b: Benchmark, scale: number): Figure[] {
  const r = spawnSync('sh', [path.join(ROOT, 'scripts/mpiexec.sh'), '-n', String(b.np), ...impl.command, ...(impl.argv ? impl.argv(b, scale) : [b.mode, String(scale), ...b.args.map(String)])], {
    encoding: 'utf8',
    env: { ...process.env, ...impl.env },
    timeout: 600_000,
  });
  if (r.status !== 0) throw new Error(`${impl.name} ${b.mode} on ${b.np} ranks failed (exit ${r.status}):\n${r.stderr}`);
  return r.stdout
    .split('\n')
    .filter((l) => l.startsWith('{'))
    .map((l) => JSON.parse(l) as Figure)
    .map((f) => ({ ...f, impl: impl.name, unit: formatUnit(f.unit) }));
}

/** Empty tasks timed per run of the futures benchmark (divided by the scale in quick runs). */
const FUTURE_TASKS = 20000;

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

/** Renders the chart's vega-lite spec to SVG (vega and vega-lite are ES modules: a real dynamic import). */
async function renderChart(figures: Figure[]): Promise<string> {
  const importESM = new Function('s', 'return import(s)') as (s: string) => Promise<any>;
  const [vega, vl] = await Promise.all([importESM('vega'), importESM('vega-lite')]);
  const view = new vega.View(vega.parse(vl.compile(chartSpec(figures)).spec), { renderer: 'none' });
  return view.toSVG();
}

const FUTURES_NOTE = "Futures: mpi4py 3.1.4's `python -m mpi4py.bench` has no futures command; its column is bench/mpi4py/futures.py, the same timing as `mpi4js bench futures` (MPICommExecutor over the world, rank 0 the client).\n";

async function main(): Promise<void> {
  let options;
  try {
    options = parseOptions(process.argv.slice(2), process.env, process.cwd(), ROOT);
  } catch (e) {
    console.error((e as Error).message);
    process.exit(2);
  }
  const { kind, out } = options;
  const quick = kind === 'quick' || kind === 'self-test';
  const rounds = quick ? 1 : 3;
  // Divides the programs' iteration counts: a smoke run, not a measurement.
  const scale = quick ? 20 : 1;
  const list = benchmarks(kind);

  const c = buildC();
  // The self-test leaves mpi4py out: its start-up alone would double the run.
  const py = kind === 'self-test' ? undefined : findMpi4py();
  const impls = {
    buffers: [c, buildFloor(), node(), py].filter(Boolean) as Impl[],
    objects: [node(), node({ MPI4JS_PICKLE: 'msgpack' }, 'mpi4js+msgpackr'), py].filter(Boolean) as Impl[],
    awaited: [awaiting(false), awaiting(true)],
    tree: [reducing(true), reducing(false), ...(py ? [{ ...py, command: [py.command[0], path.join(ROOT, 'bench/mpi4py/tree.py')] }] : [])],
    // mpi4py 3.1.4's `python -m mpi4py.bench` has no futures command: bench/mpi4py/futures.py times the same way.
    futures: [
      { name: 'mpi4js', command: [process.execPath, path.join(ROOT, 'dist/cli/index.js'), 'bench', 'futures'], argv: (_: Benchmark, scale: number) => ['--tasks', String(Math.ceil(FUTURE_TASKS / scale)), '--json'] },
      ...(py ? [{ ...py, command: [py.command[0], path.join(ROOT, 'bench/mpi4py/futures.py')], argv: (_: Benchmark, scale: number) => [String(Math.ceil(FUTURE_TASKS / scale))] }] : []),
    ] as Impl[],
  };
  if (!py && kind !== 'self-test') console.log('mpi4py: absent (no python3 with mpi4py and numpy; Debian: apt-get install python3-mpi4py python3-numpy)');

  const samples = new Map<string, { figure: Figure; values: number[] }>();
  const key = (f: Figure) => `${f.bench}|${f.np}|${f.size ?? f.case}|${f.impl}`;
  const runs = (b: Benchmark) => impls[b.kind].filter((i) => !i.modes || i.modes.includes(b.mode));
  for (let round = 0; round < rounds; round++) {
    for (const b of list) {
      const these = runs(b);
      for (let i = 0; i < these.length; i++) {
        const impl = these[(i + round) % these.length];
        process.stderr.write(`round ${round + 1}/${rounds}: ${b.title} on ${b.np} ranks, ${impl.name}\n`);
        for (const f of run(impl, b, scale)) {
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
  // The report, printed and written to results.md alike.
  const report = [
    `# mpi4js benchmarks${quick ? ` (--${kind}: fewer sizes and iterations, one round; figures are indicative only)` : kind === 'small' ? ' (--small: the small-message benchmarks only)' : ''}\n`,
    `machine: ${machine}; node ${versions.node}; ${versions.mpi}; mpi4py/numpy ${versions.mpi4py}; ${rounds} round(s)\n`,
    ...list.map((b) => benchmarkSection(b, figures, runs(b).map((i) => i.name))).filter((s): s is string => s !== undefined),
    ...(list.some((b) => b.kind === 'futures') && py ? [FUTURES_NOTE] : []),
  ].join('\n');
  console.log(`\n${report}`);

  fs.mkdirSync(out, { recursive: true });
  const written = { json: path.join(out, 'results.json'), md: path.join(out, 'results.md'), svg: path.join(out, 'chart.svg') };
  fs.writeFileSync(written.json, `${JSON.stringify({ date: new Date().toISOString(), run: kind, quick, rounds, machine, versions, figures }, null, 1)}\n`);
  fs.writeFileSync(written.md, report);
  fs.writeFileSync(written.svg, await renderChart(figures));
  console.log(`wrote:\n  ${written.md}\n  ${written.json}\n  ${written.svg}`);
}

main().catch((e) => {
  console.error(e);
  process.exitCode = 1;
});
