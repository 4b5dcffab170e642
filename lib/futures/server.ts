/**
 * A worker of mpi4js/futures: it receives tasks from the client over the
 * executor's private communicator, runs them one at a time, and sends back
 * each value or error; a task that throws fails only its own future. Run as a
 * script it is a spawned worker (MPIPoolExecutor spawns it), serving its
 * parent until told to stop. mpi4py: `mpi4py.futures.server` (server_exec).
 */
import * as os from 'node:os';

import type { Comm } from '../comm';
import { Endpoint, Link } from './liveness';
import { addPaths, errorInfo, taskFunction } from './task';
import { asWorkers } from './workers';

/** The tag of the executor's messages (its communicator is its own: no user message can match) */
export const TAG = 1;

/** A message from the client. */
export type Order =
  | ['call', number, string, string, unknown[]]
  | ['chunk', number, string, string, unknown[][]]
  | ['init', number, string | null, string, unknown[], Record<string, string> | null, string[] | null, (Endpoint | null)?]
  | null;

/** A worker's answer: [its rank, the task's id, ok?, value or ErrorInfo, true if the worker is exiting] */
export type Reply = [number, number, boolean, unknown, boolean?];

/** Runs one order (not null); never throws: an error becomes the reply. */
export async function execute(order: Exclude<Order, null>, rank: number): Promise<Reply> {
  const id = order[1];
  try {
    if (order[0] === 'init') {
      const [, , filename, name, args, env, paths] = order;
      if (env) for (const [k, v] of Object.entries(env)) process.env[k] = v;
      if (paths) addPaths(paths);
      if (filename !== null) await (await taskFunction(filename, name))(...args);
      // Where this worker runs: a client on the same host watches the process (lib/futures/pool.ts).
      return [rank, id, true, { pid: process.pid, host: os.hostname() }];
    }
    const fn = await taskFunction(order[2], order[3]);
    if (order[0] === 'call') return [rank, id, true, await fn(...order[4])];
    const out: unknown[] = [];
    for (const args of order[4]) out.push(await fn(...args));
    return [rank, id, true, out];
  } catch (e) {
    return [rank, id, false, errorInfo(e, rank)];
  }
}

/**
 * Serves the client at rank `client` of comm until it sends the stop order.
 * Waiting never blocks the event loop (awaited receives), so a task's own
 * timers and I/O run.
 */
export async function serve(comm: Comm, client: number): Promise<boolean> {
  const rank = comm.rank;
  let current = 0;
  // The liveness link (lib/futures/liveness.ts), made at the first init order that offers one.
  let link: Link | string | undefined;
  // A worker that exits while serving (process.exit in a task, a signal Node handles) tells the
  // client first, so the task fails naming it instead of waiting for ever. Before mpi4js's own
  // exit handler, which finalises MPI.
  const onExit = (code: number) => {
    const why = new Error(`worker ${rank} (pid ${process.pid}) exited with code ${code}${current ? ' while running this task' : ''}`);
    if (typeof link === 'object') link.lastWords(why.message);
    try {
      comm.send([rank, current, false, errorInfo(why, rank), true] satisfies Reply, client, TAG);
    } catch {
      /* nothing more can be said */
    }
  };
  process.prependListener('exit', onExit);
  try {
    for (;;) {
      const order = await comm.irecv<Order>(client, TAG);
      // Stopped: whether the client said some worker died (over the liveness link).
      if (order === null) return typeof link === 'object' ? await link.farewell() : false;
      current = order[1];
      if (order[0] === 'init' && order[7] && link === undefined) link = await Link.connect(order[7], rank, () => clientLost(comm, rank));
      const reply = await execute(order, rank);
      // The client learns why there is no link, to say so.
      if (order[0] === 'init' && reply[2] && typeof link === 'string') reply[3] = { ...(reply[3] as object), link };
      current = 0;
      try {
        await comm.isend(reply, client, TAG);
      } catch (e) {
        // A value the codec cannot send: the client learns why, and this worker lives on.
        await comm.isend([rank, reply[1], false, errorInfo(e, rank)] satisfies Reply, client, TAG);
      }
    }
  } finally {
    process.removeListener('exit', onExit);
    if (typeof link === 'object') link.close();
  }
}

/**
 * The client's link closed without its bye: the client died (or its host
 * vanished), and no order will ever come. Waiting for one would keep this
 * process alive for ever (Open MPI 4.1 tells it nothing under --enable-recovery),
 * so it ends the job, saying why.
 */
function clientLost(comm: Comm, rank: number): void {
  process.stderr.write(`mpi4js/futures: worker ${rank} on ${os.hostname()} (pid ${process.pid}) lost its client (its liveness link closed): aborting\n`);
  comm.Abort(1);
}

/** A spawned worker: serves the parent, then disconnects from it. */
async function main(): Promise<void> {
  // Open MPI 4.1's MPI_Finalize waits for every process of the job, a dead sibling too (under
  // --enable-recovery); this worker's messages are complete once it disconnected or freed its parent.
  process.env.OMPI_MCA_async_mpi_finalize ??= '1';
  // eslint-disable-next-line @typescript-eslint/no-var-requires
  const MPI = require('../mpi') as typeof import('../mpi'); // initialises MPI
  const parent = MPI.Comm.Get_parent();
  try {
    parent.Is_inter();
  } catch {
    process.stderr.write('mpi4js/futures: this is a worker that MPIPoolExecutor spawns; run as a program it has no parent to serve\n');
    process.exit(1);
  }
  // The children's world is the pool's workers (get_comm_workers).
  // With a worker dead, disconnecting (collective with every process of both jobs) would wait for ever.
  if (await asWorkers(MPI.COMM_WORLD, () => serve(parent, 0))) parent.Free();
  else parent.Disconnect();
}

if (require.main === module) void main();
