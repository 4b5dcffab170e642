// mpi4py programs ported line by line (test/ports/<name>.py beside <name>.ts):
// derived datatypes, user ops on buffers, persistent and generalized requests,
// every send mode. Both run under the same mpirun on 1, 2, 3 and 4 ranks, and
// every rank must print exactly what it printed under mpi4py. Each rank's
// stdout is kept apart by Open MPI's --output-filename, so lines never mix.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

import { BUILD, ROOT } from './mpirun';

const PORTS = ['derived-datatypes', 'user-ops', 'persistent-requests', 'send-modes', 'intercommunicators-and-topologies', 'windows-and-files', 'futures'];

/** A Python that imports mpi4py (Debian's python3-mpi4py lives in /usr/bin/python3, which another python3 on PATH may shadow). */
const PYTHON = ['/usr/bin/python3', 'python3'].find((py) => spawnSync(py, ['-c', 'import mpi4py, numpy'], { stdio: 'ignore' }).status === 0);
const OPEN_MPI = (process.env.MPI4JS_TEST_MPI ?? 'Open MPI') === 'Open MPI';
const why = !PYTHON
  ? ' (skipped: no python3 with mpi4py and numpy; sudo apt-get install python3-mpi4py python3-numpy)'
  : !OPEN_MPI
    ? " (skipped: keeping each rank's output apart needs Open MPI's --output-filename)"
    : '';

/** Each rank's stdout, by rank, of `mpirun -n np <argv>`. */
function outputs(np: number, argv: string[]): string[] {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mpi4js-port-'));
  try {
    const r = spawnSync('sh', [path.join(ROOT, 'scripts/mpiexec.sh'), '--output-filename', dir, '-n', String(np), ...argv], {
      cwd: ROOT,
      encoding: 'utf8',
      timeout: 120_000,
      env: { ...process.env, MPI4JS_TEST_BUILD: BUILD },
    });
    if (r.status !== 0) throw new Error(`${argv.join(' ')} on ${np} ranks: exit ${r.status}\n${r.stdout}\n${r.stderr}`);
    return Array.from({ length: np }, (_, rank) => fs.readFileSync(path.join(dir, '1', `rank.${rank}`, 'stdout'), 'utf8'));
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

describe.each([1, 2, 3, 4])('on %i ranks, every rank prints what it printed under mpi4py', (np) => {
  (why ? test.skip : test).each(PORTS)(`%s${why}`, (port) => {
    const python = outputs(np, [PYTHON!, path.join(ROOT, 'test/ports', `${port}.py`)]);
    const node = outputs(np, [process.execPath, path.join(BUILD, '.build/test/ports', `${port}.js`)]);
    for (let rank = 0; rank < np; rank++) {
      expect(python[rank]).toMatch(new RegExp(`^rank ${rank}: `)); // the port printed something, as this rank
      expect(node[rank]).toBe(python[rank]);
    }
  }, 300_000);
});
