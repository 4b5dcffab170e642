// MPI is per process, Node environments are per thread: a worker thread that
// loads mpi4js is refused cleanly and the main thread goes on; a second copy of
// the package in the same process adopts the MPI the first initialised.
import * as fs from 'node:fs';
import * as path from 'node:path';

import { BUILD, expectProgram } from './mpirun';

/** The addon the build loads (build/Release/, or a prebuild), relative to the build. */
// eslint-disable-next-line @typescript-eslint/no-var-requires
const ADDON = path.relative(BUILD, require(path.join(BUILD, 'node_modules/node-gyp-build')).resolve(BUILD) as string);

type Addon = 'copied' | 'symlinked' | 'hard-linked';

/** A copy of the built package (package.json, dist/) whose addon is a copy of the file, or the same file through a symlink. */
function copyOfPackage(dir: string, addon: Addon): string {
  fs.mkdirSync(dir, { recursive: true });
  fs.copyFileSync(path.join(BUILD, 'package.json'), path.join(dir, 'package.json'));
  fs.cpSync(path.join(BUILD, 'dist'), path.join(dir, 'dist'), { recursive: true });
  fs.symlinkSync(path.join(BUILD, 'node_modules'), path.join(dir, 'node_modules'));
  if (addon === 'copied') {
    // Another file: the dynamic loader maps a second instance of the addon, with its own native state.
    fs.mkdirSync(path.dirname(path.join(dir, ADDON)), { recursive: true });
    fs.copyFileSync(path.join(BUILD, ADDON), path.join(dir, ADDON));
  } else if (addon === 'hard-linked') {
    // One file under two names, as pnpm's store lays packages out: the loader maps it once.
    fs.mkdirSync(path.dirname(path.join(dir, ADDON)), { recursive: true });
    fs.linkSync(path.join(BUILD, ADDON), path.join(dir, ADDON));
  } else {
    // The addon's top directory (build/ or prebuilds/) as a symlink: Node resolves it to the same file.
    const top = ADDON.split(path.sep)[0];
    fs.symlinkSync(path.join(BUILD, top), path.join(dir, top));
  }
  return path.join(dir, 'dist/index.js');
}

let tmp: string;
beforeAll(() => {
  // Inside the build, on its file system, so that a hard link can be made.
  fs.mkdirSync(path.join(BUILD, '.build'), { recursive: true });
  tmp = fs.mkdtempSync(path.join(BUILD, '.build', 'copies-'));
});
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

describe.each([1, 2])('on %i ranks', (np) => {
  test('a worker thread that loads mpi4js gets a clear error, and the main thread goes on after it exits', () =>
    expectProgram('a-worker-thread-leaves-the-main-thread-alone', np));
  test('a second copy of the package with its own addon file adopts the initialised MPI and leaves finalising to the first', () => {
    const entry = copyOfPackage(path.join(tmp, `copied-${np}`), 'copied');
    expectProgram('two-copies-in-one-process', np, { args: [entry, 'own'] });
  });
  test.each(['symlinked', 'hard-linked'] as const)('a second copy of the package whose addon is the same file (%s) is refused clearly, the first unharmed', (addon) => {
    const entry = copyOfPackage(path.join(tmp, `${addon}-${np}`), addon);
    expectProgram('two-copies-in-one-process', np, { args: [entry, 'same'] });
  });
});
