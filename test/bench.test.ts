// The benchmark runner (`npm run bench`): its pure parts in process
// (bench/report.ts), then one real (small) run that writes results.md,
// results.json and chart.svg.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import {
  AWAITED,
  BLOCKING,
  Figure,
  FULL_SIZES,
  KiB,
  MiB,
  benchmarkSection,
  benchmarks,
  bytesLabel,
  chartSpec,
  countLabel,
  formatUnit,
  formatValue,
  labelExpression,
  markdownTable,
  parseOptions,
  powersOfTwo,
  sizeTicks,
} from '../bench/report';
import { mpirun, ROOT } from './mpirun';

describe('sizes', () => {
  test('powersOfTwo gives every power of two between its bounds', () => {
    expect(powersOfTwo(1, 16)).toEqual([1, 2, 4, 8, 16]);
    expect(powersOfTwo(KiB, KiB)).toEqual([KiB]);
    expect(() => powersOfTwo(3, 16)).toThrow(/powersOfTwo: lo must be a power of two/);
    expect(() => powersOfTwo(1, 0)).toThrow(RangeError);
  });

  test('the full run has latency and bandwidth at every power of two from 1 B to 4 MiB, 16 MiB too, latency at 0 B', () => {
    const full = benchmarks('full');
    const latency = full.find((b) => b.mode === 'latency')!.args;
    const bw = full.find((b) => b.mode === 'bw')!.args;
    for (let s = 1; s <= 4 * MiB; s *= 2) {
      expect(latency).toContain(s);
      expect(bw).toContain(s);
    }
    expect(latency).toEqual([0, ...FULL_SIZES]);
    expect(latency).toContain(16 * MiB);
    expect(bw).toContain(16 * MiB);
    // 0 bytes in a bandwidth test would be 0 MB/s: meaningless.
    expect(bw).not.toContain(0);
    expect(latency).toEqual([...latency].sort((a, b) => (a as number) - (b as number)));
  });

  test('--quick is a short run: few sizes, every kind of benchmark once', () => {
    const quick = benchmarks('quick');
    expect(new Set(quick.map((b) => b.mode))).toEqual(
      new Set(['latency', 'bw', 'allreduce', 'bcast', 'barrier', 'object-pingpong', 'object-bcast', 'awaited', 'idle-await', 'object-allreduce', 'futures']),
    );
    for (const b of quick) expect(b.args.length).toBeLessThanOrEqual(4);
    expect(quick.find((b) => b.mode === 'latency')!.args).toContain(0);
  });

  test('--small: the small-message benchmarks the targets are about (8 B, one double, Barrier, objects, awaiting) and the sizes that must not regress', () => {
    const small = benchmarks('small');
    const at = (mode: string, np = 2) => small.find((b) => b.mode === mode && b.np === np)?.args;
    expect(at('latency')).toEqual([0, 8, 64 * KiB, MiB]);
    for (const np of [2, 4]) {
      expect(at('allreduce', np)).toEqual([1]);
      expect(at('bcast', np)).toEqual([8]);
      expect(at('barrier', np)).toEqual([0]);
    }
    expect(at('object-pingpong')).toEqual(['tiny', 'array1000', 'nested']);
    expect(at('awaited')).toEqual([8, KiB, MiB]);
    expect(at('idle-await')).toEqual([10]);
    expect(small.find((b) => b.mode === 'bw')).toBeUndefined();
  });

  test('--self-test, for the test below: latency and bandwidth only, two sizes', () => {
    expect(benchmarks('self-test').map((b) => [b.mode, b.args])).toEqual([
      ['latency', [0, MiB]],
      ['bw', [MiB]],
    ]);
  });
});

describe('options', () => {
  const root = '/pkg';
  test('default: bench/results in the package', () => {
    expect(parseOptions([], {}, '/home/u', root)).toEqual({ kind: 'full', out: '/pkg/bench/results' });
    expect(parseOptions(['--quick'], {}, '/home/u', root).kind).toBe('quick');
    expect(parseOptions(['--self-test'], {}, '/home/u', root).kind).toBe('self-test');
    expect(parseOptions(['--small'], {}, '/home/u', root).kind).toBe('small');
  });

  test('a relative --out is relative to where npm was run (INIT_CWD), not to the package', () => {
    const npmEnv = { npm_lifecycle_event: 'bench', INIT_CWD: '/home/u/work' };
    expect(parseOptions(['--out', 'res'], npmEnv, root, root).out).toBe('/home/u/work/res');
    expect(parseOptions(['--out=../res'], npmEnv, root, root).out).toBe('/home/u/res');
    expect(parseOptions(['--out', '/abs/dir'], npmEnv, root, root).out).toBe('/abs/dir');
  });

  test('run directly, a relative --out is relative to the current folder, whatever INIT_CWD an outer npm script left', () => {
    expect(parseOptions(['--out', 'res'], {}, '/home/u', root).out).toBe('/home/u/res');
    expect(parseOptions(['--out', 'res'], { npm_lifecycle_event: 'test', INIT_CWD: '/elsewhere' }, '/home/u', root).out).toBe('/home/u/res');
  });

  test('bad arguments name the command and the argument', () => {
    expect(() => parseOptions(['--out'], {}, '/', root)).toThrow(/bench: --out needs a folder/);
    expect(() => parseOptions(['--qiuck'], {}, '/', root)).toThrow(/bench: unknown argument "--qiuck"/);
    expect(() => parseOptions(['--quick', '--self-test'], {}, '/', root)).toThrow(/bench: --self-test and --quick exclude each other/);
  });
});

describe('formatting', () => {
  test('units: µs, never "us"', () => {
    expect(formatUnit('us')).toBe('µs');
    expect(formatUnit('µs')).toBe('µs');
    expect(formatUnit('MB/s')).toBe('MB/s');
  });

  test('values keep about three significant digits', () => {
    expect(formatValue(0.12345)).toBe('0.12');
    expect(formatValue(12.345)).toBe('12.3');
    expect(formatValue(1234.5)).toBe('1235');
    expect(formatValue(undefined)).toBe('absent');
  });

  test('sizes: counts in tables, bytes with binary units on the chart', () => {
    expect([0, 8, 1000, KiB, 64 * KiB, 1536 * KiB, 16 * MiB].map(countLabel)).toEqual(['0', '8', '1000', '1 Ki', '64 Ki', '1536 Ki', '16 Mi']);
    expect([0, 1, 512, KiB, MiB, 4 * MiB].map(bytesLabel)).toEqual(['0 B', '1 B', '512 B', '1 KiB', '1 MiB', '4 MiB']);
  });

  test('markdownTable: header, alignment row, rows; pipes escaped', () => {
    expect(markdownTable(['a', 'b'], ['l', 'r'], [['x|y', '1'], ['z', '2']])).toBe('| a | b |\n|---|---:|\n| x\\|y | 1 |\n| z | 2 |');
    expect(() => markdownTable(['a', 'b'], ['l'], [])).toThrow(/markdownTable: align has 1 columns/);
    expect(() => markdownTable(['a', 'b'], ['l', 'r'], [['x']])).toThrow(/markdownTable: row 0 has 1 cells/);
  });
});

describe('tables', () => {
  const f = (impl: string, size: number, value: number, bench = 'latency', unit = 'us'): Figure => ({ bench, impl, size, np: 2, value, unit });

  test('a buffer benchmark: a column per implementation, ratios to C, µs in the heading', () => {
    const b = benchmarks('quick').find((x) => x.mode === 'latency')!;
    const figures = [f('C', 0, 0.1), f('mpi4js', 0, 0.25), f('C', 8, 0.2), f('mpi4js', 8, 0.3), f('C', 64 * KiB, 5), f('C', MiB, 80), f('mpi4js', MiB, 88)];
    expect(benchmarkSection(b, figures, ['C', 'mpi4js'])).toBe(
      [
        '### Ping-pong latency, 2 ranks (µs, lower is better)',
        '',
        '| bytes | C | mpi4js | mpi4js/C |',
        '|---|---:|---:|---:|',
        '| 0 | 0.10 | 0.25 | 2.50 |',
        '| 8 | 0.20 | 0.30 | 1.50 |',
        '| 64 Ki | 5.00 | absent | — |',
        '| 1 Mi | 80.0 | 88.0 | 1.10 |',
        '',
      ].join('\n'),
    );
  });

  test('with the Node-API floor, its column and the ratios mpi4js/floor and floor/C', () => {
    const b = benchmarks('quick').find((x) => x.mode === 'latency')!;
    const figures = [f('C', 8, 0.2), f('Node-API floor', 8, 0.25), f('mpi4js', 8, 0.3), f('C', MiB, 80), f('mpi4js', MiB, 88)];
    const text = benchmarkSection(b, figures, ['C', 'Node-API floor', 'mpi4js'])!;
    expect(text).toContain('| bytes | C | Node-API floor | mpi4js | mpi4js/C | mpi4js/floor | floor/C |');
    expect(text).toContain('| 8 | 0.20 | 0.25 | 0.30 | 1.50 | 1.20 | 1.25 |');
    expect(text).toContain('| 1 Mi | 80.0 | absent | 88.0 | 1.10 | — | — |');
  });

  test('Barrier: one row, the call, in every implementation', () => {
    const b = benchmarks('full').find((x) => x.mode === 'barrier' && x.np === 4)!;
    const figures = [f('C', 0, 0.5, 'barrier'), f('Node-API floor', 0, 0.6, 'barrier'), f('mpi4js', 0, 0.7, 'barrier')].map((x) => ({ ...x, np: 4 }));
    const text = benchmarkSection(b, figures, ['C', 'Node-API floor', 'mpi4js'])!;
    expect(text).toContain('### Barrier, 4 ranks (µs, lower is better)');
    expect(text).toContain('| call | C | Node-API floor | mpi4js | mpi4js/C | mpi4js/floor | floor/C |');
    expect(text).toContain('| Barrier() | 0.50 | 0.60 | 0.70 | 1.40 | 1.17 | 1.20 |');
  });

  test('with mpi4py, its column and the mpi4js/mpi4py ratio; bandwidth is higher-is-better', () => {
    const b = benchmarks('quick').find((x) => x.mode === 'bw')!;
    const figures = ['C', 'mpi4js', 'mpi4py'].flatMap((impl, i) => b.args.map((s) => f(impl, s as number, 1000 * (i + 1), 'bandwidth', 'MB/s')));
    const text = benchmarkSection(b, figures, ['C', 'mpi4js', 'mpi4py'])!;
    expect(text).toContain('(MB/s, higher is better)');
    expect(text).toContain('| bytes | C | mpi4js | mpi4py | mpi4js/C | mpi4js/mpi4py |');
    expect(text).toContain('| 64 Ki | 1000 | 2000 | 3000 | 2.00 | 0.67 |');
  });

  test('object benchmarks without mpi4py: no empty ratio column', () => {
    const b = benchmarks('quick').find((x) => x.mode === 'object-bcast')!;
    const figures: Figure[] = [
      { bench: 'object bcast', impl: 'mpi4js', size: null, case: 'nested', np: 2, value: 150, unit: 'us' },
      { bench: 'object bcast', impl: 'mpi4js+msgpackr', size: null, case: 'nested', np: 2, value: 60, unit: 'us' },
    ];
    expect(benchmarkSection(b, figures, ['mpi4js', 'mpi4js+msgpackr'])).toBe(
      '### Object bcast, 2 ranks (µs, lower is better)\n\n| value | mpi4js | mpi4js+msgpackr |\n|---|---:|---:|\n| nested | 150 | 60.0 |\n',
    );
  });

  test('awaiting: the ping-pong blocking and awaited with their ratio; the idle CPU share in % of a core', () => {
    const [pingPong, idle] = benchmarks('small').filter((b) => b.kind === 'awaited');
    const figures = [f(BLOCKING, 8, 0.5, 'awaited latency'), f(AWAITED, 8, 2, 'awaited latency'), f(AWAITED, 10, 2.25, 'idle await', '% of a core')];
    const text = benchmarkSection(pingPong, figures, [BLOCKING, AWAITED])!;
    expect(text).toContain(`| bytes | ${BLOCKING} | ${AWAITED} | await/blocking |`);
    expect(text).toContain('| 8 | 0.50 | 2.00 | 4.00 |');
    expect(benchmarkSection(idle, figures, [AWAITED])).toBe(
      `### CPU of a rank awaiting a message, 2 ranks (% of a core, lower is better)\n\n| awaiting for | ${AWAITED} |\n|---|---:|\n| 10 s | 2.25 |\n`,
    );
  });

  test('futures: tasks per second on 2 and 4 ranks, mpi4js beside mpi4py, higher is better', () => {
    const [two, four] = benchmarks('quick').filter((b) => b.kind === 'futures');
    expect([two.np, four.np]).toEqual([2, 4]);
    expect(benchmarks('full').filter((b) => b.kind === 'futures').map((b) => b.np)).toEqual([2, 4]);
    const t = (impl: string, value: number): Figure => ({ bench: 'futures', impl, size: null, case: 'empty task', np: 4, value, unit: 'tasks/s' });
    expect(benchmarkSection(four, [t('mpi4js', 1500), t('mpi4py', 3000)], ['mpi4js', 'mpi4py'])).toBe(
      '### Futures: empty tasks through executor.map, 4 ranks (tasks/s, higher is better)\n\n| task | mpi4js | mpi4py | mpi4js/mpi4py |\n|---|---:|---:|---:|\n| empty task | 1500 | 3000 | 0.50 |\n',
    );
  });

  test('a benchmark with no figures has no section', () => {
    expect(benchmarkSection(benchmarks('quick')[0], [], ['C'])).toBeUndefined();
  });
});

describe('chart', () => {
  test('ticks on every size of the data; few sizes all labelled', () => {
    const t = sizeTicks([MiB, 0, 8, 64 * KiB, 8]);
    expect(t.values).toEqual([0, 8, 64 * KiB, MiB]);
    expect([...t.labels]).toEqual([
      [0, '0 B'],
      [8, '8 B'],
      [64 * KiB, '64 KiB'],
      [MiB, '1 MiB'],
    ]);
  });

  test('the full run: a tick per size, labels on 0 B and every fourth power of two so they never crowd', () => {
    const t = sizeTicks([0, ...FULL_SIZES]);
    expect(t.values).toEqual([0, ...FULL_SIZES]);
    expect([...t.labels.values()]).toEqual(['0 B', '1 B', '16 B', '256 B', '4 KiB', '64 KiB', '1 MiB', '16 MiB']);
    const bw = sizeTicks(FULL_SIZES);
    expect(bw.labels.size).toBeLessThanOrEqual(8);
    expect(bw.labels.get(1)).toBe('1 B');
    expect(bw.labels.get(MiB)).toBe('1 MiB');
  });

  test('labelExpression labels the chosen ticks and blanks the others', () => {
    const expr = labelExpression(new Map([[0, '0 B'], [KiB, '1 KiB']]));
    // The expression uses only what JavaScript and vega expressions share.
    const label = new Function('datum', `return ${expr}`) as (d: { value: number }) => string;
    expect([0, 1, KiB, MiB].map((value) => label({ value }))).toEqual(['0 B', '', '1 KiB', '']);
  });

  test('the spec: latency on a symlog size axis (0 B kept), bandwidth on log 2, ticks on the data', () => {
    const figures: Figure[] = [
      ...[0, 1, KiB].map((size) => ({ bench: 'latency', impl: 'C', size, np: 2, value: 1, unit: 'µs' })),
      ...[1, KiB].map((size) => ({ bench: 'bandwidth', impl: 'C', size, np: 2, value: 10, unit: 'MB/s' })),
      { bench: 'allreduce', impl: 'C', size: 2 * MiB, np: 2, value: 10, unit: 'µs' },
    ];
    const spec = chartSpec(figures) as { data: { values: Figure[] }; hconcat: { encoding: { x: { scale: { type: string }; axis: { values: number[] } } } }[] };
    expect(spec.data.values).toBe(figures);
    const [latency, bandwidth] = spec.hconcat.map((p) => p.encoding.x);
    expect(latency.scale.type).toBe('symlog');
    expect(latency.axis.values).toEqual([0, 1, KiB]);
    expect(bandwidth.scale.type).toBe('log');
    expect(bandwidth.axis.values).toEqual([1, KiB]);
  });
});

// `mpi4js bench futures --json` (the runner's futures benchmark) under mpirun, and bench/mpi4py/futures.py where mpi4py is.
describe.each([2, 4])('futures benchmark on %i ranks', (np) => {
  test('mpi4js bench futures --json: one figure, tasks per second, from rank 0', () => {
    const r = mpirun('dist/cli/index.js', np, { args: ['bench', 'futures', '--tasks', '300', '--json'], timeout: 120_000 });
    expect({ code: r.code, stderr: r.stderr }).toMatchObject({ code: 0 });
    const lines = r.stdout.trim().split('\n');
    expect(lines).toHaveLength(1);
    const f = JSON.parse(lines[0]) as Figure;
    expect(f).toMatchObject({ bench: 'futures', impl: 'mpi4js', size: null, case: 'empty task', np, unit: 'tasks/s' });
    expect(f.value).toBeGreaterThan(0);
  }, 150_000);

  const python = ['python3', '/usr/bin/python3'].find((p) => spawnSync(p, ['-c', 'import mpi4py.futures'], { encoding: 'utf8' }).status === 0);
  (python ? test : test.skip)(`bench/mpi4py/futures.py: the same figure from mpi4py.futures${python ? '' : ' (skipped: no python3 with mpi4py here)'}`, () => {
    const r = spawnSync('sh', [path.join(ROOT, 'scripts/mpiexec.sh'), '-n', String(np), python!, path.join(ROOT, 'bench/mpi4py/futures.py'), '300'], { encoding: 'utf8', timeout: 120_000 });
    expect({ code: r.status, stderr: r.stderr }).toMatchObject({ code: 0 });
    const f = JSON.parse(r.stdout.trim()) as Figure;
    expect(f).toMatchObject({ bench: 'futures', impl: 'mpi4py', case: 'empty task', np, unit: 'tasks/s' });
    expect(f.value).toBeGreaterThan(0);
  }, 150_000);
});

test('mpi4js bench futures on 2 ranks prints tasks per second for its one worker', () => {
  const r = mpirun('dist/cli/index.js', 2, { args: ['bench', 'futures', '-n', '200'], timeout: 120_000 });
  expect(r.code).toBe(0);
  expect(r.stdout).toMatch(/^futures: 200 empty tasks on 1 worker\(s\): \d+ tasks\/s \([\d.]+ µs per task\)\n$/);
}, 150_000);

// `npm run bench -- --quick` takes 30–90 s here (CI runs it); --self-test runs the same code on less.
test('a run (--self-test --out DIR) writes results.md, results.json and chart.svg, and prints their absolute paths', () => {
  const cwd = fs.mkdtempSync(path.join(os.tmpdir(), 'mpi4js-bench-'));
  try {
    // Run directly from another folder: a relative --out lands there, not in the package.
    const r = spawnSync(process.execPath, [path.join(ROOT, '.build/bench/run.js'), '--self-test', '--out', 'out'], { cwd, encoding: 'utf8', timeout: 170_000 });
    expect({ status: r.status, signal: r.signal, stderr: r.stderr }).toMatchObject({ status: 0 });
    const out = path.join(cwd, 'out');
    const files = ['results.md', 'results.json', 'chart.svg'].map((f) => path.join(out, f));
    for (const file of files) {
      expect(fs.existsSync(file)).toBe(true);
      expect(r.stdout).toContain(`  ${file}\n`);
    }

    const md = fs.readFileSync(files[0], 'utf8');
    expect(r.stdout).toContain(md);
    expect(md).toContain('### Ping-pong latency, 2 ranks (µs, lower is better)');
    expect(md).toContain('### Bandwidth, 2 ranks (MB/s, higher is better)');
    // The floor (a minimal binding) runs the latency loop; bandwidth is C and mpi4js alone.
    expect(md).toMatch(/^\| bytes \| C \| Node-API floor \| mpi4js \| mpi4js\/C \| mpi4js\/floor \| floor\/C \|$/m);
    expect(md).toMatch(/^\| bytes \| C \| mpi4js \| mpi4js\/C \|$/m);
    expect(md).toMatch(/^\| 1 Mi \| [\d.]+ \| [\d.]+ \|/m);
    expect(md).not.toMatch(/\bus\b/);

    const json = JSON.parse(fs.readFileSync(files[1], 'utf8')) as { run: string; figures: Figure[] };
    expect(json.run).toBe('self-test');
    const latency = json.figures.filter((f) => f.bench === 'latency');
    for (const impl of ['C', 'Node-API floor', 'mpi4js']) {
      expect(latency.filter((f) => f.impl === impl).map((f) => f.size).sort((a, b) => a! - b!)).toEqual([0, MiB]);
    }
    for (const impl of ['C', 'mpi4js']) {
      expect(json.figures.filter((f) => f.bench === 'bandwidth' && f.impl === impl).map((f) => f.size)).toEqual([MiB]);
    }
    expect(json.figures.filter((f) => f.bench === 'bandwidth' && f.impl === 'Node-API floor')).toEqual([]);
    for (const f of json.figures) {
      expect(f.value).toBeGreaterThan(0);
      expect(['µs', 'MB/s']).toContain(f.unit);
    }

    const svg = fs.readFileSync(files[2], 'utf8');
    expect(svg.startsWith('<svg')).toBe(true);
    for (const label of ['0 B', '1 MiB', 'one-way latency (µs)', 'bandwidth (MB/s)']) expect(svg).toContain(`>${label}</text>`);
  } finally {
    fs.rmSync(cwd, { recursive: true, force: true });
  }
}, 180_000);
