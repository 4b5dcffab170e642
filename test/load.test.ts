// When the addon cannot load, mpi4js says what is wrong and what to do,
// never a bare dlopen error. Simulated by hiding libmpi in a private mount
// namespace (root only; otherwise skipped, saying why).
import { spawnSync } from 'node:child_process';

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
