// When the addon cannot load, or loads against the wrong MPI, mpi4js says what
// is wrong and what to do, never a bare dlopen error. A missing libmpi is
// simulated by hiding it in a private mount namespace (root only; otherwise
// skipped, saying why).
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

import { checkRuntime, explain } from '../lib/load';
import { ROOT } from './mpirun';

const LIBMPI = spawnSync('sh', ['-c', 'readlink -f "$(ldconfig -p | awk \'/libmpi\\.so\\.40 /{print $NF; exit}\')"'], { encoding: 'utf8' }).stdout.trim();
const canHide = process.getuid?.() === 0 && LIBMPI !== '' && spawnSync('unshare', ['--mount', 'true']).status === 0;

(canHide ? test : test.skip)(`a broken MPI library is explained${canHide ? '' : ' (skipped: needs root and unshare to hide libmpi)'}`, () => {
  const r = spawnSync('unshare', ['--mount', 'sh', '-c', `mount --bind /dev/null ${LIBMPI} && exec ${process.execPath} -e "require('${ROOT}')"`], { encoding: 'utf8' });
  expect(r.status).not.toBe(0);
  expect(r.stderr).toMatch(/mpi4js: the MPI library libmpi\.so\.40 could not be loaded/);
  expect(r.stderr).toContain('sudo apt-get install openmpi-bin libopenmpi3');
  expect(r.stderr).not.toContain('-dev');
  expect(r.stderr).toContain('MPI4JS_MPICC=/path/to/mpicc npm explore mpi4js -- npm run build:native');
});

// A build against MPICH 4 (npm run test:mpich makes one in .build/routes/mpich)
// handed Open MPI's library under MPICH's soname. It calls MPI-4's large-count
// routines, which the dynamic loader misses before any code of mpi4js runs: the
// advice names the routine and the MPI-4 library the binary needs (or, for
// another missing symbol, says the binary does not match the library).
const MPICH_BUILD = path.join(ROOT, '.build/routes/mpich');
const haveMpichBuild = fs.existsSync(path.join(MPICH_BUILD, 'build/Release/mpi4js.node')) && LIBMPI !== '';

(haveMpichBuild ? test : test.skip)(
  `a binary built for MPICH 4 that finds Open MPI 4.1 says so${haveMpichBuild ? '' : ' (skipped: no MPICH build; npm run test:mpich makes one)'}`,
  () => {
    const fake = fs.mkdtempSync(path.join(os.tmpdir(), 'mpi4js-fake-mpich-'));
    fs.symlinkSync(LIBMPI, path.join(fake, 'libmpich.so.12'));
    const r = spawnSync(process.execPath, ['-e', `require(${JSON.stringify(MPICH_BUILD)})`], {
      encoding: 'utf8',
      env: { ...process.env, LD_LIBRARY_PATH: fake },
    });
    fs.rmSync(fake, { recursive: true, force: true });
    expect(r.status).not.toBe(0);
    // The loader stops at the first symbol it misses: an MPI-4 `_c` routine (named as such) or another of
    // MPICH's own (MPI_UNWEIGHTED), which the general advice quotes.
    expect(r.stderr).toMatch(/mpi4js: (this binary was built for an MPI-4 library \(it calls P?MPI_\w+_c, an MPI-4 large-count routine\)|the binary does not match the MPI library that was found)/);
    expect(r.stderr).toMatch(/undefined symbol: \w+/);
    expect(r.stderr).toContain('MPI4JS_MPICC=/path/to/mpicc npm explore mpi4js -- npm run build:native');
  },
);

// When the library loads but is another family or major version than the
// build's, the family check (run first thing by lib/native.ts) names both.
describe('the family check', () => {
  const mpich4 = { family: 'MPICH', major: 4, minor: 0 };
  const openmpi4 = { family: 'Open MPI', major: 4, minor: 1 };
  test('another family is refused, naming both', () => {
    expect(() => checkRuntime(mpich4, 'Open MPI v4.1.4, package: Debian OpenMPI, ident: 4.1.4')).toThrow(
      /this binary was built for MPICH 4\.0, but the MPI library found at run time is "Open MPI v4\.1\.4"/,
    );
    expect(() => checkRuntime(openmpi4, 'MPICH Version:\t4.0.2\nMPICH Release date: ...')).toThrow(/built for Open MPI 4\.1/);
  });
  test('another major version is refused, except across Open MPI 3 to 5 (one ABI)', () => {
    expect(() => checkRuntime(mpich4, 'MPICH Version:\t3.4.1')).toThrow(/built for MPICH 4\.0/);
    expect(() => checkRuntime(openmpi4, 'Open MPI v5.0.3, package: ...')).not.toThrow();
    expect(() => checkRuntime(openmpi4, 'Open MPI v2.1.1, package: ...')).toThrow(/built for Open MPI 4\.1/);
  });
  test('the same family and major version loads', () => {
    expect(() => checkRuntime(mpich4, 'MPICH Version:\t4.1.2')).not.toThrow();
    expect(() => checkRuntime(openmpi4, 'Open MPI v4.1.4, package: Debian OpenMPI')).not.toThrow();
  });
});

// Every load failure's advice, in process: run-time packages only (loading needs
// the library, not its headers); a build from source is pointed to, and the
// build itself names the -dev packages.
describe('load errors name run-time packages only', () => {
  const failures: [string, string, RegExp][] = [
    ['Open MPI missing', 'libmpi.so.40: cannot open shared object file: No such file or directory', /sudo apt-get install openmpi-bin libopenmpi3\b/],
    ['MPICH missing', '/usr/lib/x86_64-linux-gnu/libmpich.so.12: cannot open shared object file: No such file or directory', /sudo apt-get install mpich libmpich12\b/],
    ['glibc too old', "/lib/x86_64-linux-gnu/libc.so.6: version `GLIBC_2.34' not found", /npm explore mpi4js -- npm run build:native \(needs g\+\+, make, python3 and MPI's headers; the build names the packages/],
    ['no build for the platform', 'No native build was found for platform=linux arch=riscv64', /npm explore mpi4js -- npm run build:native/],
    ['another MPI', 'undefined symbol: ompi_mpi_comm_world', /binary does not match the MPI library/],
    ['an MPI older than the build', 'undefined symbol: MPI_Bsend_c', /built for an MPI-4 library \(it calls MPI_Bsend_c/],
    ['anything else', 'something odd', /loading the native addon failed/],
  ];
  test.each(failures)('%s', (_, message, advice) => {
    const e = explain(new Error(message));
    expect(e.message).toMatch(advice);
    expect(e.message).not.toMatch(/-dev\b|-devel\b/);
    expect(e.message).toContain(message.split('\n')[0]);
  });
});

test("the addon's own refusals (a worker thread, a second copy) reach the user unchanged, without build advice", () => {
  for (const message of [
    'mpi4js: MPI can be used from the main thread only; load mpi4js there and pass data to workers with postMessage',
    'mpi4js: another copy of mpi4js already uses this addon (the same file under another path) in this process; load one copy (npm dedupe), or give each copy its own addon file',
  ]) {
    const error = new Error(message);
    expect(explain(error)).toBe(error);
  }
  expect(explain(new Error('something odd')).message).toMatch(/^mpi4js: loading the native addon failed/);
});

// The build (scripts/mpi-config.js, which binding.gyp runs) names the -dev packages.
describe('build errors name the -dev packages', () => {
  const config = path.join(ROOT, 'scripts/mpi-config.js');
  const noSystemMpi = { PATH: '/usr/local/bin:/usr/bin:/bin', PKG_CONFIG_LIBDIR: '/nonexistent', MPI4JS_MPI_CFLAGS: '', MPI4JS_MPI_LIBS: '' };

  test('no MPI compiler wrapper and no pkg-config file', () => {
    const r = spawnSync(process.execPath, [config, 'include_dirs'], { encoding: 'utf8', env: { ...process.env, ...noSystemMpi, MPI4JS_MPICC: '/nonexistent/mpicc' } });
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('mpi4js: no MPI installation found (looked for /nonexistent/mpicc');
    expect(r.stderr).toContain('sudo apt-get install openmpi-bin libopenmpi-dev');
    expect(r.stderr).toContain('sudo apt-get install mpich libmpich-dev');
  });

  // Debian's openmpi-bin ships mpicc without the headers: a wrapper that answers, pointing at no mpi.h.
  test.each([
    ['Open MPI', `case "$1" in --showme:compile) echo -I$DIR/include;; --showme:link) echo -L$DIR/lib -lmpi;; *) exit 1;; esac`, 'libopenmpi-dev'],
    ['MPICH', `case "$1" in -compile_info) echo cc -I$DIR/include;; -link_info) echo cc -L$DIR/lib -lmpich;; *) exit 1;; esac`, 'libmpich-dev'],
  ])('%s: a compiler wrapper without headers', (_, script, pkg) => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mpi4js-no-headers-'));
    const wrapper = path.join(dir, 'mpicc');
    fs.writeFileSync(wrapper, `#!/bin/sh\nDIR=${dir}\n${script}\n`, { mode: 0o755 });
    const r = spawnSync(process.execPath, [config, 'include_dirs'], { encoding: 'utf8', env: { ...process.env, ...noSystemMpi, MPI4JS_MPICC: wrapper } });
    fs.rmSync(dir, { recursive: true, force: true });
    expect(r.status).toBe(1);
    expect(r.stderr).toContain(`mpi4js: the MPI compiler wrapper (${wrapper}) answered, but mpi.h is not in ${dir}/include`);
    expect(r.stderr).toContain(`sudo apt-get install ${pkg}`);
  });

  test('with the headers there, it prints the include folders', () => {
    const r = spawnSync(process.execPath, [config, 'include_dirs'], { encoding: 'utf8' });
    expect(r.status).toBe(0);
    expect(r.stdout.trim().split(' ').some((d) => fs.existsSync(path.join(d, 'mpi.h')))).toBe(true);
  });
});
