// Parallel I/O on the simulated cluster (scripts/cluster.sh): 4 hosts as network
// namespaces, MPI over TCP between them, one filesystem that every host sees,
// as a cluster's shared folder. The cluster is one per machine: run this spec
// under `flock /tmp/mpi4js-cluster.lock npx jest test/cluster-files.test.ts`.
// Needs root to create namespaces; without it every test here is skipped, and says why.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

import { expectEveryRankOk, node, programPath, ROOT, Run } from './mpirun';

const cluster = (...args: string[]) => spawnSync('sh', [path.join(ROOT, 'scripts/cluster.sh'), ...args], { encoding: 'utf8', cwd: ROOT });

const probe = cluster('up', '4');
const unavailable = probe.status === 0 ? '' : `cannot create network namespaces here: ${probe.stderr.trim().split('\n')[0]}`;
const suite = unavailable ? describe.skip : describe;
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mpi4js-cluster-files-'));
afterAll(() => {
  cluster('down');
  fs.rmSync(dir, { recursive: true, force: true });
});

jest.setTimeout(400_000);

/** mpirun in h1 across n hosts over TCP, one rank per host. */
function clusterRun(name: string, n: number, args: string[] = []): Run {
  const start = process.hrtime.bigint();
  const hosts = cluster('hosts', String(n), '1').stdout.trim();
  const r = spawnSync('sh', [path.join(ROOT, 'scripts/cluster.sh'), 'mpirun', '-host', hosts, '-n', String(n), process.execPath, programPath(name), ...args], {
    encoding: 'utf8',
    cwd: ROOT,
    timeout: 300_000,
  });
  return { code: r.status, stdout: r.stdout ?? '', stderr: r.stderr ?? '', seconds: Number(process.hrtime.bigint() - start) / 1e9 };
}

if (unavailable) test.skip(`cluster file tests skipped: ${unavailable}`, () => undefined);

suite('parallel I/O on 4 simulated hosts sharing one filesystem', () => {
  test('heat: the file the 4 hosts write together is the serial one, byte for byte', () => {
    const serial = path.join(dir, 'serial.bin');
    node('.build/examples/heat.js', { args: ['--serial', serial, '40', '20'] });
    const file = path.join(dir, 'hosts.bin');
    const r = clusterRun('.build/examples/heat.js', 4, [file, '40', '20']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('on 2×2 ranks, 3 snapshots');
    expect(fs.readFileSync(file).equals(fs.readFileSync(serial))).toBe(true);
  });
  test('every access mode, one rank per host', () => expectEveryRankOk(clusterRun('file-every-access-mode', 4), 4));
});
