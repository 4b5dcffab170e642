// Dynamic processes under mpirun: 1, 2 and 4 parent ranks spawn Node programs
// (Spawn, Spawn_multiple), talk to them, accept their Connect on a port
// published by name, and disconnect; UNIVERSE_SIZE and APPNUM on both sides.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

import { GROUP_TIMEOUT, programGroup, ROOT } from './mpirun';

/**
 * Why this MPI library cannot spawn here, in its own words, or '' when it can (or when no C
 * compiler of it is at hand to ask): C first, so a failure of mpi4js's own is never skipped.
 * Debian bookworm's MPICH 4.0.2 runs on ch4:ucx, which has no dynamic processes: MPI_Comm_spawn fails
 * ("Error in spawn call"), and so do MPI_Open_port ("not supported with ucx netmod") and Join, built on ports.
 */
function cannotSpawn(): string {
  const mpicc = process.env.MPI4JS_MPICC ?? (process.env.MPI4JS_TEST_MPI === 'MPICH' ? 'mpicc.mpich' : 'mpicc');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mpi4js-spawn-probe-'));
  try {
    const exe = path.join(dir, 'probe');
    if (spawnSync(mpicc, ['-o', exe, path.join(ROOT, 'test/native/spawn-probe.c')]).status !== 0) return '';
    const r = spawnSync('sh', [path.join(ROOT, 'scripts/mpiexec.sh'), '-n', '1', exe], { encoding: 'utf8', timeout: 60_000 });
    if (r.status === 0) return '';
    const said = `${r.stdout}${r.stderr}`.trim().split('\n').slice(-2).join(' / ');
    return `this MPI library cannot spawn here, even from C (test/native/spawn-probe.c): ${said}`;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

const unable = cannotSpawn();
if (unable) test.skip(`dynamic processes skipped: ${unable}`, () => undefined);

const PROGRAMS: [string, string][] = [
  ['Spawn, Spawn_multiple, Get_parent, ports, names, Accept/Connect and Disconnect', 'spawn-connect-and-names'],
  ['Comm.Join over a connected TCP socket', 'join-over-a-socket'],
];

(unable ? describe.skip : describe).each([1, 2, 4])('on %i parent ranks', (np) => {
  // Each parent starts 5 Node children per communicator: on a loaded 2-core machine that takes minutes at worst.
  const check = programGroup(PROGRAMS.map(([, p]) => p), np, { timeout: 300_000 });
  test.each(PROGRAMS)('%s', (_, program) => check(program), GROUP_TIMEOUT);
});
