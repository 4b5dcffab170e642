/**
 * Runs MPI programs for the tests: real mpirun (through scripts/mpiexec.sh, which
 * sets what running as root and oversubscribing need), real ranks, and a check
 * that every rank reported success.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';

export const ROOT = path.join(__dirname, '..');

/**
 * The checkout whose build the programs load: this one, or one built by another
 * route (scripts/source-build.sh: MPICH, cmake-js) named by MPI4JS_TEST_BUILD.
 * MPIRUN (read by scripts/mpiexec.sh) names the matching launcher.
 */
export const BUILD = path.resolve(ROOT, process.env.MPI4JS_TEST_BUILD ?? '.');
/** The MPI that build is for ('Open MPI', 'MPICH'); the environment program checks it. */
const MPI_FAMILY = process.env.MPI4JS_TEST_MPI ?? 'Open MPI';

export interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
  seconds: number;
}

export interface RunOptions {
  env?: NodeJS.ProcessEnv;
  /**
   * The communicators a harness program runs over, in one launch (MPI4JS_TEST_COMM):
   * by default all four (ALL_COMMS), or COMM_WORLD alone for the programs of WORLD_ONLY.
   */
  comms?: string;
  nodeArgs?: string[];
  args?: string[];
  /** Kill the job after this many milliseconds (default 90 s): a hang fails, never blocks the suite. */
  timeout?: number;
  /** The node binary of every rank (default: this process's). */
  node?: string;
}

/** COMM_SELF, COMM_WORLD, a Dup and a Split of it: what mpi4py's test mixins run each test case over. */
export const ALL_COMMS = 'self,world,dup,split';

/**
 * The programs about COMM_WORLD itself, run over it alone, and why. Every other
 * program runs over ALL_COMMS (the harness loops over them within one launch).
 */
export const WORLD_ONLY: Record<string, string> = {
  environment: 'the module-level calls, MPI.COMM_WORLD and the thread level',
  'finalized-at-exit': "MPI's lifetime: finalised when the process ends",
  'calls-after-finalize-are-refused': 'calls MPI.Finalize: nothing runs after it',
  'rc-shows-every-setting': 'MPI.rc, the run-time settings: no communicator',
  singleton: 'plain node without mpirun: a world of one',
  'abort-ends-the-job': 'ends the whole job (Abort)',
  'errors-are-fatal-ends-the-job': 'ends the whole job (MPI.ERRORS_ARE_FATAL on COMM_WORLD)',
  'a-throwing-errhandler-ends-the-job': 'ends the whole job (a user error handler that throws)',
  'comm-self-attributes-go-at-finalize': 'calls MPI.Finalize: nothing runs after it',
  'abort-opt-out': 'ends the whole job (an uncaught exception)',
  'uncaught-exception-aborts-the-job': 'ends the whole job (an uncaught exception)',
  'unhandled-rejection-aborts-the-job': 'ends the whole job (an unhandled rejection)',
  'a-rank-fails-mid-job': 'ends the whole job (the cluster faults)',
  'every-rank-on-its-own-host': 'where the ranks of the world run (the cluster)',
  'large-collectives': "the cluster's 64 MiB collectives over the world's hosts",
  'a-worker-thread-leaves-the-main-thread-alone': 'MPI per process versus Node per thread',
  'two-copies-in-one-process': 'two copies of the package sharing the process and its COMM_WORLD',
  'watchdog-names-the-wait': "the watchdog's report, which names MPI_COMM_WORLD and world ranks",
  'fire-and-forget-isends-are-freed': 'garbage collection and the addon\'s slot counts are per process, not per communicator; it needs exactly 2 ranks',
  'dropped-requests-are-completed-and-freed': 'garbage collection and the addon\'s slot counts are per process, not per communicator; it needs exactly 2 ranks',
  'dropped-messages-are-received-and-freed': 'garbage collection and the addon\'s slot counts are per process, not per communicator; it needs exactly 2 ranks',
  'fuzz-arguments': 'it chooses its own communicators: COMM_WORLD, COMM_NULL, a freed Dup, and COMM_SELF for arguments only a root reads',
  'a-buffer-of-2-gib-plus-8-bytes': '4 GiB of buffers on 2 ranks: one communicator is enough',
  'ranks-with-different-codecs-interoperate': 'codecs chosen per world rank by parity (a Split by parity would put one codec in each half); it runs over a Dup too',
  'a-dropped-grequest-lets-the-program-exit': 'garbage collection and the addon\'s slot counts are per process, not per communicator; the process must exit',
  'futures-pool-executor': 'each rank spawns its own pool from COMM_SELF: no communicator of the program takes part',
  'futures-process-pool': 'each rank spawns its own pools from COMM_SELF: no communicator of the program takes part',
};

/**
 * Programs whose body takes seconds (timed waits, thousands of messages, hundreds
 * of MiB) on a loaded 2-core machine: run over COMM_WORLD and a Split (ranks and
 * sizes unlike WORLD's), not all four, to keep the suite's time.
 */
export const WORLD_AND_SPLIT: Record<string, string> = {
  'event-loop-runs-while-awaiting': 'a 2 s timed wait',
  'idle-wait-costs-little-cpu': 'a 3 s timed wait',
  'a-thousand-outstanding-pairs': '1,000 pairs take 30–50 s at 4 ranks on a loaded machine',
  'requests-keep-their-buffers-alive': 'forced garbage collections',
  'irecv-of-any-size': 'messages of 1 and 16 MiB',
  'an-awaited-ping-pong-keeps-the-engine-spinning': '1,100 awaited round trips per pair',
};

/** MPI4JS_TEST_COMM for a program (for run-many, the programs it is given). */
function commsFor(name: string, options: RunOptions): string {
  if (options.comms) return options.comms;
  const programs = path.basename(name) === 'run-many' ? (options.args ?? []) : [path.basename(name).replace(/\.[cm]?js$/, '')];
  const comms = new Set(programs.map((p) => (p in WORLD_ONLY ? 'world' : p in WORLD_AND_SPLIT ? 'world,split' : ALL_COMMS)));
  if (comms.size > 1) throw new Error(`run-many: ${programs.join(', ')} do not all run over the same communicators (${[...comms].join(' / ')})`);
  return [...comms][0] ?? ALL_COMMS;
}

/** The compiled test program of that name (test/programs/<name>.ts), or a path. */
export function programPath(name: string): string {
  return name.includes('/') ? path.join(BUILD, name) : path.join(BUILD, '.build/test/programs', `${name}.js`);
}

/** `mpirun -n np node <program>`. */
export function mpirun(name: string, np: number, options: RunOptions = {}): Run {
  const argv = ['-n', String(np), options.node ?? process.execPath, ...(options.nodeArgs ?? []), programPath(name), ...(options.args ?? [])];
  return run('sh', [path.join(ROOT, 'scripts/mpiexec.sh'), ...argv], withComms(name, options));
}

function withComms(name: string, options: RunOptions): RunOptions {
  return { ...options, env: { MPI4JS_TEST_COMM: commsFor(name, options), ...options.env } };
}

/**
 * One program on as many ranks as envs, rank i with envs[i] added to its
 * environment (mpirun's MPMD form, `-n 1 env K=V node p : -n 1 …`, which both
 * Open MPI and MPICH take).
 */
export function mpirunEach(name: string, envs: NodeJS.ProcessEnv[], options: RunOptions = {}): Run {
  const argv = envs.flatMap((env, i) => [
    ...(i > 0 ? [':'] : []),
    '-n',
    '1',
    'env',
    ...Object.entries(env).map(([k, v]) => `${k}=${v}`),
    process.execPath,
    ...(options.nodeArgs ?? []),
    programPath(name),
    ...(options.args ?? []),
  ]);
  return run('sh', [path.join(ROOT, 'scripts/mpiexec.sh'), ...argv], withComms(name, options));
}

/** A program started by plain `node`, without mpirun: a world of one rank. */
export function node(name: string, options: RunOptions = {}): Run {
  return run(process.execPath, [...(options.nodeArgs ?? []), programPath(name), ...(options.args ?? [])], options);
}

function run(command: string, argv: string[], options: RunOptions): Run {
  const start = process.hrtime.bigint();
  const r = spawnSync(command, argv, {
    cwd: ROOT,
    encoding: 'utf8',
    timeout: options.timeout ?? 90_000,
    killSignal: 'SIGTERM',
    env: { ...process.env, MPI4JS_TEST_BUILD: BUILD, MPI4JS_TEST_MPI: MPI_FAMILY, ...options.env },
  });
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  // MPI4JS_TEST_LAUNCH_LOG=file: one line per launch (seconds, command), to count launches and their cost.
  if (process.env.MPI4JS_TEST_LAUNCH_LOG) fs.appendFileSync(process.env.MPI4JS_TEST_LAUNCH_LOG, `${seconds.toFixed(2)}\t${argv.join(' ')}\n`);
  return {
    code: r.status,
    stdout: r.stdout ?? '',
    stderr: r.stderr ?? '',
    seconds,
  };
}

/** Every one of np ranks printed `ok <rank>/<np>` and the job exited 0. */
export function expectEveryRankOk(r: Run, np: number): void {
  const lines = new Set(r.stdout.split('\n'));
  const missing = Array.from({ length: np }, (_, rank) => `ok ${rank}/${np}`).filter((l) => !lines.has(l));
  if (r.code !== 0 || missing.length > 0) {
    throw new Error(
      `MPI job failed: exit ${r.code}, missing ${missing.join(', ') || 'nothing'}\n--- stdout\n${r.stdout}\n--- stderr\n${r.stderr}`,
    );
  }
}

/** Runs a test program on np ranks and expects every rank to pass. */
export function expectProgram(name: string, np: number, options?: RunOptions): void {
  expectEveryRankOk(mpirun(name, np, options), np);
}

/**
 * Several harness programs in one launch (test/programs/run-many.ts), since
 * launches dominate the suite's time. Returns a check for each program: every
 * rank printed `ok <rank>/<np> <program>`. The job runs once, at the first check;
 * a failing program ends it, so the checks of the later ones fail too (the
 * first failure's output names the program and the communicator).
 */
export function programGroup(programs: string[], np: number, options: RunOptions = {}): (program: string) => void {
  let r: Run | undefined;
  return (program) => {
    if (!programs.includes(program)) throw new Error(`programGroup: ${program} is not one of ${programs.join(', ')}`);
    r ??= mpirun('run-many', np, { timeout: 60_000 + 30_000 * programs.length, ...options, args: programs });
    const lines = new Set(r.stdout.split('\n'));
    const missing = Array.from({ length: np }, (_, rank) => `ok ${rank}/${np} ${program}`).filter((l) => !lines.has(l));
    // The job's exit status is the last program's to answer for: an earlier one passed once its lines are there.
    if (missing.length > 0 || (program === programs[programs.length - 1] && r.code !== 0)) {
      throw new Error(
        `MPI job of ${programs.join(', ')} failed: exit ${r.code}, missing ${missing.join(', ') || 'nothing'}\n--- stdout\n${r.stdout}\n--- stderr\n${r.stderr}`,
      );
    }
  };
}

/** Time for a test whose check may launch a whole group (jest's default is 180 s). */
export const GROUP_TIMEOUT = 600_000;
