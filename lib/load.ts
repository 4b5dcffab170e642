/**
 * Loading the addon, with a message that says what to do when it fails —
 * never a bare dlopen error: which MPI library is missing and which packages
 * provide it, which platform found no build, which MPI the binary was built
 * for when another one answers.
 * @internal
 * @packageDocumentation
 */
import * as os from 'node:os';
import * as path from 'node:path';

const ROOT = path.join(__dirname, '..');
// Run-time packages only: loading needs the library, not the headers (the -dev
// packages, which a build from source names itself when they are missing).
const INSTALL = 'Debian, Ubuntu, Raspberry Pi OS: sudo apt-get install openmpi-bin libopenmpi3';
const INSTALL_MPICH = 'Debian, Ubuntu: sudo apt-get install mpich libmpich12';
/** What a build from source needs; scripts/mpi-config.js names the packages for MPI's headers when they are missing. */
const SOURCE_BUILD = 'npm explore mpi4js -- npm run build:native (needs g++, make, python3 and MPI\'s headers; the build names the packages if they are missing)';
const BUILD = 'build mpi4js from source against the MPI you have: MPI4JS_MPICC=/path/to/mpicc npm explore mpi4js -- npm run build:native';

function platform(): string {
  const glibc = (process.report?.getReport() as { header?: { glibcVersionRuntime?: string } } | undefined)?.header?.glibcVersionRuntime;
  return `${os.platform()}-${os.arch()}${process.config.variables && 'arm_version' in process.config.variables ? ` armv${(process.config.variables as { arm_version?: string }).arm_version}` : ''}, Node ${process.version}${glibc ? `, glibc ${glibc}` : ''}`;
}

/** The error to throw for a failed load: what happened, and what to do. */
export function explain(error: Error): Error {
  const msg = error.message;
  // The addon's own refusals (a worker thread, a second copy) already say what to do.
  if (msg.startsWith('mpi4js: ')) return error;
  let advice: string;
  const lib = /(\S*libmpi\S*\.so[\d.]*): (cannot open shared object file|file too short|wrong ELF class|invalid ELF header)/.exec(msg);
  if (lib) {
    // A source build against MPICH needs MPICH's library; a prebuild, Open MPI's.
    const wanted = /libmpich/.test(lib[1]) ? `MPICH (${INSTALL_MPICH})` : `Open MPI (${INSTALL})`;
    advice = `the MPI library ${path.basename(lib[1])} could not be loaded (${lib[2]}).\nInstall ${wanted},\nor, if your MPI lives elsewhere, make it visible (module load mpi, or LD_LIBRARY_PATH=/its/lib),\nor ${BUILD}.`;
  } else if (/GLIBC(XX)?_[\d.]+' not found/.test(msg)) {
    advice = `this prebuilt binary needs a newer C library than this system has (${platform()}).\nBuild from source instead: ${SOURCE_BUILD}.`;
  } else if (/No native build was found/.test(msg)) {
    advice = `no prebuilt binary matches this platform (${platform()}) and none was built here.\nBuild from source: ${SOURCE_BUILD}.`;
  } else if (/undefined symbol: P?MPI_\w+_c\b/.test(msg)) {
    // MPI-4's large-count routines: a build against MPICH 4 run where an older
    // library answers (MPICH 3 shares its soname; Open MPI 4.1 lacks them).
    const symbol = /undefined symbol: (\S+)/.exec(msg)![1];
    advice = `this binary was built for an MPI-4 library (it calls ${symbol}, an MPI-4 large-count routine), but the MPI library found at run time is older (MPICH 3, Open MPI 4.1).\nMake the MPI-4 library visible (LD_LIBRARY_PATH, module load), or ${BUILD}.`;
  } else if (/undefined symbol/.test(msg)) {
    advice = `the binary does not match the MPI library that was found (another MPI, or another version of it).\nMake the right one visible (LD_LIBRARY_PATH, module load), or ${BUILD}.`;
  } else {
    advice = `loading the native addon failed (${platform()}).\nTo ${BUILD}.`;
  }
  const e = new Error(`mpi4js: ${advice}\n(${msg.split('\n')[0]})`);
  (e as Error & { cause?: unknown }).cause = error;
  return e;
}

/** The MPI family and major version a library version string names. */
function family(library: string): { name: string; major: number } {
  const m = /^(Open MPI|MPICH|Intel\(R\) MPI|MVAPICH2?)\D*(\d+)/.exec(library);
  return m ? { name: m[1], major: Number(m[2]) } : { name: library.split(/[ ,]/)[0], major: 0 };
}

/** Throws when the MPI library that answered is not the family and major version the binary was built for. */
export function checkRuntime(builtAgainst: { family: string; major: number; minor: number }, library: string): void {
  const runtime = family(library);
  const built = `${builtAgainst.family} ${builtAgainst.major}.${builtAgainst.minor}`;
  const sameFamily = runtime.name === builtAgainst.family;
  // Open MPI keeps its ABI across 3.x–5.x (libmpi.so.40); elsewhere the major version must match.
  const compatible = sameFamily && (runtime.major === builtAgainst.major || (runtime.name === 'Open MPI' && runtime.major >= 3 && builtAgainst.major >= 3));
  if (!compatible) {
    throw new Error(
      `mpi4js: this binary was built for ${built}, but the MPI library found at run time is "${library.split(',')[0]}".\n` +
        `Make the right library visible (LD_LIBRARY_PATH, module load), or ${BUILD}.`,
    );
  }
}

/** Resolves and loads the addon (a prebuild, else the local build), explaining any failure. */
export function loadAddon<T>(): { addon: T; path: string } {
  // eslint-disable-next-line @typescript-eslint/no-var-requires
  const gypBuild: { resolve(dir: string): string } = require('node-gyp-build');
  // UCX (MPICH's transport here, Open MPI's on InfiniBand) patches libc's mmap
  // and brk when its library loads; racing V8's threads, that killed a rank with
  // SIGSEGV inside V8 in 4 jobs of 180 (MPICH 4.0, UCX 1.13). Without the patching
  // none of 380 failed. Set before libmpi loads, unless the user chose; UCX then
  // skips its registration cache, a cost only on RDMA networks.
  process.env.UCX_MEM_MMAP_HOOK_MODE ??= 'none';
  let file: string;
  try {
    file = gypBuild.resolve(ROOT);
    // eslint-disable-next-line @typescript-eslint/no-var-requires
    return { addon: require(file) as T, path: file };
  } catch (e) {
    throw explain(e as Error);
  }
}
