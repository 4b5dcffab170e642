// The benchmark runner's pure parts (bench/run.ts runs the programs): which
// benchmarks and sizes, where the results go, how figures become markdown
// tables and a vega-lite chart. Kept apart so test/bench.test.ts can check
// them in process, without MPI.
import * as path from 'node:path';

export const KiB = 1024;
export const MiB = 1024 * KiB;

/** One measurement, as bench/osu.ts, bench/c/osu.c and bench/mpi4py/osu.py print it (one JSON line each). */
export interface Figure {
  bench: string;
  impl: string;
  /** Message size in bytes (in doubles for allreduce); null for the object benchmarks. */
  size: number | null;
  /** The object benchmarks' value (bench/cases.json). */
  case?: string | null;
  np: number;
  value: number;
  unit: string;
}

/** The Node-API floor's name in the tables (bench/floor/floor.c). */
export const FLOOR = 'Node-API floor';
/** bench/awaited.ts's two ways through one ping-pong: blocking calls, and awaited requests. */
export const BLOCKING = 'mpi4js Send/Recv';
export const AWAITED = 'mpi4js await Isend/Irecv';
/** bench/tree.ts's two ways through a lowercase reduction: mpi4py's fast_reduce tree, and gather-then-fold. */
export const TREE_IMPL = 'mpi4js tree';
export const GATHER_IMPL = 'mpi4js gather-fold';

/** One table of the report: a benchmark program's mode on some number of ranks, over sizes or cases. */
export interface Benchmark {
  title: string;
  /** The mode argument of the benchmark programs. */
  mode: 'latency' | 'bw' | 'allreduce' | 'bcast' | 'barrier' | 'object-pingpong' | 'object-bcast' | 'awaited' | 'idle-await' | 'object-allreduce' | 'futures';
  np: number;
  args: (number | string)[];
  /**
   * Which implementations run it: buffers (C, the floor, mpi4js, mpi4py), objects
   * (mpi4js, +msgpackr, mpi4py), or awaited (mpi4js blocking and awaited: bench/awaited.ts),
   * or tree (lowercase reductions on a tree, by gather-then-fold, and mpi4py's: bench/tree.ts),
   * or futures (empty tasks through mpi4js/futures and mpi4py.futures: `mpi4js bench futures`, bench/mpi4py/futures.py).
   */
  kind: 'buffers' | 'objects' | 'awaited' | 'tree' | 'futures';
}

/** Every power of two from lo to hi, both included (lo and hi powers of two). */
export function powersOfTwo(lo: number, hi: number): number[] {
  for (const [name, v] of [['lo', lo], ['hi', hi]] as const) {
    if (!Number.isSafeInteger(v) || v < 1 || (v & (v - 1)) !== 0) throw new RangeError(`powersOfTwo: ${name} must be a power of two ≥ 1, got ${v}`);
  }
  const out: number[] = [];
  for (let s = lo; s <= hi; s *= 2) out.push(s);
  return out;
}

/**
 * The message sizes of the full run: every power of two from 1 B to 4 MiB as
 * OSU's latency and bandwidth tests have, then on to 16 MiB, where large
 * messages change protocol; latency also at 0 B (the pure per-message cost).
 */
export const FULL_SIZES = powersOfTwo(1, 16 * MiB);

/**
 * How much to run: everything ('full'); `--quick`, a smoke run of every kind of
 * benchmark on few sizes with small iteration counts (CI runs it); `--self-test`,
 * less still, for the runner's own test (test/bench.test.ts): latency and
 * bandwidth on two sizes, C and mpi4js only.
 */
export type RunKind = 'full' | 'small' | 'quick' | 'self-test';

/** The benchmarks of a run of that kind. */
export function benchmarks(kind: RunKind): Benchmark[] {
  if (kind === 'self-test') {
    return [
      { title: 'Ping-pong latency', mode: 'latency', np: 2, args: [0, MiB], kind: 'buffers' },
      { title: 'Bandwidth', mode: 'bw', np: 2, args: [MiB], kind: 'buffers' },
    ];
  }
  if (kind === 'small') {
    return [
      { title: 'Ping-pong latency', mode: 'latency', np: 2, args: [0, 8, 64 * KiB, MiB], kind: 'buffers' },
      { title: 'Allreduce (SUM, doubles)', mode: 'allreduce', np: 2, args: [1], kind: 'buffers' },
      { title: 'Allreduce (SUM, doubles)', mode: 'allreduce', np: 4, args: [1], kind: 'buffers' },
      { title: 'Bcast', mode: 'bcast', np: 2, args: [8], kind: 'buffers' },
      { title: 'Bcast', mode: 'bcast', np: 4, args: [8], kind: 'buffers' },
      { title: 'Barrier', mode: 'barrier', np: 2, args: [0], kind: 'buffers' },
      { title: 'Barrier', mode: 'barrier', np: 4, args: [0], kind: 'buffers' },
      { title: 'Object ping-pong', mode: 'object-pingpong', np: 2, args: ['tiny', 'array1000', 'nested'], kind: 'objects' },
      ...AWAITING,
    ];
  }
  if (kind === 'quick') {
    return [
      { title: 'Ping-pong latency', mode: 'latency', np: 2, args: [0, 8, 64 * KiB, MiB], kind: 'buffers' },
      { title: 'Bandwidth', mode: 'bw', np: 2, args: [64 * KiB, MiB], kind: 'buffers' },
      { title: 'Allreduce (SUM, doubles)', mode: 'allreduce', np: 2, args: [1, MiB], kind: 'buffers' },
      { title: 'Bcast', mode: 'bcast', np: 4, args: [8, MiB], kind: 'buffers' },
      { title: 'Barrier', mode: 'barrier', np: 4, args: [0], kind: 'buffers' },
      { title: 'Object ping-pong', mode: 'object-pingpong', np: 2, args: ['tiny', 'array1000', 'nested'], kind: 'objects' },
      { title: 'Object bcast', mode: 'object-bcast', np: 2, args: ['nested'], kind: 'objects' },
      { title: 'Awaited ping-pong latency', mode: 'awaited', np: 2, args: [8], kind: 'awaited' },
      { title: 'CPU of a rank awaiting a message', mode: 'idle-await', np: 2, args: [1], kind: 'awaited' },
      ...TREE([2, 4, 8, 16]),
      ...FUTURES,
    ];
  }
  return [
    { title: 'Ping-pong latency', mode: 'latency', np: 2, args: [0, ...FULL_SIZES], kind: 'buffers' },
    { title: 'Bandwidth', mode: 'bw', np: 2, args: FULL_SIZES, kind: 'buffers' },
    { title: 'Allreduce (SUM, doubles)', mode: 'allreduce', np: 2, args: [1, KiB, MiB], kind: 'buffers' },
    { title: 'Allreduce (SUM, doubles)', mode: 'allreduce', np: 4, args: [1, KiB, MiB], kind: 'buffers' },
    { title: 'Bcast', mode: 'bcast', np: 2, args: [8, MiB], kind: 'buffers' },
    { title: 'Bcast', mode: 'bcast', np: 4, args: [8, MiB], kind: 'buffers' },
    { title: 'Barrier', mode: 'barrier', np: 2, args: [0], kind: 'buffers' },
    { title: 'Barrier', mode: 'barrier', np: 4, args: [0], kind: 'buffers' },
    { title: 'Object ping-pong', mode: 'object-pingpong', np: 2, args: ['tiny', 'array1000', 'nested'], kind: 'objects' },
    { title: 'Object bcast', mode: 'object-bcast', np: 2, args: ['nested'], kind: 'objects' },
    { title: 'Object bcast', mode: 'object-bcast', np: 4, args: ['nested'], kind: 'objects' },
    ...AWAITING,
    ...TREE([2, 4, 8, 16]),
    ...FUTURES,
  ];
}

/** Empty tasks through the futures executors, rank 0 the client and the other ranks the workers (the arg: the task, for the table). */
const FUTURES: Benchmark[] = [2, 4].map((np) => ({ title: 'Futures: empty tasks through executor.map', mode: 'futures' as const, np, args: ['empty task'], kind: 'futures' as const }));

/** Lowercase allreduce of a 1 MiB value, on a tree and by gather-then-fold, and the values a rank receives (bench/tree.ts). */
const TREE = (sizes: number[]): Benchmark[] =>
  sizes.map((np) => ({ title: 'Object allreduce (1 MiB, tree vs gather-fold)', mode: 'object-allreduce' as const, np, args: ['Float64Array, 1 MiB', 'values received per rank'], kind: 'tree' as const }));

/** Awaiting: the ping-pong blocking and awaited, and the CPU of a rank awaiting for 10 s (idle-await's arg: seconds). */
const AWAITING: Benchmark[] = [
  { title: 'Awaited ping-pong latency', mode: 'awaited', np: 2, args: [8, KiB, MiB], kind: 'awaited' },
  { title: 'CPU of a rank awaiting a message', mode: 'idle-await', np: 2, args: [10], kind: 'awaited' },
];

/** The `bench` field the programs print for a mode. */
export function benchName(mode: Benchmark['mode']): string {
  return {
    latency: 'latency',
    bw: 'bandwidth',
    allreduce: 'allreduce',
    bcast: 'bcast',
    barrier: 'barrier',
    'object-pingpong': 'object ping-pong',
    'object-bcast': 'object bcast',
    awaited: 'awaited latency',
    'idle-await': 'idle await',
    'object-allreduce': 'object allreduce',
    futures: 'futures',
  }[mode];
}

/** The runner's options: `[--small | --quick | --self-test] [--out DIR]`. */
export interface Options {
  kind: RunKind;
  /** The output folder, absolute. */
  out: string;
}

/**
 * Reads the command line. A relative `--out` is relative to the folder the user
 * was in: `npm run bench` runs in the package folder and says where it was
 * started in INIT_CWD; run directly (`node .build/bench/run.js`), the current folder.
 */
export function parseOptions(argv: string[], env: NodeJS.ProcessEnv, cwd: string, root: string): Options {
  let kind: RunKind = 'full';
  let out: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--small' || a === '--quick' || a === '--self-test') {
      if (kind !== 'full') throw new RangeError(`bench: ${a} and --${kind} exclude each other`);
      kind = a.slice(2) as RunKind;
    } else if (a === '--out' || a.startsWith('--out=')) {
      out = a === '--out' ? argv[++i] : a.slice('--out='.length);
      if (!out) throw new RangeError('bench: --out needs a folder (--out DIR)');
    } else throw new RangeError(`bench: unknown argument ${JSON.stringify(a)} (usage: npm run bench -- [--small | --quick] [--out DIR])`);
  }
  // npm sets INIT_CWD for every script, and a script's children inherit it: trust it only under `npm run bench`.
  const base = env.npm_lifecycle_event === 'bench' && env.INIT_CWD ? env.INIT_CWD : cwd;
  return { kind, out: out === undefined ? path.join(root, 'bench/results') : path.resolve(base, out) };
}

/** The unit as the tables show it: µs, not the programs' ASCII "us". */
export function formatUnit(unit: string): string {
  return unit === 'us' ? 'µs' : unit;
}

/** A figure with three significant digits or so, as OSU prints them. */
export function formatValue(v: number | undefined): string {
  if (v === undefined) return 'absent';
  return v >= 100 ? v.toFixed(0) : v >= 10 ? v.toFixed(1) : v.toFixed(2);
}

/** A count in a table's first column: 512, 1 Ki, 16 Mi (bytes or doubles, as the column says). */
export function countLabel(n: number): string {
  return n >= MiB && n % MiB === 0 ? `${n / MiB} Mi` : n >= KiB && n % KiB === 0 ? `${n / KiB} Ki` : String(n);
}

/** A size in bytes with its binary unit: 0 B, 512 B, 1 KiB, 16 MiB. */
export function bytesLabel(n: number): string {
  return n >= MiB && n % MiB === 0 ? `${n / MiB} MiB` : n >= KiB && n % KiB === 0 ? `${n / KiB} KiB` : `${n} B`;
}

/** A GitHub-flavoured markdown table; align 'r' right-aligns a column (numbers). */
export function markdownTable(head: string[], align: ('l' | 'r')[], rows: string[][]): string {
  if (align.length !== head.length) throw new RangeError(`markdownTable: align has ${align.length} columns, head ${head.length}`);
  const bad = rows.findIndex((r) => r.length !== head.length);
  if (bad >= 0) throw new RangeError(`markdownTable: row ${bad} has ${rows[bad].length} cells, head ${head.length}`);
  const line = (cells: string[]) => `| ${cells.map((c) => c.replace(/\|/g, '\\|')).join(' | ')} |`;
  return [line(head), `|${align.map((a) => (a === 'r' ? '---:' : '---')).join('|')}|`, ...rows.map(line)].join('\n');
}

/**
 * A benchmark's section of the report: a heading with the unit, and a table with
 * one row per size or case, one column per implementation, then the ratios.
 * names are the implementations that ran it; the missing ones print "absent".
 */
export function benchmarkSection(b: Benchmark, figures: Figure[], names: string[]): string | undefined {
  const rows = figures.filter((f) => f.bench === benchName(b.mode) && f.np === b.np);
  if (!rows.length) return undefined;
  const unit = formatUnit(rows[0].unit);
  const get = (impl: string, arg: number | string) => rows.find((f) => f.impl === impl && (f.size ?? f.case) === arg)?.value;
  const ratio = (a?: number, c?: number) => (a === undefined || c === undefined ? '—' : (a / c).toFixed(2));
  const ratios: [string, string, string][] = (
    [
      ['mpi4js/C', 'mpi4js', 'C'],
      ['mpi4js/floor', 'mpi4js', FLOOR],
      ['floor/C', FLOOR, 'C'],
      ['mpi4js/mpi4py', 'mpi4js', 'mpi4py'],
      ['msgpackr/mpi4py', 'mpi4js+msgpackr', 'mpi4py'],
      ['await/blocking', AWAITED, BLOCKING],
      ['tree/gather-fold', TREE_IMPL, GATHER_IMPL],
      ['tree/mpi4py', TREE_IMPL, 'mpi4py'],
    ] as [string, string, string][]
  ).filter(([, a, c]) => names.includes(a) && names.includes(c));
  const firsts: Record<string, string> = { objects: 'value', allreduce: 'doubles', barrier: 'call', 'idle-await': 'awaiting for', futures: 'task' };
  const first = firsts[b.kind === 'objects' || b.kind === 'tree' ? 'objects' : b.mode] ?? 'bytes';
  const table = markdownTable(
    [first, ...names, ...ratios.map(([col]) => col)],
    ['l', ...names.map(() => 'r' as const), ...ratios.map(() => 'r' as const)],
    b.args.map((arg) => [
      b.mode === 'barrier' ? 'Barrier()' : b.mode === 'idle-await' ? `${arg} s` : typeof arg === 'number' ? countLabel(arg) : arg,
      ...names.map((n) => formatValue(get(n, arg))),
      ...ratios.map(([, a, c]) => ratio(get(a, arg), get(c, arg))),
    ]),
  );
  return `### ${b.title}, ${b.np} ranks (${unit}, ${unit === 'MB/s' || unit === 'tasks/s' ? 'higher' : 'lower'} is better)\n\n${table}\n`;
}

/**
 * Where the chart's size axis has ticks: on every size the data has, labelled
 * with binary units; past 8 sizes only 0 and every k-th power of two (k the
 * smallest of 2, 4, 5, 10 that leaves at most 8 labels), so labels never overlap.
 */
export function sizeTicks(sizes: number[]): { values: number[]; labels: Map<number, string> } {
  const values = [...new Set(sizes)].sort((a, b) => a - b);
  const powers = values.filter((v) => v > 0 && (v & (v - 1)) === 0);
  let keep = (_: number) => true;
  if (values.length > 8) {
    const log2 = (v: number) => Math.round(Math.log2(v));
    const budget = 8 - (values.includes(0) ? 1 : 0);
    const k = [2, 4, 5, 10, 20].find((step) => powers.filter((v) => log2(v) % step === 0).length <= budget) ?? 20;
    keep = (v) => v === 0 || (powers.includes(v) && log2(v) % k === 0);
  }
  return { values, labels: new Map(values.filter(keep).map((v) => [v, bytesLabel(v)])) };
}

/** A vega expression that gives each tick value its label, and '' to the others. */
export function labelExpression(labels: Map<number, string>): string {
  let expr = "''";
  for (const [v, text] of [...labels].reverse()) expr = `datum.value === ${v} ? ${JSON.stringify(text)} : ${expr}`;
  return expr;
}

/**
 * The chart: latency and bandwidth against message size, one line per
 * implementation (a vega-lite spec). Log scales; where the sizes include 0 B the
 * size axis is symlog so 0 keeps its point, its constant 1/8 putting 0 about
 * three doublings left of 1 B: a visible gap, and room for both labels.
 */
export function chartSpec(figures: Figure[]): Record<string, unknown> {
  const panel = (bench: string, title: string, y: string) => {
    const data = figures.filter((f) => f.bench === bench && f.size !== null);
    const sizes = data.map((f) => f.size as number);
    const ticks = sizeTicks(sizes);
    const hasZero = sizes.includes(0);
    return {
      title,
      width: 340,
      height: 260,
      transform: [{ filter: `datum.bench === '${bench}' && datum.size !== null` }],
      mark: { type: 'line', point: true },
      encoding: {
        x: {
          field: 'size',
          type: 'quantitative',
          scale: hasZero ? { type: 'symlog', constant: 1 / 8, nice: false } : { type: 'log', base: 2, nice: false },
          title: 'message size',
          axis: { values: ticks.values, labelExpr: labelExpression(ticks.labels), labelOverlap: false, labelFlush: false, grid: false },
        },
        y: { field: 'value', type: 'quantitative', scale: { type: 'log' }, title: y },
        color: { field: 'impl', type: 'nominal', title: 'implementation' },
      },
    };
  };
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    data: { values: figures },
    hconcat: [panel('latency', 'Ping-pong latency (2 ranks)', 'one-way latency (µs)'), panel('bandwidth', 'Bandwidth (2 ranks)', 'bandwidth (MB/s)')],
  };
}
