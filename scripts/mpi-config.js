#!/usr/bin/env node
// Compile and link flags for the addon, read from the MPI compiler wrapper
// (or given outright in MPI4JS_MPI_CFLAGS and MPI4JS_MPI_LIBS, for cross builds).
//
//   node scripts/mpi-config.js include_dirs | libraries | family
//
// binding.gyp calls this while node-gyp configures. The wrapper is $MPI4JS_MPICC,
// else `mpicc` on PATH; Open MPI's wrapper answers --showme:compile/--showme:link,
// MPICH's answers -compile_info/-link_info; pkg-config (ompi-c, mpich) is the
// last resort. With no MPI at all it stops with the packages to install.
'use strict';
const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const INSTALL_HINT = `mpi4js: no MPI installation found (looked for ${process.env.MPI4JS_MPICC || 'mpicc'} and pkg-config ompi-c/mpich).

Building mpi4js needs MPI's headers and compiler wrapper. Install them, then install mpi4js again:
  Debian, Ubuntu, Raspberry Pi OS:  sudo apt-get install openmpi-bin libopenmpi-dev
  MPICH on Debian, Ubuntu:          sudo apt-get install mpich libmpich-dev  (and MPI4JS_MPICC=mpicc.mpich)
  Fedora, RHEL:                     sudo dnf install openmpi-devel && module load mpi/openmpi-$(uname -m)
To build against another MPI (a site's own Open MPI, say), point MPI4JS_MPICC at its compiler wrapper:
  MPI4JS_MPICC=/path/to/mpicc npm explore mpi4js -- npm run build:native
`;

/** The wrapper answered, but mpi.h is not where it says (Debian's openmpi-bin has mpicc; the headers are in -dev). */
function headersHint(family, dirs) {
  const pkg = family === 'mpich' ? 'libmpich-dev' : 'libopenmpi-dev';
  return `mpi4js: the MPI compiler wrapper (${process.env.MPI4JS_MPICC || 'mpicc'}) answered, but mpi.h is not in ${dirs.join(', ') || 'its include folders'}.

Building mpi4js needs MPI's headers. Install them, then install mpi4js again:
  Debian, Ubuntu, Raspberry Pi OS:  sudo apt-get install ${pkg}
  Fedora, RHEL:                     sudo dnf install ${family === 'mpich' ? 'mpich-devel' : 'openmpi-devel'}
`;
}

function run(cmd, args) {
  try {
    return execFileSync(cmd, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return null;
  }
}

/** Split a compiler command line into words, dropping the compiler itself. */
function words(line) {
  return line.split(/\s+/).filter(Boolean);
}

function fromOpenMpiWrapper(cc) {
  const compile = run(cc, ['--showme:compile']);
  const link = compile !== null && run(cc, ['--showme:link']);
  return link ? { family: 'openmpi', compile: words(compile), link: words(link) } : null;
}

function fromMpichWrapper(cc) {
  const compile = run(cc, ['-compile_info']);
  const link = compile !== null && run(cc, ['-link_info']);
  return link ? { family: 'mpich', compile: words(compile).slice(1), link: words(link).slice(1) } : null;
}

function fromPkgConfig() {
  for (const [pkg, family] of [['ompi-c', 'openmpi'], ['mpich', 'mpich']]) {
    const compile = run('pkg-config', ['--cflags', pkg]);
    const link = compile !== null && run('pkg-config', ['--libs', pkg]);
    if (link) return { family, compile: words(compile), link: words(link) };
  }
  return null;
}

/** Flags given outright, as a cross-compilation against a sysroot needs (scripts/prebuild.sh). */
function fromEnvironment() {
  const { MPI4JS_MPI_CFLAGS: compile, MPI4JS_MPI_LIBS: link } = process.env;
  return compile && link ? { family: process.env.MPI4JS_MPI_FAMILY || 'openmpi', compile: words(compile), link: words(link) } : null;
}

function detect() {
  const cc = process.env.MPI4JS_MPICC || 'mpicc';
  if (fromEnvironment()) return fromEnvironment();
  return fromOpenMpiWrapper(cc) || fromMpichWrapper(cc) || fromPkgConfig();
}

const mpi = detect();
if (!mpi) {
  process.stderr.write(INSTALL_HINT);
  process.exit(1);
}
// A wrapper without headers would fail later in the compiler with a bare "mpi.h: No such file";
// flags given outright (cross builds) point at a sysroot and are trusted.
const includeDirs = mpi.compile.filter((w) => w.startsWith('-I')).map((w) => w.slice(2));
if (!fromEnvironment() && ![...includeDirs, '/usr/include', '/usr/local/include'].some((d) => fs.existsSync(path.join(d, 'mpi.h')))) {
  process.stderr.write(headersHint(mpi.family, includeDirs));
  process.exit(1);
}

const what = process.argv[2];
const out = {
  family: [mpi.family],
  include_dirs: includeDirs,
  cflags: mpi.compile.filter((w) => !w.startsWith('-I')),
  // Link flags only: libraries, their folders and linker options; never the wrapper's compiler flags.
  libraries: mpi.link.filter((w) => /^(-l|-L|-Wl,|-pthread$)/.test(w)),
}[what];
if (!out) {
  process.stderr.write(`usage: mpi-config.js include_dirs|cflags|libraries|family\n`);
  process.exit(2);
}
process.stdout.write(out.join(' ') + '\n');
