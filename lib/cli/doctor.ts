/**
 * `mpi4js doctor`: checks this machine and, through the same mpirun launch path
 * a job takes, every host of the cluster; prints a row per host and a verdict
 * with the fix for each problem. It tells a launch failure (mpirun could not
 * start a process on a host: ssh, daemons, no Node there) from a load failure
 * (the process started, mpi4js did not load), and quotes each cause whole.
 */
import { ChildProcess, spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

import { UsageError } from './usage-error';
import { PACKAGE_ROOT, versions } from './version';

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
  /** The MPI4JS_* environment the rank started with. */
  settings?: Record<string, string>;
  /** Why mpi4js did not load there, whole. */
  error?: string;
}

/** Why a host failed, and what to do about it. */
export interface Failure {
  /** `launch`: mpirun could not start a process there; `load`: it started and mpi4js did not load. */
  kind: 'launch' | 'load';
  /** What mpirun, ssh, Node or mpi4js said, whole. */
  cause: string;
  fix: string;
}

export interface HostReport extends Inventory {
  /** As named on the command line or in the hostfile. */
  name: string;
  /** `not checked`: no launch was tried (mpirun is missing). */
  status: 'ok' | 'problem' | 'not checked';
  failure?: Failure;
  /** The slowest round trip to another host, µs. */
  roundTrip?: number;
  problems: string[];
}

export interface DoctorReport {
  local: { mpirun?: string; node: string; mpi4js?: string; build?: string; library?: string; problems: string[] };
  hosts: HostReport[];
  /** Not failures, but likely to surprise a job: MPI4JS_* settings that differ between hosts. */
  warnings: string[];
  ok: boolean;
}

const PROBE = path.join(__dirname, 'doctor-probe.js');
const INSTALL_OPEN_MPI = 'sudo apt-get install openmpi-bin (Debian, Ubuntu, Raspberry Pi OS)';
/** Read by the doctor itself, not by the ranks: not compared between hosts. */
const DOCTOR_ONLY = new Set(['MPI4JS_MPIRUN']);

function hostsOf(o: DoctorOptions): string[] {
  if (o.host) {
    const hosts = o.host.split(',').map((h) => h.trim().split(':')[0]).filter(Boolean);
    if (hosts.length === 0) throw new UsageError(`--host '${o.host}' names no host`);
    return hosts;
  }
  if (o.hostfile) {
    let text: string;
    try {
      text = fs.readFileSync(o.hostfile, 'utf8');
    } catch (e) {
      const err = e as NodeJS.ErrnoException;
      const why = err.code === 'ENOENT' ? 'no such file' : err.code === 'EISDIR' ? 'it is a folder' : err.code === 'EACCES' ? 'permission denied' : err.message;
      throw new UsageError(`cannot read the hostfile ${o.hostfile}: ${why}`);
    }
    const hosts = text
      .split('\n')
      .map((l) => l.replace(/#.*/, '').trim().split(/\s+/)[0])
      .filter(Boolean);
    if (hosts.length === 0) throw new UsageError(`the hostfile ${o.hostfile} names no host`);
    return hosts;
  }
  return ['localhost'];
}

function mpirunCommand(o: DoctorOptions): string[] {
  return (o.mpirun ?? process.env.MPI4JS_MPIRUN ?? 'mpirun').split(/\s+/).filter(Boolean);
}

interface Launched {
  code: number | null;
  stderr: string;
  /** The spawn error's code (ENOENT: no such command). */
  spawnError?: string;
  /** stdout and stderr lines of each rank (mpirun --tag-output). */
  byRank: Map<number, { out: string[]; err: string[] }>;
}

/** The mpiruns under way, ended if the doctor is interrupted. */
const running = new Set<ChildProcess>();

/** Ends every mpirun the doctor started (on SIGINT or SIGTERM). */
export function stopLaunches(): void {
  for (const child of running) child.kill('SIGTERM');
}

/**
 * mpirun with the probe on the given hosts, one rank each, in host order. It
 * starts in a folder every host has, so a host without the project still runs
 * node and says what is missing.
 */
function launch(o: DoctorOptions, env: NodeJS.ProcessEnv, hosts: string[], mode: string): Promise<Launched> {
  const [cmd, ...pre] = mpirunCommand(o);
  const where = o.hostfile && !o.host && hosts.length > 1 ? ['-hostfile', o.hostfile] : ['-host', hosts.join(',')];
  const args = [...pre, ...where, '-n', String(hosts.length), '--map-by', 'node', '--tag-output', '-wdir', os.tmpdir(), process.execPath, PROBE, mode];
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { env });
    running.add(child);
    let stdout = '';
    let stderr = '';
    let spawnError: string | undefined;
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    const timer = setTimeout(() => child.kill('SIGTERM'), 120_000);
    child.on('error', (e: NodeJS.ErrnoException) => {
      spawnError = e.code;
      stderr += `${e.message}\n`;
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      running.delete(child);
      // Lines look like "[1,2]<stdout>:text": job, rank, stream.
      const byRank = new Map<number, { out: string[]; err: string[] }>();
      for (const line of `${stdout}\n${stderr}`.split('\n')) {
        const m = /^\[\d+,(\d+)\]<(stdout|stderr)>:\s?(.*)$/.exec(line);
        if (!m) continue;
        const entry = byRank.get(Number(m[1])) ?? { out: [], err: [] };
        (m[2] === 'stdout' ? entry.out : entry.err).push(m[3]);
        byRank.set(Number(m[1]), entry);
      }
      resolve({ code, stderr, spawnError, byRank });
    });
  });
}

/**
 * What mpirun said, in full sentences: every line it printed outside its
 * boxed help messages (ssh's own words, a shell's "command not found"), and the
 * opening of each box (Open MPI's diagnosis) up to its first complete
 * statement, without the generic list of possible reasons that follows it.
 * Pieces are joined by ' / '.
 */
export function mpirunSaid(stderr: string): string {
  const said: string[] = [];
  let box: string[] | undefined;
  const closeBox = (lines: string[]) => {
    const paragraphs = lines.join('\n').split(/\n\s*\n/).map((p) => p.split('\n').map((l) => l.trim()).filter(Boolean).join(' '));
    const kept: string[] = [];
    // A paragraph ending in ':' leads into the next one (e.g. "Executable: … Node: …").
    for (const p of paragraphs.filter(Boolean)) {
      const statement = p.replace(/\s*This usually is caused by:$/, '');
      kept.push(statement);
      if (!statement.endsWith(':')) break;
    }
    const text = kept.join(' ').replace(/:$/, '.');
    if (text) said.push(text);
  };
  for (const raw of stderr.split('\n')) {
    const line = raw.trimEnd();
    if (/^-{20,}$/.test(line.trim())) {
      if (box) {
        closeBox(box);
        box = undefined;
      } else box = [];
      continue;
    }
    if (box) box.push(line);
    else if (line.trim() && !/^\[\d+,\d+\]<std(out|err)>:/.test(line)) said.push(line.trim());
  }
  if (box) closeBox(box);
  return [...new Set(said)].join(' / ');
}

/** The fix for a launch failure, from what mpirun said. */
export function launchFix(cause: string, host: string): string {
  if (/Permission denied|Host key verification failed|publickey|password/i.test(cause)) {
    return `set up passwordless ssh from this machine to ${host}: ssh-keygen -t ed25519 (once, if you have no key), then ssh-copy-id ${host}; check that ssh ${host} true asks nothing`;
  }
  if (/Could not resolve hostname|Name or service not known|nodename nor servname/i.test(cause)) {
    return `${host} is not a name this machine can resolve: use its address, or add it to /etc/hosts`;
  }
  if (/Connection refused|No route to host|Connection timed out|Network is unreachable|Connection closed/i.test(cause)) {
    return `ssh cannot reach ${host}: check that it is on and on the network, and that its ssh server runs (sudo systemctl enable --now ssh)`;
  }
  if (/orted.*(command not found|No such file)|not able to find the executable "orted"/i.test(cause)) {
    return `Open MPI is not installed on ${host} (or not on the PATH a non-interactive ssh gets): ${INSTALL_OPEN_MPI} there, the same version as here`;
  }
  if (/could not access or execute an executable/i.test(cause)) {
    return `${host} has no Node at ${process.execPath}: install Node there at the same path as on this machine (every host runs the same command line)`;
  }
  return (
    `check that ssh ${host} true works without a password (ssh-copy-id ${host}), that Open MPI is installed there (${INSTALL_OPEN_MPI}), ` +
    `and that Node and mpi4js are at the same paths as here`
  );
}

/** The fix for a load failure, from what Node or mpi4js said. */
export function loadFix(cause: string): string {
  if (/Cannot find module/.test(cause)) {
    return `run npm install mpi4js there, in the same folder as here (${PACKAGE_ROOT}), or use a folder every host shares`;
  }
  if (/libmpi|shared object|MPI library/.test(cause)) {
    return `install Open MPI there (${INSTALL_OPEN_MPI}); if it is installed elsewhere, pass its library path to the ranks: mpirun -x LD_LIBRARY_PATH`;
  }
  return 'install the same Node and mpi4js on every host, at the same paths; settings reach remote ranks only through mpirun -x VAR';
}

/** One line: newlines and the indentation after them become single spaces. */
function oneLine(text: string): string {
  return text.replace(/\s*\n\s*/g, ' ').trim();
}

/** What happened on one host, from its probe's output or mpirun's. */
export function inventoryOf(name: string, r: Launched): HostReport {
  const entry = r.byRank.get(0);
  const report: HostReport = { name, status: 'ok', problems: [] };
  const line = entry?.out.find((l) => l.startsWith('{'));
  if (line) {
    Object.assign(report, JSON.parse(line) as Inventory);
    if (report.error) report.failure = { kind: 'load', cause: report.error, fix: loadFix(report.error) };
  } else if (entry) {
    // Node ran there but the probe did not answer: it could not load (e.g. no mpi4js there).
    const err = entry.err.map((l) => l.trim()).filter(Boolean);
    const cause = err.find((l) => /^\w*Error\b/.test(l)) ?? (err.join(' ') || `the probe ended with no answer (mpirun: ${mpirunSaid(r.stderr) || `exit ${r.code}`})`);
    report.failure = { kind: 'load', cause, fix: loadFix(cause) };
  } else {
    const cause = mpirunSaid(r.stderr) || `mpirun exited with code ${r.code} and said nothing`;
    report.failure = { kind: 'launch', cause, fix: launchFix(cause, name) };
  }
  return report;
}

/** The problem line for a failure: what kind, the whole cause, the fix. */
function describe(f: Failure): string {
  const cause = oneLine(f.cause);
  if (f.kind === 'launch') return `mpirun could not start a process there (a launch failure; mpi4js was never tried). mpirun said: "${cause}" Fix: ${f.fix}.`;
  if (/Cannot find module/.test(cause)) return `mpi4js not installed — ${f.fix}. Node said: "${cause}"`;
  return `mpi4js does not load there (the process started; loading failed). It said: "${cause}" Fix: ${f.fix}.`;
}

function local(o: DoctorOptions): DoctorReport['local'] & { launcher: boolean } {
  const problems: string[] = [];
  const [cmd, ...pre] = mpirunCommand(o);
  const version = spawnSync(cmd, [...pre, '--version'], { encoding: 'utf8' });
  const missing = (version.error as NodeJS.ErrnoException | undefined)?.code === 'ENOENT';
  const mpirun = version.status === 0 ? version.stdout.split('\n')[0].trim() : undefined;
  if (missing) {
    problems.push(
      cmd === 'mpirun'
        ? `mpirun is not on PATH, so no host could be checked — install Open MPI on this machine and every host: ${INSTALL_OPEN_MPI}; elsewhere, your system's Open MPI package or module (module load mpi)`
        : `the mpirun command ${cmd} was not found, so no host could be checked — give the right one with --mpirun (or install Open MPI: ${INSTALL_OPEN_MPI})`,
    );
  } else if (!mpirun) {
    problems.push(`${[cmd, ...pre].join(' ')} --version failed: "${oneLine(`${version.stderr ?? ''} ${version.stdout ?? ''}`) || `exit ${version.status}`}"`);
  }
  const report = { mpirun, node: process.version, problems, launcher: !missing };
  const v = versions();
  Object.assign(report, { mpi4js: v.mpi4js, build: v.build?.kind, library: v.library });
  if (v.error) problems.push(`mpi4js does not load here: "${oneLine(v.error)}"`);
  return report;
}

/** The most common value of a field among the hosts that answered. */
function majority(hosts: HostReport[], field: 'node' | 'mpi4js' | 'library'): string | undefined {
  const counts = new Map<string, number>();
  for (const h of hosts) if (h[field]) counts.set(h[field] as string, (counts.get(h[field] as string) ?? 0) + 1);
  return [...counts.entries()].sort((a, b) => b[1] - a[1])[0]?.[0];
}

/**
 * The MPI4JS_* settings that differ between this machine and the hosts that
 * answered, one warning each: Open MPI passes this machine's environment to
 * remote ranks only for the variables named with `mpirun -x`.
 */
export function settingDifferences(here: Record<string, string>, hosts: { name: string; settings?: Record<string, string> }[]): string[] {
  const places = [{ name: 'this machine', settings: here }, ...hosts.filter((h) => h.settings)];
  const names = [...new Set(places.flatMap((p) => Object.keys(p.settings ?? {})))].filter((n) => !DOCTOR_ONLY.has(n)).sort();
  const warnings: string[] = [];
  for (const name of names) {
    const byValue = new Map<string, string[]>();
    for (const p of places) {
      const value = p.settings?.[name];
      const key = value === undefined ? 'unset' : `${name}=${value}`;
      byValue.set(key, [...(byValue.get(key) ?? []), p.name]);
    }
    if (byValue.size < 2) continue;
    const where = [...byValue.entries()].map(([value, at]) => `${value} on ${at.join(', ')}`).join('; ');
    warnings.push(`${name} differs between hosts (${where}) — Open MPI passes a variable to remote ranks only when told: mpirun -x ${name} …`);
  }
  return warnings;
}

/** The MPI4JS_* variables of an environment. */
function mpi4jsSettings(env: NodeJS.ProcessEnv): Record<string, string> {
  return Object.fromEntries(Object.entries(env).filter((e): e is [string, string] => e[0].startsWith('MPI4JS_') && e[1] !== undefined));
}

/** Checks this machine and every host; `progress` hears what it is doing. Throws UsageError for a bad host list. */
export async function doctor(o: DoctorOptions, progress: (text: string) => void = () => undefined): Promise<DoctorReport> {
  const names = hostsOf(o);
  // The environment the user gave, before loading mpi4js here changes it: the ranks get this one.
  const env: NodeJS.ProcessEnv = { ...process.env };
  if (process.getuid?.() === 0) Object.assign(env, { OMPI_ALLOW_RUN_AS_ROOT: '1', OMPI_ALLOW_RUN_AS_ROOT_CONFIRM: '1' });
  const settingsHere = mpi4jsSettings(process.env);
  progress('checking this machine');
  const { launcher, ...here } = local(o);
  if (!launcher) {
    // No mpirun: nothing can be said about the hosts, and nothing false must be.
    const hosts = names.map((name): HostReport => ({ name, status: 'not checked', problems: [] }));
    return { local: here, hosts, warnings: [], ok: false };
  }
  // Every host on its own, all at once: one broken host cannot hide the others.
  let checked = 0;
  const say = () => progress(`checking ${names.length} host${names.length > 1 ? 's' : ''}: Node, mpi4js and MPI on each (${checked} done)`);
  say();
  const hosts = await Promise.all(
    names.map(async (name) => {
      const report = inventoryOf(name, await launch(o, env, [name], 'inventory'));
      checked++;
      say();
      return report;
    }),
  );
  for (const h of hosts) if (h.failure) h.problems.push(describe(h.failure));
  const node = majority(hosts, 'node');
  const version = majority(hosts, 'mpi4js');
  const library = majority(hosts, 'library');
  for (const h of hosts) {
    if (h.node && node && h.node !== node) h.problems.push(`Node ${h.node.slice(1)} here but ${node.slice(1)} elsewhere — install the same Node on every host`);
    if (h.mpi4js && version && h.mpi4js !== version) h.problems.push(`mpi4js ${h.mpi4js} here but ${version} elsewhere`);
    if (h.library && library && h.library !== library) h.problems.push(`MPI "${h.library.split('\n')[0]}" here but "${library.split('\n')[0]}" elsewhere — one MPI version on every host`);
  }
  if (hosts.every((h) => !h.failure) && hosts.length > 1) {
    progress(`round trips between every pair of ${hosts.length} hosts`);
    const pairs = await launch(o, env, names, 'pairs');
    const line = pairs.byRank.get(0)?.out.find((l) => l.startsWith('{'));
    if (line) {
      for (const [i, j, us] of (JSON.parse(line) as { rtt: [number, number, number][] }).rtt) {
        for (const k of [i, j]) hosts[k].roundTrip = Math.max(hosts[k].roundTrip ?? 0, us);
      }
    } else {
      const why = mpirunSaid(pairs.stderr) || `exit ${pairs.code}`;
      for (const h of hosts) h.problems.push(`no round trip between the hosts (check --mca btl_tcp_if_include). mpirun said: "${why}"`);
    }
  }
  for (const h of hosts) if (h.problems.length) h.status = 'problem';
  const warnings = settingDifferences(settingsHere, hosts);
  const ok = here.problems.length === 0 && hosts.every((h) => h.problems.length === 0);
  return { local: here, hosts, warnings, ok };
}

export function formatReport(r: DoctorReport): string {
  const lines: string[] = [];
  const l = r.local;
  lines.push(`this machine: ${l.mpirun ?? 'mpirun: none that answers --version'}; Node ${l.node}; mpi4js ${l.mpi4js ?? '—'} (${l.build ?? 'not loaded'}); ${l.library?.split(',')[0] ?? '—'}`);
  const rows = [['host', 'hostname', 'Node', 'mpi4js', 'build', 'MPI library', 'round trip', 'status']];
  const status = (h: HostReport) => (h.status === 'not checked' ? 'not checked' : h.failure?.kind === 'launch' ? 'NOT STARTED' : h.problems.length ? 'PROBLEM' : 'ok');
  for (const h of r.hosts) {
    rows.push([
      h.name,
      h.host ?? '—',
      h.node ?? '—',
      h.mpi4js ?? '—',
      h.build ?? '—',
      h.library?.split(',')[0] ?? '—',
      h.roundTrip === undefined ? '—' : `${h.roundTrip.toFixed(1)} µs`,
      status(h),
    ]);
  }
  const widths = rows[0].map((_, c) => Math.max(...rows.map((row) => row[c].length)));
  for (const row of rows) lines.push(row.map((cell, c) => cell.padEnd(widths[c])).join('  ').trimEnd());
  lines.push('');
  const problems = [...l.problems.map((p) => `this machine: ${p}`), ...r.hosts.flatMap((h) => h.problems.map((p) => `${h.name}: ${p}`))];
  lines.push(problems.length ? `${problems.length} problem${problems.length > 1 ? 's' : ''}:` : 'verdict: every host is ready for mpirun … node app.js');
  for (const p of problems) lines.push(`  ${p}`);
  if (r.warnings.length) {
    lines.push(`${r.warnings.length} warning${r.warnings.length > 1 ? 's' : ''}:`);
    for (const w of r.warnings) lines.push(`  ${w}`);
  }
  return lines.join('\n');
}
