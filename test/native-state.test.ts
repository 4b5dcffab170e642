// The addon's mutable state belongs to the Node environment that loads it
// (src-native/addon.h): no process-wide variable may hold handles, requests,
// references or the progress engine. Read off the built addon's symbol table:
// every writable variable of mpi4js's code must be one of the few that are per
// process on purpose, or a constant computed once.
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';

import { BUILD } from './mpirun';

// eslint-disable-next-line @typescript-eslint/no-var-requires
const ADDON = require(path.join(BUILD, 'node_modules/node-gyp-build')).resolve(BUILD) as string;

/** Process-wide on purpose, each with its reason. */
const PER_PROCESS: [RegExp, string][] = [
  [/^mpi4js::environment::\(anonymous namespace\)::active$/, 'whether MPI may be called: MPI is one per process'],
  [/^mpi4js::watchdog::/, "the watchdog's thread watches the main thread's blocking calls, one per process"],
  [/^mpi4js::InitAddon\(.*\)::loaded$/, 'the refusal of a second load of the same file: it would share MPI'],
  // Constants computed once (function-local static const) and their guards.
  [/^mpi4js::largecount::Limit\(\)::limit$/, 'a constant'],
  [/^mpi4js::request::ServedCollective::ServedCollective\(.*\)::multiple$/, "MPI's thread level, fixed once MPI is initialised"],
  [/^mpi4js::datatype::(\(anonymous namespace\)::)?Predefined\(\)::list$/, 'a constant'],
  [/^mpi4js::op::Init\(.*\)::predefined$/, 'a constant'],
  [/^mpi4js::request::\(anonymous namespace\)::WaitSome\(.*\)::kCalls$/, 'a constant'],
  [/^mpi4js::sanitizer_self_test::/, 'the sanitizer build only'],
  // MPI_User_function carries no user data: the trampolines find their ops through these.
  [/^mpi4js::op::\(anonymous namespace\)::owner$/, 'MPI_User_function carries no user data: the Addon whose user ops the 32 trampolines serve'],
  [/^mpi4js::op::\(anonymous namespace\)::kTrampolines$/, 'a constant (constexpr; relocated, so nm lists it as data)'],
  [/^mpi4js::op::\(anonymous namespace\)::main_thread$/, 'MPI_User_function carries no user data: the thread where a user op may run JavaScript'],
  [/^mpi4js::attributes::\(anonymous namespace\)::(owner|main_thread)$/, "MPI's attribute copy and delete functions run inside MPI calls: the Addon whose JavaScript callbacks they reach, and the thread where they may"],
  [/^mpi4js::errhandler::\(anonymous namespace\)::(owner|main_thread)$/, 'MPI_Comm_errhandler_function carries no user data: the Addon whose handlers the 32 trampolines serve, and the thread where they may run JavaScript'],
  [/^mpi4js::errhandler::\(anonymous namespace\)::kTrampolines$/, 'a constant (constexpr; relocated, so nm lists it as data)'],
  [/^mpi4js::neighbor::\(anonymous namespace\)::kNoTypes$/, 'never written: the datatype list handed to MPI for a side with no neighbours'],
  [/^mpi4js::comm::\(anonymous namespace\)::ReadRootedReduction\(.*\)::unread$/, "never read or written: the send pointer at an intercommunicator's MPI.ROOT, where MPICH refuses null"],
];

/** The addon's symbols (nm's lines), or why they cannot be read. */
function symbols(file: string): string[] | string {
  const r = spawnSync('nm', ['-C', '--defined-only', file], { encoding: 'utf8', maxBuffer: 64 << 20 });
  if (r.error) return 'nm, from binutils, is not installed';
  // Prebuilds are stripped (prebuildify --strip): nothing to read.
  if (r.status !== 0 || !r.stdout.includes('mpi4js::')) return `${path.basename(file)} has no symbol table (stripped)`;
  return r.stdout.split('\n');
}

/** Writable variables (initialised or zeroed data, unique or weak objects) defined in namespace mpi4js. */
function mutableVariables(lines: string[]): string[] {
  return lines
    .map((line) => /^[0-9a-f]+ ([bBdDuvV]) (.*)$/.exec(line))
    .filter((m): m is RegExpExecArray => m !== null)
    .map((m) => m[2])
    .filter((name) => name.startsWith('mpi4js::'));
}

const read = symbols(ADDON);
const why = typeof read === 'string' ? ` (skipped: ${read})` : '';

(why ? test.skip : test)(`no mutable native state is process-wide but MPI's own${why}`, () => {
  const variables = mutableVariables(read as string[]);
  // The reading must see the variables that are there, or the check below proves nothing.
  expect(variables).toContain('mpi4js::environment::(anonymous namespace)::active');
  expect(variables.filter((name) => !PER_PROCESS.some(([re]) => re.test(name)))).toEqual([]);
});
