// The bad-argument fuzz (issue 11): every public method, every argument
// position, every value of the catalogue (test/programs/fuzz-arguments.ts), on
// 2 ranks. Zero crashes (the job ends early), zero hangs (the watchdog aborts a
// call blocked for 10 s, naming it), zero silent successes, zero errors of the
// wrong class, zero messages that do not name the call.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

import { mpirun, Run } from './mpirun';

interface Result {
  area: string;
  rank: number;
  calls: number;
  counts: Record<string, number>;
  failures: string[];
  /** The errors whose message does not name the call. */
  generic: string[];
  seconds: number;
}

/** The results every rank sent to rank 0, or a description of how the job ended without them. */
function results(r: Run, file: string): Result[] {
  if (!fs.existsSync(file)) {
    // A crash or a hang: the last `fuzz:` lines name the method each rank was in.
    const where = r.stdout.split('\n').filter((l) => l.startsWith('fuzz: ')).slice(-2).join('; ');
    throw new Error(`the fuzz job ended without its results (exit ${r.code}) in ${where}:\n${r.stderr.slice(-3000)}`);
  }
  return JSON.parse(fs.readFileSync(file, 'utf8')) as Result[];
}

function fuzz(area: string, env: NodeJS.ProcessEnv = {}): Result[] {
  const file = path.join(os.tmpdir(), `mpi4js-fuzz-${process.pid}-${area}-${Date.now()}.json`);
  try {
    const r = mpirun('fuzz-arguments', 2, {
      args: [area],
      env: { ...process.env, MPI4JS_WATCHDOG: '10', MPI4JS_WATCHDOG_ABORT: '1', FUZZ_RESULT: file, ...env },
      timeout: 60_000,
    });
    return results(r, file);
  } finally {
    fs.rmSync(file, { force: true });
  }
}

function expectClean(all: Result[]): void {
  expect(all).toHaveLength(2);
  for (const r of all) {
    const summary = `${r.area} on rank ${r.rank}: ${r.calls} calls in ${r.seconds} s, ${JSON.stringify(r.counts)}`;
    process.stdout.write(`${summary}\n`);
    // Every rank made calls, and the same ones.
    expect(r.calls).toBeGreaterThan(100);
    expect(r.calls).toBe(all[0].calls);
    expect({ summary, failures: r.failures }).toEqual({ summary, failures: [] });
    expect(r.counts['silent-success']).toBe(0);
    expect(r.counts['threw-wrong-class']).toBe(0);
    // Every message names the call (issue 11): all of them listed when one does not.
    expect({ summary, generic: r.generic }).toEqual({ summary, generic: [] });
    expect(r.counts['threw-generic']).toBe(0);
  }
}

describe('every public method refuses bad arguments, and the rank lives on (2 ranks)', () => {
  test('communicator queries, management and point-to-point', () => expectClean(fuzz('p2p')));
  test('collectives (root-only arguments and buffers of another size on COMM_SELF)', () => expectClean(fuzz('coll')));
  test('groups, datatypes, ops, statuses, requests, messages, topologies, environment', () => expectClean(fuzz('other')));
});

describe('the fuzz can fail', () => {
  // The allow-table turned off: the valid values it lists (undefined for a
  // default, MPI.ANY_SOURCE, …) succeed and must then be reported as silent successes.
  test('without the allow-table it reports silent successes', () => {
    const all = fuzz('p2p', { FUZZ_BREAK: 'allow' });
    expect(all[0].counts['silent-success']).toBeGreaterThan(0);
    expect(all[0].failures.some((f) => /COMM_WORLD\.recv argument 1 \(rtag\) = -1: succeeded/.test(f))).toBe(true);
  });
  // Every message taken for one that does not name the call: reported, and the check above fails.
  test('with no message taken to name its call it reports generic messages', () => {
    const all = fuzz('p2p', { FUZZ_BREAK: 'names' });
    expect(all[0].counts['threw-generic']).toBeGreaterThan(0);
    expect(all[0].generic.some((g) => /^COMM_WORLD\.send argument 1 \(dest\) = 1\.5: TypeError: send: dest must be an integer/.test(g))).toBe(true);
    expect(() => expectClean(all)).toThrow(/generic/);
  });
  // RangeError and MPI.Exception taken for the wrong class: reported as such.
  test('with only TypeError accepted it reports wrong-class errors', () => {
    const all = fuzz('p2p', { FUZZ_BREAK: 'class' });
    expect(all[0].counts['threw-wrong-class']).toBeGreaterThan(0);
    expect(all[0].failures.some((f) => /threw RangeError/.test(f))).toBe(true);
  });
});
