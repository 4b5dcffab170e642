/**
 * The client's side of a pool of workers (mpi4py's client_exec): a queue of
 * tasks, each sent to an idle worker over the executor's private communicator,
 * and one awaited receive from any worker while tasks are out, so the event
 * loop runs meanwhile. A pool of no workers (a communicator of one process)
 * runs its tasks here, one at a time, as mpi4py runs them in a thread.
 */
import * as os from 'node:os';

import { ANY_SOURCE } from '../constants';
import type { Comm } from '../comm';
import { BrokenExecutor, Future } from './future';
import { Watch } from './liveness';
import { execute, Order, Reply, TAG } from './server';
import { ErrorInfo, rebuildError } from './task';
import { inClient } from './workers';

/** A task on its way: its future and what the worker is sent. */
export interface Item {
  future: Future<unknown>;
  order: Exclude<Order, null>;
}

export class Pool {
  private idle: number[];
  private queue: Item[] = [];
  private head = 0;
  private inflight = new Map<number, Item>();
  private receiving = false;
  private ready = true;
  private broken?: string;
  private drainWaiters: (() => void)[] = [];
  private nextId = 1;
  private stopped = false;

  /**
   * comm: the private communicator; workers: their ranks in it (in the remote
   * group of an intercommunicator), none to run tasks here; close: frees comm
   * once the workers were told to stop.
   */
  constructor(
    private readonly comm: Comm,
    readonly workers: readonly number[],
    private readonly close: (someDied: boolean) => void,
  ) {
    this.idle = [...workers].reverse();
    this.link = new Watch(workers, (w, message, host) => this.lost(w, message, host));
  }

  /** Each worker's liveness link (lib/futures/liveness.ts): a worker whose link closes is dead. */
  private readonly link: Watch;

  /** A worker died without a word (its link closed): as if it had said so. */
  private lost(w: number, message: string, host: string): void {
    this.died([w, 0, false, { name: 'Error', message, stack: '', rank: w, host } satisfies ErrorInfo, true]);
    // A receive waiting for its answer alone (the last task out, or an init order) ends.
    if (this.inflight.size === 0) this.stopReceiving?.abort();
  }

  /** The workers alive. */
  get size(): number {
    return this.workers.length - this.dead.size;
  }

  /** A new task id (for replies' matching). */
  id(): number {
    return this.nextId++;
  }

  /** Queues a task; it starts when a worker is free. */
  push(item: Item): void {
    if (this.broken !== undefined) {
      item.future.set_exception(new BrokenExecutor(this.broken));
      return;
    }
    if (this.stopped) throw new Error('cannot schedule new futures after shutdown');
    this.queue.push(item);
    this.dispatch();
  }

  /** Cancels every task still waiting for a worker. */
  cancelQueued(): void {
    for (let k = this.head; k < this.queue.length; k++) this.queue[k].future.cancel();
  }

  private dispatch(): void {
    while (this.ready && this.head < this.queue.length && (this.idle.length > 0 || (this.workers.length === 0 && !this.running))) {
      const item = this.queue[this.head++];
      if (!item.future.set_running_or_notify_cancel()) continue;
      if (this.workers.length === 0) {
        this.runHere(item);
        return; // one at a time: the next starts when this one is done
      }
      const w = this.idle.pop() as number;
      this.inflight.set(w, item);
      try {
        // Fire and forget: the reply says the task arrived and ran.
        this.comm.isend(item.order, w, TAG);
      } catch (e) {
        // A value the codec cannot send: only this task fails.
        this.inflight.delete(w);
        this.idle.push(w);
        item.future.set_exception(e);
      }
    }
    if (this.head > 1024 && this.head * 2 > this.queue.length) {
      this.queue = this.queue.slice(this.head);
      this.head = 0;
    }
    if (this.inflight.size > 0 && !this.receiving) void this.pump();
    this.checkDrained();
  }

  private running = false;
  private runHere(item: Item): void {
    this.running = true;
    void inClient(() => execute(item.order, 0)).then((reply) => {
      this.running = false;
      this.settle(item, reply);
      this.dispatch();
    });
  }

  /** Workers on this host, by rank: their processes are watched while they run tasks. */
  private local = new Map<number, number>();
  /** The workers whose death this client cannot notice (no link, not on this host, or not initialized yet). */
  unwatched(): number[] {
    return this.workers.filter((w) => !this.link.linked(w) && !this.local.has(w) && !this.dead.has(w));
  }

  /** Ends the pump's receive once no task is out (a watched worker vanished with the last one). */
  private stopReceiving?: AbortController;

  /**
   * A worker killed outright (SIGKILL: no exit handler runs) sends nothing:
   * its link closes. One without a link (none could be made) on this host
   * has its process checked every half second while it has a task.
   */
  private watch(): () => void {
    if (this.local.size === 0) return () => undefined;
    const timer = setInterval(() => {
      for (const w of [...this.inflight.keys()]) {
        const pid = this.local.get(w);
        if (pid === undefined || alive(pid)) continue;
        const info: ErrorInfo = { name: 'Error', message: `worker ${w} (pid ${pid}) is gone (killed?)`, stack: '', rank: w, host: os.hostname() };
        this.died([w, 0, false, info, true]);
      }
      if (this.inflight.size === 0) this.stopReceiving?.abort();
    }, 500);
    timer.unref();
    return () => clearInterval(timer);
  }

  /** The next reply from any worker; undefined when stopReceiving aborted the wait (a death was noticed). */
  private async nextReply(): Promise<Reply | undefined> {
    this.stopReceiving = new AbortController();
    const signal = this.stopReceiving.signal;
    try {
      return await this.comm.irecv<Reply>({ source: ANY_SOURCE, tag: TAG, signal });
    } catch (e) {
      if (signal.aborted) return undefined;
      throw e;
    }
  }

  private async pump(): Promise<void> {
    this.receiving = true;
    const unwatch = this.watch();
    try {
      while (this.inflight.size > 0) {
        const reply = await this.nextReply();
        if (reply === undefined) continue; // no task is out any more
        if (reply[4]) {
          this.died(reply);
          continue;
        }
        const item = this.inflight.get(reply[0]);
        if (item === undefined) throw new Error(`mpi4js/futures: a reply from worker ${reply[0]}, which has no task`);
        this.inflight.delete(reply[0]);
        this.idle.push(reply[0]);
        // The worker gets its next task before this one's done-callbacks run. A reply already
        // here is then taken at once: the next irecv completes as it is awaited (Request.promised).
        this.dispatch();
        this.settle(item, reply);
      }
    } catch (e) {
      // The communicator failed: no reply will come; every task out or waiting fails, naming why.
      this.fail(`the pool's communication failed: ${(e as Error)?.message ?? e}`);
    } finally {
      unwatch();
      this.stopReceiving = undefined;
      this.receiving = false;
      this.checkDrained();
    }
  }

  /** Workers that exited: never sent anything again. */
  private dead = new Set<number>();

  /** A worker said it is exiting: its task fails naming it; with no worker left, the pool is broken. */
  private died(reply: Reply): void {
    const w = reply[0];
    const info = reply[3] as ErrorInfo;
    if (this.dead.has(w)) return; // said as it exited, and its link closed
    this.dead.add(w);
    this.idle = this.idle.filter((x) => x !== w);
    const item = this.inflight.get(w);
    this.inflight.delete(w);
    const why = `${info.message} on ${info.host}`;
    if (item && !item.future.done()) item.future.set_exception(new BrokenExecutor(why));
    if (this.dead.size === this.workers.length) this.fail(`every worker exited (the last: ${why})`);
    else this.dispatch();
  }

  private settle(item: Item, reply: Reply): void {
    if (reply[2]) item.future.set_result(reply[3]);
    else item.future.set_exception(rebuildError(reply[3] as ErrorInfo));
  }

  /** Every task out or waiting fails with BrokenExecutor(why); new ones too. */
  private fail(why: string): void {
    this.broken = why;
    for (const item of this.inflight.values()) if (!item.future.done()) item.future.set_exception(new BrokenExecutor(why));
    this.inflight.clear();
    for (let k = this.head; k < this.queue.length; k++) {
      const f = this.queue[k].future;
      if (!f.done()) {
        if (f.set_running_or_notify_cancel()) f.set_exception(new BrokenExecutor(why));
      }
    }
    this.queue = [];
    this.head = 0;
  }

  private checkDrained(): void {
    if (this.inflight.size > 0 || this.running) return;
    const quiet = this.quietWaiters;
    this.quietWaiters = [];
    for (const w of quiet) w();
    if (this.head < this.queue.length) return;
    const waiters = this.drainWaiters;
    this.drainWaiters = [];
    for (const w of waiters) w();
  }

  /** Resolves once no task is out or waiting. */
  drained(): Promise<void> {
    return new Promise((resolve) => {
      this.drainWaiters.push(resolve);
      this.checkDrained();
    });
  }

  /**
   * Runs the initializer (and sets env and path) on every worker before any
   * task, once the tasks already out are done; a failure breaks the pool
   * (concurrent.futures' BrokenExecutor), naming the worker and its error.
   */
  initialize(filename: string | null, name: string, args: unknown[], env: Record<string, string> | null, paths: string[] | null): Promise<void> {
    // One at a time (static mode's command and an executor may both ask): each collects its own replies.
    this.ready = false;
    this.initializing++;
    const run = this.lastInit
      .then(() => this.initializeNow(filename, name, args, env, paths))
      .finally(() => {
        if (--this.initializing === 0) {
          this.ready = true;
          this.dispatch();
        }
      });
    this.lastInit = run.catch(() => undefined);
    return run;
  }

  private initializing = 0;
  private lastInit: Promise<void> = Promise.resolve();

  private async initializeNow(filename: string | null, name: string, args: unknown[], env: Record<string, string> | null, paths: string[] | null): Promise<void> {
    // Tasks out finish first; tasks queued meanwhile wait (not ready) and run after.
    await this.quiet();
    const id = this.id();
    const endpoint = this.workers.length > 0 ? await this.link.endpoint() : null;
    const order: Order = ['init', id, filename, name, args, env, paths, endpoint];
    const errors: string[] = [];
    if (this.workers.length === 0) {
      const reply = await inClient(() => execute(order, 0));
      if (!reply[2]) errors.push(describe(reply[3] as ErrorInfo));
    } else {
      const alive = this.workers.filter((w) => !this.dead.has(w));
      for (const w of alive) this.comm.isend(order, w, TAG);
      // Until every worker answered or died (its link closed: no answer will come).
      const waiting = new Set(alive);
      while ([...waiting].some((w) => !this.dead.has(w))) {
        const reply = await this.nextReply();
        if (reply === undefined) continue;
        if (reply[4]) this.died(reply); // exiting (the initializer called process.exit)
        if (!waiting.delete(reply[0])) continue; // the last word of a worker already dead
        if (!reply[2]) errors.push(describe(reply[3] as ErrorInfo));
        const where = reply[3] as { pid?: number; host?: string; link?: string } | null;
        if (reply[2] && where?.link) this.unlinked.set(reply[0], where.link);
        if (reply[2] && !this.link.linked(reply[0]) && where?.host === os.hostname() && typeof where.pid === 'number') this.local.set(reply[0], where.pid);
      }
      this.stopReceiving = undefined;
    }
    if (errors.length > 0) this.fail(`the initializer failed: ${errors.join('; ')}`);
  }

  private quietWaiters: (() => void)[] = [];

  /** Why a worker has no liveness link, by rank (its init answer said). */
  readonly unlinked = new Map<number, string>();

  /** Resolves once no task is out (queued ones may remain). */
  private quiet(): Promise<void> {
    return new Promise((resolve) => {
      this.quietWaiters.push(resolve);
      this.checkDrained();
    });
  }

  /** After every task: tells the workers to stop, then frees the communicator (collective with them). */
  async stop(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    await this.drained();
    this.link.close(this.dead.size > 0); // before the stop orders: the links that close now are no deaths
    for (const w of this.workers) if (!this.dead.has(w)) this.comm.send(null, w, TAG);
    this.close(this.dead.size > 0);
  }
}

/** Whether a process of this host still exists. */
function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as { code?: string }).code !== 'ESRCH';
  }
}

function describe(info: ErrorInfo): string {
  return `worker ${info.rank} on ${info.host}: ${info.name}: ${info.message}`;
}
