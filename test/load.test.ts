// When the addon cannot load, or loads against the wrong MPI, mpi4js says what
// is wrong and what to do, never a bare dlopen error. A missing libmpi is
// simulated by hiding it in a private mount namespace (root only; otherwise
// skipped, saying why).
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

import { ROOT } from './mpirun';

const LIBMPI = spawnSync('sh', ['-c', 'readlink -f "$(ldconfig -p | awk \'/libmpi\\.so\\.40 /{print $NF; exit}\')"'], { encoding: 'utf8' }).stdout.trim();
const canHide = process.getuid?.() === 0 && LIBMPI !== '' && spawnSync('unshare', ['--mount', 'true']).status === 0;

(canHide ? test : test.skip)(`a broken MPI library is explained${canHide ? '' : ' (skipped: needs root and unshare to hide libmpi)'}`, () => {
  const r = spawnSync('unshare', ['--mount', 'sh', '-c', `mount --bind /dev/null ${LIBMPI} && exec ${process.execPath} -e "require('${ROOT}')"`], { encoding: 'utf8' });
  expect(r.status).not.toBe(0);
  expect(r.stderr).toMatch(/mpi4js: the MPI library libmpi\.so\.40 could not be loaded/);
  expect(r.stderr).toContain('sudo apt-get install openmpi-bin libopenmpi-dev');
  expect(r.stderr).toContain('MPI4JS_MPICC=/path/to/mpicc npm rebuild mpi4js');
});

// A build against MPICH (npm run test:mpich makes one in .build/routes/mpich)
// handed Open MPI's library under MPICH's soname: the family check names both.
const MPICH_BUILD = path.join(ROOT, '.build/routes/mpich');
const haveMpichBuild = fs.existsSync(path.join(MPICH_BUILD, 'build/Release/mpi4js.node')) && LIBMPI !== '';

(haveMpichBuild ? test : test.skip)(
  `a binary built for MPICH that finds Open MPI says so${haveMpichBuild ? '' : ' (skipped: no MPICH build; npm run test:mpich makes one)'}`,
  () => {
    const fake = fs.mkdtempSync(path.join(os.tmpdir(), 'mpi4js-fake-mpich-'));
    fs.symlinkSync(LIBMPI, path.join(fake, 'libmpich.so.12'));
    const r = spawnSync(process.execPath, ['-e', `require(${JSON.stringify(MPICH_BUILD)})`], {
      encoding: 'utf8',
      env: { ...process.env, LD_LIBRARY_PATH: fake },
    });
    fs.rmSync(fake, { recursive: true, force: true });
    expect(r.status).not.toBe(0);
    expect(r.stderr).toMatch(/mpi4js: this binary was built for MPICH 4\.\d+, but the MPI library found at run time is "Open MPI v4/);
    expect(r.stderr).toContain('MPI4JS_MPICC=/path/to/mpicc npm rebuild mpi4js');
  },
);
