// map's `progress` option (mpi4js's own): a cli-progress bar on stderr where
// stderr is a terminal (a pseudo-terminal from script(1) here), on stdout where
// only stdout is one (under mpirun), nothing and
// cli-progress never loaded where it is not; a bad value is a TypeError naming
// map and the option. The bar itself: lib/futures/progress.ts on a fake terminal.
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { Writable } from 'node:stream';

import { MPIPoolExecutor } from '../lib/futures';
import { progressBar } from '../lib/futures/progress';
import { node, programPath, ROOT } from './mpirun';

const PROGRAM = '.build/test/programs/futures/progress-map.js';

test('not a terminal (pipes): the values, no bar, cli-progress not loaded', () => {
  const r = node(PROGRAM, { args: ['12'] });
  expect({ code: r.code, stdout: r.stdout }).toEqual({ code: 0, stdout: 'progress ok 12 loaded=false\n' });
  expect(r.stderr).not.toMatch(/tasks|%/);
});

const hasScript = spawnSync('script', ['--version'], { encoding: 'utf8' }).status === 0;
(hasScript ? test : test.skip)('on a terminal (script -qc): the bar counts every task up to 12/12 and 100%, then stops', () => {
  const command = `${JSON.stringify(process.execPath)} ${JSON.stringify(programPath(PROGRAM))} 12`;
  const r = spawnSync('script', ['-qec', command, '/dev/null'], { cwd: ROOT, encoding: 'utf8', timeout: 60_000, env: { ...process.env, COLUMNS: '120' } });
  expect(r.status).toBe(0);
  const out = r.stdout.replace(/\r/g, '');
  expect(out).toContain('progress ok 12 loaded=true');
  // Chunks of 2: the counts the bar shows go up by chunks, to the total.
  const counts = [...out.matchAll(/map \|[^|]*\| (\d+)\/12 tasks \| (\d+)%/g)].map((m) => Number(m[1]));
  expect(counts[0]).toBe(0);
  expect(counts[counts.length - 1]).toBe(12);
  expect(counts).toEqual([...counts].sort((a, b) => a - b));
  expect(out).toContain('12/12 tasks | 100%');
}, 90_000);

(hasScript ? test : test.skip)('under mpirun on a terminal (stdout a pseudo-terminal, stderr a pipe): the bar on stdout', () => {
  const command = `sh ${JSON.stringify(path.join(ROOT, 'scripts/mpiexec.sh'))} -n 1 ${JSON.stringify(process.execPath)} ${JSON.stringify(programPath(PROGRAM))} 8`;
  const r = spawnSync('script', ['-qec', command, '/dev/null'], { cwd: ROOT, encoding: 'utf8', timeout: 60_000 });
  expect(r.status).toBe(0);
  const out = r.stdout.replace(/\r/g, '');
  expect(out).toContain('progress ok 8 loaded=true');
  expect(out).toContain('8/8 tasks | 100%');
}, 90_000);

test('progress must be a boolean: TypeError naming map and the option, before any task', () => {
  const executor = new MPIPoolExecutor();
  expect(() => executor.map(path.join(ROOT, 'x.js#f'), [1], { progress: 'yes' as unknown as boolean })).toThrow(new TypeError('map: progress must be a boolean, got string'));
  expect(() => executor.starmap(path.join(ROOT, 'x.js#f'), [[1]], { progress: 1 as unknown as boolean })).toThrow(/^starmap: progress must be a boolean, got number$/);
  void executor.shutdown();
});

describe('progressBar', () => {
  class Sink extends Writable {
    text = '';
    override _write(chunk: Buffer, _: string, done: () => void): void {
      this.text += chunk.toString();
      done();
    }
  }

  test('not a terminal, or nothing to count: no bar', () => {
    const sink = new Sink();
    expect(progressBar('map', 5, sink)).toBeUndefined();
    expect(progressBar('map', 0, Object.assign(new Sink(), { isTTY: true }))).toBeUndefined();
    expect(sink.text).toBe('');
  });

  test('on a terminal: draws the count as tasks are done, and stops at the total', () => {
    const tty = Object.assign(new Sink(), { isTTY: true, columns: 100, cursorTo: () => true, clearLine: () => true, moveCursor: () => true, clearScreenDown: () => true });
    const bar = progressBar('starmap', 4, tty)!;
    bar.add(1);
    bar.add(2);
    bar.add(5); // more than is left: counts to the total
    expect(tty.text).toMatch(/starmap \|.*\| 4\/4 tasks \| 100%/);
    const after = tty.text.length;
    bar.add(1);
    expect(tty.text.length).toBe(after);
  });
});
