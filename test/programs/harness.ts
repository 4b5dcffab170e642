/**
 * What every test program shares. A program asserts on its own rank; success
 * prints `ok <rank>/<size>` (its COMM_WORLD rank and size), and any failure — a
 * thrown assertion, a rejected promise — reaches mpi4js's abort-on-error
 * handler, which ends the whole job with the rank's error, so a failing test
 * never hangs.
 *
 * As mpi4py's tests do with their mixins (BaseTestCommSelf, …World, …Dup, …),
 * one launch runs the program's body over each communicator that
 * MPI4JS_TEST_COMM lists (comma-separated: self, world, dup, split; test/mpirun.ts
 * sets it, plain `node` runs get world): `comm`, `rank` and `size` are that
 * communicator's while the body runs, so a program that reaches for COMM_WORLD
 * instead of `comm` shows up over the others.
 */
import { MPI } from 'mpi4js';

export { MPI };

type Intracomm = typeof MPI.COMM_WORLD;

/** The communicators a body can run over. */
export const COMM_KINDS = ['self', 'world', 'dup', 'split'] as const;
export type CommKind = (typeof COMM_KINDS)[number];

const DESCRIPTIONS: Record<CommKind, string> = {
  self: 'COMM_SELF',
  world: 'COMM_WORLD',
  dup: 'a Dup of COMM_WORLD',
  split: 'a Split of COMM_WORLD (by rank parity, ranks reversed)',
};

// Live bindings: programs read them while their body runs, never at load.
/** The communicator the body runs over now. */
export let comm: Intracomm = MPI.COMM_WORLD;
/** This process's rank in comm. */
export let rank = comm.rank;
/** comm's size. */
export let size = comm.size;
/** Which communicator comm is, for messages: 'COMM_WORLD', 'a Dup of COMM_WORLD', … */
export let commName = DESCRIPTIONS.world;

/** MPI4JS_TEST_COMM, checked: the kinds in order, world when unset. */
export function commKinds(value = process.env.MPI4JS_TEST_COMM): CommKind[] {
  if (value === undefined || value === '') return ['world'];
  const kinds = value.split(',').map((k) => k.trim());
  for (const k of kinds) {
    if (!(COMM_KINDS as readonly string[]).includes(k)) throw new RangeError(`MPI4JS_TEST_COMM=${value}: ${JSON.stringify(k)} is not one of ${COMM_KINDS.join(', ')}`);
  }
  return kinds as CommKind[];
}

function make(kind: CommKind): Intracomm {
  const world = MPI.COMM_WORLD;
  switch (kind) {
    case 'self':
      return MPI.COMM_SELF;
    case 'world':
      return world;
    case 'dup':
      return world.Dup();
    case 'split':
      // Two halves whose ranks run backwards: neither ranks nor sizes are WORLD's (on 3 or more ranks).
      return world.Split(world.rank % 2, world.size - world.rank);
  }
}

function use(kind: CommKind, c: Intracomm): void {
  comm = c;
  rank = c.rank;
  size = c.size;
  commName = DESCRIPTIONS[kind];
}

/** A program's body, as test/programs/run-many.ts collects it. */
export interface Queued {
  body: () => void | Promise<void>;
}

/** Set by run-many: program() then queues its body there instead of running it. */
const QUEUE = Symbol.for('mpi4js.test.queue');

/**
 * Runs body over each communicator of MPI4JS_TEST_COMM in turn (a barrier on
 * it and on COMM_WORLD between them, a Dup or Split freed after). A failure
 * names the program and the communicator on stderr before it reaches the abort
 * handler.
 */
export async function overEachComm(body: () => void | Promise<void>, label = process.argv[1] ?? 'program'): Promise<void> {
  const world = MPI.COMM_WORLD;
  for (const kind of commKinds()) {
    const c = make(kind);
    use(kind, c);
    try {
      await body();
    } catch (e) {
      process.stderr.write(`test program ${label} failed on COMM_WORLD rank ${world.rank} over ${commName} (rank ${rank} of ${size})\n`);
      throw e;
    }
    c.barrier();
    if (c !== world && c !== MPI.COMM_SELF) c.Free();
    use('world', world);
    world.barrier();
  }
}

/**
 * The program: body over each communicator of MPI4JS_TEST_COMM, then
 * `ok <rank>/<size>`; or, loaded by run-many, its body queued.
 */
export function program(body: () => void | Promise<void>): void {
  const queue = (globalThis as { [QUEUE]?: Queued[] })[QUEUE];
  if (queue) {
    queue.push({ body });
    return;
  }
  const world = MPI.COMM_WORLD;
  void overEachComm(body).then(() => process.stdout.write(`ok ${world.rank}/${world.size}\n`));
}

/** Runs f, which must throw an error of that class whose message matches. */
export function throwsLike(f: () => unknown, cls: new (...a: any[]) => Error, message: RegExp): Error {
  try {
    f();
  } catch (e) {
    if (!(e instanceof cls)) throw new Error(`expected ${cls.name}, got ${(e as Error)?.constructor?.name}: ${(e as Error)?.message}`);
    if (!message.test(e.message)) throw new Error(`expected a message like ${message}, got: ${e.message}`);
    return e;
  }
  throw new Error(`expected ${cls.name} matching ${message}, nothing was thrown`);
}
/** The message corpus of mpi4py's object tests, in JavaScript. */
export const VALUES: unknown[] = [
  undefined,
  null,
  true,
  false,
  -7,
  0,
  7,
  2 ** 31,
  2n ** 63n - 1n,
  -(2n ** 63n - 1n),
  -2.17,
  1.62,
  Number.NaN,
  'mpi4js',
  '',
  'ünïcødé ✓',
  [1, 'two', [3]],
  { a: 1, b: [true, null], c: { d: 'deep' } },
  new Map<unknown, unknown>([[1, 'one'], ['two', [2]]]),
  new Set([1, 'x', 3.5]),
  new Date(Date.UTC(2024, 1, 29, 12)),
  new Float64Array([1.5, -2.5, 1e300]),
  new Int32Array([-1, 0, 2 ** 31 - 1]),
  new BigInt64Array([-(2n ** 63n), 2n ** 63n - 1n]),
  Buffer.from('bytes'),
  new Array(2000).fill(0).map((_, i) => i * 0.5),
];

// --- parallel I/O (issue 14)
let tempFiles = 0;
/**
 * A fresh path under os.tmpdir() that every rank of comm agrees on (rank 0
 * names it, a bcast tells the rest): one per communicator and call, so runs,
 * communicators and ranks of COMM_SELF never share a file. Nothing is created.
 */
export function sharedTempPath(tag: string): string {
  const { tmpdir } = require('node:os') as typeof import('node:os');
  const { join } = require('node:path') as typeof import('node:path');
  const mine = join(tmpdir(), `mpi4js-${tag}-${process.pid}-${Date.now()}-${tempFiles++}`);
  return comm.bcast(rank === 0 ? mine : undefined, 0) as string;
}
