// The `mpi4js` command (lib/cli/): --version, doctor, bench, and its errors,
// run as users run it: real processes, real mpirun where a test can have one
// (a stand-in mpirun prints Open MPI's own words where a real failure needs a
// cluster), a real pseudo-terminal for the spinner.
import { spawnSync, SpawnSyncReturns } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

import { launchFix, mpirunSaid, settingDifferences } from '../lib/cli/doctor';
import { mpirun, ROOT } from './mpirun';

const CLI = path.join(ROOT, 'dist/cli/index.js');
const cli = path.relative(ROOT, CLI);
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'mpi4js-cli-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

/** The environment without MPI4JS_* settings (a test sets the ones it means). */
function cleanEnv(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('MPI4JS_')));
  return { ...env, ...extra };
}

function run(args: string[], options: { env?: NodeJS.ProcessEnv; cli?: string; timeout?: number } = {}): SpawnSyncReturns<string> {
  return spawnSync(process.execPath, [options.cli ?? CLI, ...args], { encoding: 'utf8', cwd: ROOT, env: options.env ?? cleanEnv(), timeout: options.timeout ?? 120_000 });
}

/** An executable script in the test's folder. */
function script(name: string, text: string): string {
  const file = path.join(tmp, name);
  fs.writeFileSync(file, text, { mode: 0o755 });
  return file;
}

/**
 * A copy of the built package (dist/, package.json, the dependencies linked)
 * with the given binary: none, or this build's addon as a prebuild.
 */
function packageCopy(name: string, binary: 'none' | 'prebuild'): string {
  const dir = path.join(tmp, name);
  fs.cpSync(path.join(ROOT, 'dist'), path.join(dir, 'dist'), { recursive: true });
  fs.copyFileSync(path.join(ROOT, 'package.json'), path.join(dir, 'package.json'));
  fs.symlinkSync(path.join(ROOT, 'node_modules'), path.join(dir, 'node_modules'));
  if (binary === 'prebuild') {
    const platform = path.join(dir, 'prebuilds', `${os.platform()}-${os.arch()}`);
    fs.mkdirSync(platform, { recursive: true });
    fs.copyFileSync(path.join(ROOT, 'build/Release/mpi4js.node'), path.join(platform, 'mpi4js.glibc.node'));
  }
  return dir;
}

// Open MPI 4.1's words when ssh fails to start its daemon on a host (help-plm-base.txt).
const ORTE_BANNER = `--------------------------------------------------------------------------
ORTE was unable to reliably start one or more daemons.
This usually is caused by:

* not finding the required libraries and/or binaries on
  one or more nodes. Please check your PATH and LD_LIBRARY_PATH
  settings, or configure OMPI with --enable-orterun-prefix-by-default

* lack of authority to execute on one or more specified nodes.
  Please verify your allocation and authorities.

* the inability to write startup files into /tmp (--tmpdir/orte_tmpdir_base).
  Please check with your sys admin to determine the correct location to use.

*  compilation of the orted with dynamic libraries when static are required
  (e.g., on Cray). Please check your configure cmd line and consider using
  one of the contrib/platform definitions for your system type.

* an inability to create a connection back to mpirun due to a
  lack of common network interfaces and/or no route found between
  them. Please check network connectivity (including firewalls
  and network routing requirements).
--------------------------------------------------------------------------
`;

/** A stand-in mpirun: answers --version as Open MPI's does, then (after `delay` s) prints `stderr` and exits with `code`. */
function fakeMpirun(name: string, stderr: string, code: number, delay = 0): string {
  return script(
    name,
    `#!/bin/sh\nif [ "$1" = --version ]; then echo "mpirun (Open MPI) 4.1.4"; exit 0; fi\nsleep ${delay}\ncat >&2 <<'EOF'\n${stderr}EOF\nexit ${code}\n`,
  );
}

describe('the library does not load the command', () => {
  // A project with mpi4js as a dependency (linked to this checkout).
  const project = path.join(tmp, 'user-project');
  beforeAll(() => {
    fs.mkdirSync(path.join(project, 'node_modules'), { recursive: true });
    fs.symlinkSync(ROOT, path.join(project, 'node_modules/mpi4js'));
  });
  const CLI_MODULE = /[\\/]node_modules[\\/](commander|ora)[\\/]|[\\/]dist[\\/]cli[\\/]/;

  test("require('mpi4js') loads neither commander nor ora (nor anything of dist/cli/)", () => {
    // Every file resolved through require, and require.cache afterwards; then
    // commander itself, to show the check sees it when it is loaded.
    const program = `
      const Module = require('node:module');
      const resolved = [];
      const resolve = Module._resolveFilename;
      Module._resolveFilename = function (...args) { const f = resolve.apply(this, args); resolved.push(f); return f; };
      const { MPI } = require('mpi4js');
      if (typeof MPI.Get_library_version() !== 'string') throw new Error('mpi4js did not load');
      const before = { resolved: [...resolved], cached: Object.keys(require.cache) };
      require('node:module').createRequire(require.resolve('mpi4js'))('commander');
      console.log(JSON.stringify({ before, after: Object.keys(require.cache) }));`;
    const r = spawnSync(process.execPath, ['-e', program], { cwd: project, encoding: 'utf8', env: cleanEnv({ MPI4JS_INITIALIZE: '0' }) });
    expect(r.stderr).toBe('');
    const { before, after } = JSON.parse(r.stdout) as { before: { resolved: string[]; cached: string[] }; after: string[] };
    expect(before.cached.some((f) => f.endsWith(path.join('dist', 'index.js')))).toBe(true);
    expect(before.resolved.filter((f) => CLI_MODULE.test(f))).toEqual([]);
    expect(before.cached.filter((f) => CLI_MODULE.test(f))).toEqual([]);
    expect(after.some((f) => CLI_MODULE.test(f))).toBe(true);
  });

  const register = (require('node:module') as { register?: unknown }).register;
  (register ? test : test.skip)(
    `import 'mpi4js' loads neither commander nor ora${register ? '' : ` (skipped: Node ${process.version} has no module.register to watch ES module loads)`}`,
    () => {
      // An ES module resolve hook (it runs on its own thread) reports every module
      // imported; require.cache holds what the CommonJS side loaded. Then ora, to
      // show the hook sees an ES-only package when it is loaded.
      fs.writeFileSync(
        path.join(project, 'hooks.mjs'),
        `let port;\nexport function initialize(data) { port = data.port; }\nexport async function resolve(specifier, context, next) { const r = await next(specifier, context); port.postMessage(r.url); return r; }\n`,
      );
      fs.writeFileSync(
        path.join(project, 'main.mjs'),
        `import { register, createRequire } from 'node:module';
import { MessageChannel } from 'node:worker_threads';
import { pathToFileURL } from 'node:url';
const { port1, port2 } = new MessageChannel();
const seen = [];
port1.on('message', (url) => seen.push(url));
register('./hooks.mjs', import.meta.url, { data: { port: port2 }, transferList: [port2] });
const { default: MPI } = await import('mpi4js');
if (typeof MPI.Get_library_version() !== 'string') throw new Error('mpi4js did not load');
const settle = () => new Promise((r) => setTimeout(r, 200));
await settle();
const before = { imported: [...seen], cached: Object.keys(createRequire(import.meta.url).cache) };
const mpi4jsRequire = createRequire(createRequire(import.meta.url).resolve('mpi4js'));
await import(pathToFileURL(mpi4jsRequire.resolve('ora')).href);
await settle();
port1.close();
console.log(JSON.stringify({ before, after: seen }));
`,
      );
      const r = spawnSync(process.execPath, ['main.mjs'], { cwd: project, encoding: 'utf8', env: cleanEnv({ MPI4JS_INITIALIZE: '0' }) });
      expect(r.stderr).toBe('');
      const { before, after } = JSON.parse(r.stdout) as { before: { imported: string[]; cached: string[] }; after: string[] };
      expect(before.imported.some((u) => u.endsWith('/dist/index.mjs'))).toBe(true);
      expect(before.cached.some((f) => f.endsWith(path.join('dist', 'index.js')))).toBe(true);
      expect(before.imported.filter((u) => CLI_MODULE.test(u))).toEqual([]);
      expect(before.cached.filter((f) => CLI_MODULE.test(f))).toEqual([]);
      expect(after.some((u) => /\/node_modules\/ora\//.test(u))).toBe(true);
    },
  );

  test('package.json runs the command from dist/cli/index.js, which starts with #!', () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
    expect(pkg.bin).toEqual({ mpi4js: 'dist/cli/index.js' });
    expect(fs.readFileSync(CLI, 'utf8').startsWith('#!/usr/bin/env node\n')).toBe(true);
  });
});

describe('mpi4js --version', () => {
  test.each(['--version', '-V'])('%s: mpi4js, Node, the MPI library and which binary loads', (flag) => {
    const r = run([flag]);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const version = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')).version;
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines.slice(0, 2)).toEqual([`mpi4js ${version}`, `Node.js ${process.version}`]);
    expect(lines[2]).toMatch(/^MPI library: Open MPI v\d+\.\d+\.\d+, /);
    expect(lines[3]).toMatch(/^MPI standard: \d\.\d$/);
    const binary = /^binary: (source build|prebuild), (\S+)$/.exec(lines[4]);
    expect(binary).not.toBeNull();
    expect(fs.existsSync(binary![2])).toBe(true);
    expect(binary![1]).toBe(/[\\/]prebuilds[\\/]/.test(binary![2]) ? 'prebuild' : 'source build');
    expect(lines).toHaveLength(5);
  });

  test('a package that loads a prebuild says which file', () => {
    const dir = packageCopy('with-prebuild', 'prebuild');
    const r = run(['--version'], { cli: path.join(dir, 'dist/cli/index.js') });
    expect(r.status).toBe(0);
    expect(r.stdout).toContain(`binary: prebuild, ${path.join(dir, 'prebuilds', `${os.platform()}-${os.arch()}`, 'mpi4js.glibc.node')}\n`);
  });

  test('--mpi-lib-version and --mpi-std-version, as python -m mpi4py has them', () => {
    const lib = run(['--mpi-lib-version']);
    expect(lib.status).toBe(0);
    expect(lib.stdout).toMatch(/^Open MPI v\d+\.\d+\.\d+, package: .*\n$/);
    const std = run(['--mpi-std-version']);
    expect(std.status).toBe(0);
    expect(std.stdout).toMatch(/^MPI \d\.\d\n$/);
  });

  test('where MPI does not load, it says why and exits 1', () => {
    const dir = packageCopy('no-binary', 'none');
    const r = run(['--version'], { cli: path.join(dir, 'dist/cli/index.js') });
    expect(r.status).toBe(1);
    expect(r.stdout).toMatch(/^mpi4js \d+\.\d+\.\d+\nNode\.js v\d+.*\nMPI library: not loaded \(see below\)\n$/);
    expect(r.stderr).toMatch(/^mpi4js: no prebuilt binary matches this platform/);
    expect(r.stderr).toContain('No native build was found');
    const lib = run(['--mpi-lib-version'], { cli: path.join(dir, 'dist/cli/index.js') });
    expect(lib.status).toBe(1);
    expect(lib.stdout).toBe('');
    expect(lib.stderr).toMatch(/^mpi4js: no prebuilt binary matches this platform/);
  });
});

describe('every user error is one line on stderr and exit code 2', () => {
  const empty = path.join(tmp, 'empty-hostfile');
  beforeAll(() => fs.writeFileSync(empty, '# no hosts here\n'));
  test.each([
    [['doctor', '--hostfile', '/nonexistent'], 'mpi4js: doctor: cannot read the hostfile /nonexistent: no such file'],
    [['doctor', '--hostfile', '<empty>'], 'mpi4js: doctor: the hostfile <empty> names no host'],
    [['doctor', '--hostfile', '/'], 'mpi4js: doctor: cannot read the hostfile /: it is a folder'],
    [['doctor', '--bogus'], "mpi4js: unknown option '--bogus'"],
    [['--bogus'], "mpi4js: unknown option '--bogus'"],
    [['frobnicate'], "mpi4js: unknown command 'frobnicate'"],
    [['bench', 'ringtest', '-n', 'abc'], "mpi4js: option '-n, --size <bytes>' argument 'abc' is invalid. expected a whole number (0, 1, 2, …)."],
    [['bench', 'pingpong', '-n', '1.5'], "mpi4js: option '-n, --max-size <bytes>' argument '1.5' is invalid. expected a whole number (0, 1, 2, …)."],
    [['bench', 'pingpong', '-l', '0'], "mpi4js: option '-l, --loop <n>' argument '0' is invalid. expected 1 or more."],
    [['bench', 'pingpong', '-m', '8', '-n', '4'], 'mpi4js: bench pingpong: --min-size 8 is larger than --max-size 4'],
    [['bench', 'pingpong', '-n', String(2 ** 31)], 'mpi4js: bench pingpong: --max-size 2147483648 is more than 1 GiB (1073741824)'],
  ])('mpi4js %j', (args, message) => {
    const r = run(args.map((a) => (a === '<empty>' ? empty : a)));
    expect({ status: r.status, stderr: r.stderr, stdout: r.stdout }).toEqual({ status: 2, stderr: `${message.replace('<empty>', empty)}\n`, stdout: '' });
  });

  test('under mpirun only rank 0 reports it, and no rank prints a stack trace', () => {
    const r = mpirun(cli, 2, { args: ['bench', 'ringtest', '-n', 'abc'] });
    expect(r.code).not.toBe(0);
    expect(r.stderr.split('\n').filter((l) => l.startsWith('mpi4js: '))).toEqual([
      "mpi4js: option '-n, --size <bytes>' argument 'abc' is invalid. expected a whole number (0, 1, 2, …).",
    ]);
    expect(r.stderr).not.toMatch(/^\s+at /m);
  });
});

describe('mpi4js doctor', () => {
  test('on this machine through the real mpirun: a row, exit 0, no spinner when not on a terminal', () => {
    const r = run(['doctor']);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^this machine: mpirun \(Open MPI\) \d/);
    expect(r.stdout).toMatch(new RegExp(`^localhost\\s+\\S+\\s+${process.version.replace(/\./g, '\\.')}\\s+.*\\s+ok$`, 'm'));
    expect(r.stdout).toContain('verdict: every host is ready');
    expect(r.stderr).toBe('');
  });

  const hasScript = spawnSync('script', ['-qec', 'true', '/dev/null']).status === 0;
  /**
   * doctor on a pseudo-terminal of that width, killed after 30 s if it does not end (ora once looped forever with 0).
   * As an interactive terminal: ora draws nothing where CI is set or TERM is dumb, as on a CI machine.
   */
  const terminalEnv = (): NodeJS.ProcessEnv => {
    const { CI: _ci, ...env } = cleanEnv({ TERM: 'xterm' });
    return env;
  };
  const onTerminal = (cols: number, mpirunCmd: string) =>
    spawnSync('script', ['-qec', `stty cols ${cols} rows 24; timeout -s KILL 30 ${process.execPath} ${CLI} doctor --mpirun ${mpirunCmd}; echo "exit $?"`, '/dev/null'], {
      encoding: 'utf8',
      cwd: ROOT,
      env: terminalEnv(),
      stdio: ['ignore', 'pipe', 'pipe'],
      timeout: 60_000,
      maxBuffer: 64 << 20,
    });

  (hasScript ? test : test.skip)(
    `on a terminal of 0 columns it does not animate, ends, and writes a bounded report${hasScript ? '' : ' (skipped: no script(1) to make a pseudo-terminal)'}`,
    () => {
      const slow = fakeMpirun('slow-mpirun', 'ssh: connect to host localhost port 22: Connection refused\n', 255, 2);
      const wide = onTerminal(80, slow);
      // The control: on a terminal with a width the spinner is drawn (cursor hidden, lines cleared).
      expect(wide.stdout).toContain('\x1b[?25l');
      expect(wide.stdout).toMatch(/exit 1\r?\n$/);
      const zero = onTerminal(0, slow);
      // A summary, not the output itself: a looping spinner writes megabytes.
      const out = zero.stdout;
      expect({ end: out.slice(-12), escapes: out.includes('\x1b['), small: out.length < 4096 }).toEqual({ end: expect.stringMatching(/exit 1\r?\n$/), escapes: false, small: true });
      expect(out).toContain('localhost: mpirun could not start a process there');
    },
  );

  test('without mpirun on PATH it says so and how to install it, and claims nothing about the hosts', () => {
    const bin = path.join(tmp, 'path-without-mpirun');
    fs.mkdirSync(bin);
    fs.symlinkSync(process.execPath, path.join(bin, 'node'));
    const r = run(['doctor', '--host', 'localhost,pi2'], { env: cleanEnv({ PATH: bin }) });
    expect(r.status).toBe(1);
    expect(r.stderr).toBe('');
    // The line above shows mpi4js loading here; nothing may say it does not load.
    expect(r.stdout).toMatch(/^this machine: .*mpi4js \d+\.\d+\.\d+ \((source build|prebuild)\); Open MPI v\d/);
    expect(r.stdout).toContain('mpirun is not on PATH, so no host could be checked — install Open MPI on this machine and every host: sudo apt-get install openmpi-bin');
    expect(r.stdout).toMatch(/^localhost\s.*not checked$/m);
    expect(r.stdout).toMatch(/^pi2\s.*not checked$/m);
    expect(r.stdout).not.toMatch(/does not load|not installed|PROBLEM/);
  });

  const hasSsh = spawnSync('sh', ['-c', 'command -v ssh']).status === 0;
  (hasSsh ? test : test.skip)(
    `a host ssh cannot reach (real mpirun, real ssh) is a launch failure, quoted whole, with the fix${hasSsh ? '' : ' (skipped: no ssh for mpirun to use)'}`,
    () => {
      const r = run(['doctor', '--host', 'localhost,mpi4js-no-such-host']);
      expect(r.status).toBe(1);
      expect(r.stdout).toMatch(/^localhost\s.*\sok$/m);
      expect(r.stdout).toMatch(/^mpi4js-no-such-host\s.*NOT STARTED$/m);
      // The resolver's own words differ: "Name or service not known" with a DNS server, "Temporary failure in name resolution" without one.
      const said = /mpi4js-no-such-host: mpirun could not start a process there \(a launch failure; mpi4js was never tried\)\. mpirun said: "ssh: Could not resolve hostname mpi4js-no-such-host: ([^"/]+) \/ ORTE was unable to reliably start one or more daemons\." Fix: (.*)$/m.exec(r.stdout);
      expect(said?.[1]).toMatch(/^(Name or service not known|Temporary failure in name resolution)$/);
      expect(said?.[2]).toBe('mpi4js-no-such-host is not a name this machine can resolve: use its address, or add it to /etc/hosts.');
      expect(r.stdout).not.toMatch(/does not load|not installed/);
    },
  );

  test("ssh refusing the key (Open MPI's words from a stand-in mpirun): passwordless ssh is the fix", () => {
    const denied = fakeMpirun('denied-mpirun', `pi@10.0.0.12: Permission denied (publickey,password).\n${ORTE_BANNER}`, 255);
    const r = run(['doctor', '--host', '10.0.0.12', '--mpirun', denied, '--json']);
    expect(r.status).toBe(1);
    const report = JSON.parse(r.stdout);
    expect(report.hosts[0].failure).toEqual({
      kind: 'launch',
      cause: 'pi@10.0.0.12: Permission denied (publickey,password). / ORTE was unable to reliably start one or more daemons.',
      fix: 'set up passwordless ssh from this machine to 10.0.0.12: ssh-keygen -t ed25519 (once, if you have no key), then ssh-copy-id 10.0.0.12; check that ssh 10.0.0.12 true asks nothing',
    });
    const text = run(['doctor', '--host', '10.0.0.12', '--mpirun', denied]);
    expect(text.stdout).toMatch(/^10\.0\.0\.12\s.*NOT STARTED$/m);
    expect(text.stdout).toContain('then ssh-copy-id 10.0.0.12');
  });

  test('a host where mpi4js does not load (real mpirun): a load failure, its whole message, the fix', () => {
    const dir = packageCopy('doctor-no-binary', 'none');
    const r = run(['doctor'], { cli: path.join(dir, 'dist/cli/index.js') });
    expect(r.status).toBe(1);
    expect(r.stdout).toMatch(/^localhost\s+\S+\s+v\d+.*PROBLEM$/m);
    // The whole of mpi4js's message: its first sentence to the dlopen error in its last line.
    expect(r.stdout).toMatch(
      /^ {2}localhost: mpi4js does not load there \(the process started; loading failed\)\. It said: "mpi4js: no prebuilt binary matches this platform .* and none was built here\. Build from source: .*\(No native build was found for .*\)" Fix: /m,
    );
    expect(r.stdout).toContain('this machine: mpi4js does not load here: "mpi4js: no prebuilt binary matches');
    expect(r.stdout).not.toContain('launch failure');
  });

  test('a host without mpi4js (the probe missing, real mpirun): "not installed", with the fix', () => {
    const dir = packageCopy('doctor-no-probe', 'prebuild');
    fs.rmSync(path.join(dir, 'dist/cli/doctor-probe.js'));
    const r = run(['doctor'], { cli: path.join(dir, 'dist/cli/index.js') });
    expect(r.status).toBe(1);
    expect(r.stdout).toContain(`localhost: mpi4js not installed — run npm install mpi4js there, in the same folder as here (${dir}), or use a folder every host shares. Node said: "Error: Cannot find module '${path.join(dir, 'dist/cli/doctor-probe.js')}'"`);
  });

  test('MPI4JS_* settings that differ between hosts are a warning that names mpirun -x (real mpirun)', () => {
    // A stand-in for a second host: the same machine, whose ranks get MPI4JS_WATCHDOG=7.
    const twoHosts = script(
      'two-hosts-mpirun',
      `#!${process.execPath}
const { spawnSync } = require('node:child_process');
const args = process.argv.slice(2);
const i = args.indexOf('-host');
if (i >= 0) {
  const hosts = args[i + 1].split(',');
  if (hosts.length === 1 && hosts[0] === 'other') process.env.MPI4JS_WATCHDOG = '7';
  args[i + 1] = hosts.map((h) => (h === 'other' ? 'localhost' : h)).join(',');
}
const r = spawnSync('mpirun', args[0] === '--version' ? args : ['--oversubscribe', ...args], { stdio: 'inherit' });
process.exit(r.status ?? 1);
`,
    );
    const r = run(['doctor', '--host', 'localhost,other', '--mpirun', twoHosts]);
    expect(r.stdout).toContain('verdict: every host is ready');
    expect(r.stdout).toContain(
      '1 warning:\n  MPI4JS_WATCHDOG differs between hosts (unset on this machine, localhost; MPI4JS_WATCHDOG=7 on other) — Open MPI passes a variable to remote ranks only when told: mpirun -x MPI4JS_WATCHDOG …',
    );
    expect(r.stdout).toMatch(/^other\s.*\d+\.\d µs\s+ok$/m);
    expect(r.status).toBe(0);
  });
});

describe('what mpirun said, whole (unit)', () => {
  test('ssh line and the opening statement of the box, without the list of possible reasons', () => {
    expect(mpirunSaid(`ssh: connect to host 10.0.0.12 port 22: No route to host\r\n${ORTE_BANNER}`)).toBe(
      'ssh: connect to host 10.0.0.12 port 22: No route to host / ORTE was unable to reliably start one or more daemons.',
    );
  });
  test("a statement ending in ':' keeps what it leads to", () => {
    const box = `--------------------------------------------------------------------------
mpirun was unable to launch the specified application as it could not access
or execute an executable:

Executable: /usr/bin/node
Node: pi3

while attempting to start process rank 0.
--------------------------------------------------------------------------
`;
    const said = mpirunSaid(box);
    expect(said).toBe('mpirun was unable to launch the specified application as it could not access or execute an executable: Executable: /usr/bin/node Node: pi3');
    expect(launchFix(said, 'pi3')).toMatch(/^pi3 has no Node at .*: install Node there at the same path/);
  });
  test.each([
    ['bash: orted: command not found', /^Open MPI is not installed on pi2 .*sudo apt-get install openmpi-bin/],
    ['ssh: connect to host pi2 port 22: Connection refused', /^ssh cannot reach pi2: .*sudo systemctl enable --now ssh/],
    ['Host key verification failed.', /ssh-copy-id pi2/],
    ['something else entirely', /ssh-copy-id pi2.*openmpi-bin.*same paths/],
  ])('the fix for %j', (said, fix) => expect(launchFix(said, 'pi2')).toMatch(fix));
  test('tagged rank output and blank lines are not what mpirun said', () => {
    expect(mpirunSaid('[1,0]<stderr>:boom\n\n  \n')).toBe('');
  });
});

describe('MPI4JS_* differences between hosts (unit)', () => {
  test('a setting missing on one host, one set differently, one the same everywhere', () => {
    const warnings = settingDifferences({ MPI4JS_PICKLE: 'msgpack', MPI4JS_WATCHDOG: '5', MPI4JS_MPIRUN: 'mpirun -x A' }, [
      { name: 'pi1', settings: { MPI4JS_PICKLE: 'msgpack', MPI4JS_WATCHDOG: '5' } },
      { name: 'pi2', settings: { MPI4JS_PICKLE: 'v8' } },
      { name: 'pi3' }, // did not answer: not compared
    ]);
    expect(warnings).toEqual([
      'MPI4JS_PICKLE differs between hosts (MPI4JS_PICKLE=msgpack on this machine, pi1; MPI4JS_PICKLE=v8 on pi2) — Open MPI passes a variable to remote ranks only when told: mpirun -x MPI4JS_PICKLE …',
      'MPI4JS_WATCHDOG differs between hosts (MPI4JS_WATCHDOG=5 on this machine, pi1; unset on pi2) — Open MPI passes a variable to remote ranks only when told: mpirun -x MPI4JS_WATCHDOG …',
    ]);
    expect(settingDifferences({}, [{ name: 'a', settings: {} }])).toEqual([]);
  });
});

describe.each([1, 2, 4])('bench on %i ranks', (np) => {
  test('bench helloworld: every rank in rank order', () => {
    const r = mpirun(cli, np, { args: ['bench', 'helloworld'] });
    expect(r.code).toBe(0);
    const lines = r.stdout.trim().split('\n');
    expect(lines).toEqual(Array.from({ length: np }, (_, i) => expect.stringMatching(new RegExp(`^Hello, World! I am process ${i} of ${np} on \\S+\\.$`))));
  });
  test('bench ringtest', () => {
    const r = mpirun(cli, np, { args: ['bench', 'ringtest', '-n', '1024', '-s', '10', '-l', '100'] });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(new RegExp(`^time for 100 loops = \\S+ seconds \\(${np} processes, 1024 bytes\\)$`, 'm'));
    expect(r.stderr).not.toContain('changed');
  });
});

const pingpongRow = (size: number, samples: number) => new RegExp(`^\\s+${size}\\s+[\\d.]+ \\| [\\d.e+-]+ ± [\\d.e+-]+\\s+${samples}$`, 'm');

test('bench pingpong on 2 ranks: a row per power of two', () => {
  const r = mpirun(cli, 2, { args: ['bench', 'pingpong', '-m', '1', '-n', '4096', '-l', '200', '-s', '10'] });
  expect(r.code).toBe(0);
  expect(r.stdout).toContain('# MPI PingPong Test\n');
  for (let size = 1; size <= 4096; size *= 2) expect(r.stdout).toMatch(pingpongRow(size, 200));
  expect(r.stdout.trim().split('\n')).toHaveLength(2 + 13);
});

test('bench pingpong on 1 rank: the rank against itself, as mpi4py.bench', () => {
  const r = mpirun(cli, 1, { args: ['bench', 'pingpong', '-m', '3', '-n', '65536', '-l', '200', '-s', '10'] });
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  expect(r.stdout).toContain('# MPI PingPong Test (1 process: rank 0 with itself)\n');
  // The powers of two from 4 to 64 KiB; above 16 KiB a tenth of the iterations.
  for (let size = 4; size <= 16384; size *= 2) expect(r.stdout).toMatch(pingpongRow(size, 200));
  for (const size of [32768, 65536]) expect(r.stdout).toMatch(pingpongRow(size, 20));
  expect(r.stdout.trim().split('\n')).toHaveLength(2 + 15);
});
