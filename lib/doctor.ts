/**
 * `mpi4js doctor`: checks this machine and, through the same mpirun launch path
 * a job takes, every host of the cluster; prints a row per host and a verdict
 * with the fix for each problem.
 */
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

export interface DoctorOptions {
  host?: string;
  hostfile?: string;
  /** The mpirun command, e.g. `mpirun --mca btl_tcp_if_include eth0` (default `mpirun`). */
  mpirun?: string;
  json?: boolean;
}

interface Inventory {
  host?: string;
  addresses?: string[];
  node?: string;
  mpi4js?: string;
  build?: string;
  library?: string;
  error?: string;
}

export interface HostReport extends Inventory {
  /** As named on the command line or in the hostfile. */
  name: string;
  /** The slowest round trip to another host, µs. */
  roundTrip?: number;
  problems: string[];
}

export interface DoctorReport {
  local: { mpirun?: string; node: string; mpi4js?: string; build?: string; library?: string; problems: string[] };
  hosts: HostReport[];
  ok: boolean;
}

const PROBE = path.join(__dirname, 'doctor-probe.js');

function hostsOf(o: DoctorOptions): string[] {
  if (o.host) return o.host.split(',').map((h) => h.trim().split(':')[0]).filter(Boolean);
  if (o.hostfile) {
    return fs
      .readFileSync(o.hostfile, 'utf8')
      .split('\n')
      .map((l) => l.replace(/#.*/, '').trim().split(/\s+/)[0])
      .filter(Boolean);
  }
  return ['localhost'];
}

function mpirunCommand(o: DoctorOptions): string[] {
  return (o.mpirun ?? process.env.MPI4JS_MPIRUN ?? 'mpirun').split(/\s+/).filter(Boolean);
}

interface Launched {
  code: number | null;
  stderr: string;
  /** stdout and stderr lines of each rank (mpirun --tag-output). */
  byRank: Map<number, { out: string[]; err: string[] }>;
}

/**
 * mpirun with the probe on the given hosts, one rank each, in host order. It
 * starts in a folder every host has, so a host without the project still runs
 * node and says what is missing.
 */
function launch(o: DoctorOptions, hosts: string[], mode: string): Promise<Launched> {
  const [cmd, ...pre] = mpirunCommand(o);
  const where = o.hostfile && !o.host && hosts.length > 1 ? ['-hostfile', o.hostfile] : ['-host', hosts.join(',')];
  const env = { ...process.env };
  delete env.MPI4JS_INITIALIZE;
  if (process.getuid?.() === 0) Object.assign(env, { OMPI_ALLOW_RUN_AS_ROOT: '1', OMPI_ALLOW_RUN_AS_ROOT_CONFIRM: '1' });
  const args = [...pre, ...where, '-n', String(hosts.length), '--map-by', 'node', '--tag-output', '-wdir', os.tmpdir(), process.execPath, PROBE, mode];
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { env });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    const timer = setTimeout(() => child.kill('SIGTERM'), 120_000);
    child.on('error', (e) => (stderr += `${e.message}\n`));
    child.on('close', (code) => {
      clearTimeout(timer);
      // Lines look like "[1,2]<stdout>:text": job, rank, stream.
      const byRank = new Map<number, { out: string[]; err: string[] }>();
      for (const line of `${stdout}\n${stderr}`.split('\n')) {
        const m = /^\[\d+,(\d+)\]<(stdout|stderr)>:\s?(.*)$/.exec(line);
        if (!m) continue;
        const entry = byRank.get(Number(m[1])) ?? { out: [], err: [] };
        (m[2] === 'stdout' ? entry.out : entry.err).push(m[3]);
        byRank.set(Number(m[1]), entry);
      }
      resolve({ code, stderr, byRank });
    });
  });
}

/** What went wrong on one host, from its probe's output or mpirun's. */
function inventoryOf(name: string, r: Launched): HostReport {
  const entry = r.byRank.get(0);
  const line = entry?.out.find((l) => l.startsWith('{'));
  const report: HostReport = { name, problems: [] };
  if (line) return Object.assign(report, JSON.parse(line) as Inventory);
  const said = entry?.err.find((l) => /Error|error/.test(l)) ?? entry?.err[0];
  const mpirunSaid = r.stderr
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l && !/^-+$/.test(l) && !/^\[/.test(l))
    .slice(0, 3)
    .join(' ');
  report.error = said ?? `mpirun could not start it: ${mpirunSaid || `exit ${r.code}`}`;
  return report;
}

function local(): DoctorReport['local'] {
  const problems: string[] = [];
  const version = spawnSync('mpirun', ['--version'], { encoding: 'utf8' });
  const mpirun = version.status === 0 ? version.stdout.split('\n')[0].trim() : undefined;
  if (!mpirun) problems.push('mpirun not found — install Open MPI (Debian, Raspberry Pi OS: sudo apt-get install openmpi-bin libopenmpi3)');
  const report: DoctorReport['local'] = { mpirun, node: process.version, problems };
  try {
    process.env.MPI4JS_INITIALIZE ??= '0';
    // eslint-disable-next-line @typescript-eslint/no-var-requires
    const { MPI } = require('./index');
    // eslint-disable-next-line @typescript-eslint/no-var-requires
    const { addonPath } = require('./native');
    report.mpi4js = require('../package.json').version;
    report.build = /[\\/]prebuilds[\\/]/.test(addonPath) ? 'prebuild' : 'source build';
    report.library = MPI.Get_library_version();
  } catch (e) {
    problems.push(`mpi4js does not load here: ${(e as Error).message.split('\n')[0]}`);
  }
  return report;
}

/** The most common value of a field among the hosts that answered. */
function majority(hosts: HostReport[], field: 'node' | 'mpi4js' | 'library'): string | undefined {
  const counts = new Map<string, number>();
  for (const h of hosts) if (h[field]) counts.set(h[field] as string, (counts.get(h[field] as string) ?? 0) + 1);
  return [...counts.entries()].sort((a, b) => b[1] - a[1])[0]?.[0];
}

export async function doctor(o: DoctorOptions, progress: (text: string) => void = () => undefined): Promise<DoctorReport> {
  const names = hostsOf(o);
  progress(`checking this machine`);
  const here = local();
  // Every host on its own, all at once: one broken host cannot hide the others.
  let checked = 0;
  const say = () => progress(`checking ${names.length} host${names.length > 1 ? 's' : ''}: Node, mpi4js and MPI on each (${checked} done)`);
  say();
  const hosts = await Promise.all(
    names.map(async (name) => {
      const report = inventoryOf(name, await launch(o, [name], 'inventory'));
      checked++;
      say();
      return report;
    }),
  );
  for (const h of hosts) {
    if (!h.error) continue;
    if (/Cannot find module/.test(h.error)) {
      h.problems.push(`mpi4js not installed — run npm install mpi4js there, in the same folder as here (${path.dirname(__dirname)}), or use a folder every host shares`);
    } else if (/libmpi|shared object/.test(h.error)) {
      h.problems.push(`MPI library missing — sudo apt-get install openmpi-bin libopenmpi3 there (${h.error})`);
    } else {
      h.problems.push(`mpi4js does not load: ${h.error}`);
    }
  }
  const node = majority(hosts, 'node');
  const version = majority(hosts, 'mpi4js');
  const library = majority(hosts, 'library');
  for (const h of hosts) {
    if (h.node && node && h.node !== node) h.problems.push(`Node ${h.node.slice(1)} here but ${node.slice(1)} elsewhere — install the same Node on every host`);
    if (h.mpi4js && version && h.mpi4js !== version) h.problems.push(`mpi4js ${h.mpi4js} here but ${version} elsewhere`);
    if (h.library && library && h.library !== library) h.problems.push(`MPI "${h.library}" here but "${library}" elsewhere — one MPI version on every host`);
  }
  if (hosts.every((h) => !h.error) && hosts.length > 1) {
    progress(`round trips between every pair of ${hosts.length} hosts`);
    const pairs = await launch(o, names, 'pairs');
    const line = pairs.byRank.get(0)?.out.find((l) => l.startsWith('{'));
    if (line) {
      for (const [i, j, us] of (JSON.parse(line) as { rtt: [number, number, number][] }).rtt) {
        for (const k of [i, j]) hosts[k].roundTrip = Math.max(hosts[k].roundTrip ?? 0, us);
      }
    } else {
      const why = pairs.stderr.trim().split('\n').slice(-2).join(' ');
      for (const h of hosts) h.problems.push(`no round trip between the hosts (check --mca btl_tcp_if_include; mpirun: ${why})`);
    }
  }
  const ok = here.problems.length === 0 && hosts.every((h) => h.problems.length === 0);
  return { local: here, hosts, ok };
}

export function formatReport(r: DoctorReport): string {
  const lines: string[] = [];
  const l = r.local;
  lines.push(`this machine: ${l.mpirun ?? 'no mpirun'}; Node ${l.node}; mpi4js ${l.mpi4js ?? '—'} (${l.build ?? 'not loaded'}); ${l.library?.split(',')[0] ?? '—'}`);
  const rows = [['host', 'hostname', 'Node', 'mpi4js', 'build', 'MPI library', 'round trip', 'status']];
  for (const h of r.hosts) {
    rows.push([
      h.name,
      h.host ?? '—',
      h.node ?? '—',
      h.mpi4js ?? '—',
      h.build ?? '—',
      h.library?.split(',')[0] ?? '—',
      h.roundTrip === undefined ? '—' : `${h.roundTrip.toFixed(1)} µs`,
      h.problems.length ? 'PROBLEM' : 'ok',
    ]);
  }
  const widths = rows[0].map((_, c) => Math.max(...rows.map((row) => row[c].length)));
  for (const row of rows) lines.push(row.map((cell, c) => cell.padEnd(widths[c])).join('  ').trimEnd());
  lines.push('');
  const problems = [...l.problems.map((p) => `this machine: ${p}`), ...r.hosts.flatMap((h) => h.problems.map((p) => `${h.name}: ${p}`))];
  lines.push(problems.length ? `${problems.length} problem${problems.length > 1 ? 's' : ''}:` : 'verdict: every host is ready for mpirun … node app.js');
  for (const p of problems) lines.push(`  ${p}`);
  return lines.join('\n');
}
