/**
 * What `mpi4js --version` reports: mpi4js's version, Node's, and the MPI library
 * the addon loads, without starting MPI (as `python -m mpi4py --version`,
 * `--mpi-std-version` and `--mpi-lib-version`).
 */
import * as path from 'node:path';

/** The package's root folder (dist/cli/ → the folder holding package.json). */
export const PACKAGE_ROOT = path.join(__dirname, '..', '..');

export interface Versions {
  mpi4js: string;
  node: string;
  /** MPI.Get_library_version(), every line of it. */
  library?: string;
  /** MPI.Get_version(): the MPI standard the library implements, e.g. `3.1`. */
  standard?: string;
  /** Which binary was loaded: a build made here or a prebuild, and its file. */
  build?: { kind: 'source build' | 'prebuild'; file: string };
  /** Why the addon did not load (the whole message), when it did not. */
  error?: string;
}

/** The kind of build a loaded addon file is, from where it lives. */
export function buildKind(file: string): 'source build' | 'prebuild' {
  return /[\\/]prebuilds[\\/]/.test(file) ? 'prebuild' : 'source build';
}

/**
 * Loads mpi4js without initialising MPI (MPI_Get_library_version and
 * MPI_Get_version may be called before MPI_Init) and reports what it found.
 * Never throws: a failed load is reported in `error`.
 */
export function versions(): Versions {
  // eslint-disable-next-line @typescript-eslint/no-var-requires
  const report: Versions = { mpi4js: require(path.join(PACKAGE_ROOT, 'package.json')).version, node: process.version };
  process.env.MPI4JS_INITIALIZE = '0';
  try {
    // eslint-disable-next-line @typescript-eslint/no-var-requires
    const { MPI } = require('../index') as typeof import('../index');
    // eslint-disable-next-line @typescript-eslint/no-var-requires
    const { addonPath } = require('../native') as typeof import('../native');
    report.library = MPI.Get_library_version().trim();
    report.standard = MPI.Get_version().join('.');
    report.build = { kind: buildKind(addonPath), file: addonPath };
  } catch (e) {
    report.error = (e as Error).message;
  }
  return report;
}

/** The `--version` text: one line per part. */
export function formatVersions(v: Versions): string {
  const lines = [`mpi4js ${v.mpi4js}`, `Node.js ${v.node}`];
  if (v.error) {
    lines.push('MPI library: not loaded (see below)');
  } else {
    lines.push(`MPI library: ${v.library?.split('\n')[0].trim()}`);
    lines.push(`MPI standard: ${v.standard}`);
    lines.push(`binary: ${v.build?.kind}, ${v.build?.file}`);
  }
  return lines.join('\n');
}
