/**
 * ThreadPoolExecutor's pool: `max_workers` Node threads (node:worker_threads)
 * of the client's process, each running lib/futures/thread.js, which loads
 * the named task modules as the MPI workers do (lib/futures/task.ts) and runs
 * one order at a time through the same `execute`. Arguments and values travel
 * by structured clone (postMessage), not mpi4js's codec. A task that throws
 * fails only its future; a thread that dies (process.exit in a task, an
 * uncaught error of its own) fails the task it ran, naming it, and the others
 * go on; with none left the pool is broken. An idle thread does not keep Node
 * alive (unref'd): a pool left open ends with the event loop, as the MPI pools.
 */
import * as os from 'node:os';
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';

import { BrokenExecutor } from './future';
import type { Item } from './pool';
import type { Order, Reply } from './server';
import type { TaskPool } from './task-pool';
import { ErrorInfo, rebuildError } from './task';

/** What a thread is doing: a task, or the initializer. */
type Busy = { item: Item } | { init: (reply: Reply | string) => void };

export class ThreadPool implements TaskPool {
  private readonly threads: (Worker | undefined)[] = [];
  private idle: number[] = [];
  private queue: Item[] = [];
  private head = 0;
  private readonly busy = new Map<number, Busy>();
  private ready = true;
  private broken?: string;
  private stopped = false;
  private nextId = 1;
  private drainWaiters: (() => void)[] = [];
  private quietWaiters: (() => void)[] = [];
  private initializing = 0;
  private lastInit: Promise<void> = Promise.resolve();

  constructor(n: number, execArgv?: readonly string[]) {
    const script = path.join(__dirname, 'thread.js');
    for (let i = 0; i < n; i++) {
      const w = new Worker(script, { workerData: { index: i }, execArgv: execArgv ? [...execArgv] : undefined });
      w.unref();
      w.on('message', (reply: Reply) => this.replied(i, reply));
      w.on('error', (e: Error) => this.died(i, `thread ${i} died of an uncaught ${e?.name}: ${e?.message}`));
      w.on('exit', (code: number) => this.died(i, `thread ${i} exited with code ${code}`));
      this.threads.push(w);
    }
    this.idle = Array.from({ length: n }, (_, i) => n - 1 - i);
  }

  get size(): number {
    return this.threads.filter((t) => t !== undefined).length;
  }

  id(): number {
    return this.nextId++;
  }

  push(item: Item): void {
    if (this.broken !== undefined) {
      if (item.future.set_running_or_notify_cancel()) item.future.set_exception(new BrokenExecutor(this.broken));
      return;
    }
    if (this.stopped) throw new Error('cannot schedule new futures after shutdown');
    this.queue.push(item);
    this.dispatch();
  }

  /** Sends an order to thread i; it keeps Node alive until its reply. */
  private send(i: number, order: Exclude<Order, null>, busy: Busy): void {
    const t = this.threads[i] as Worker;
    t.postMessage(order); // throws (DataCloneError) for a value structured clone cannot copy
    this.busy.set(i, busy);
    t.ref();
  }

  private dispatch(): void {
    while (this.ready && this.head < this.queue.length && this.idle.length > 0) {
      const item = this.queue[this.head++];
      if (!item.future.set_running_or_notify_cancel()) continue;
      const i = this.idle.pop() as number;
      try {
        this.send(i, item.order, { item });
      } catch (e) {
        // Only this task fails: its arguments cannot go to a thread.
        this.idle.push(i);
        item.future.set_exception(e);
      }
    }
    if (this.head > 1024 && this.head * 2 > this.queue.length) {
      this.queue = this.queue.slice(this.head);
      this.head = 0;
    }
    this.checkDrained();
  }

  private replied(i: number, reply: Reply): void {
    const busy = this.busy.get(i);
    this.busy.delete(i);
    this.threads[i]?.unref();
    if (busy === undefined) return;
    if ('init' in busy) {
      busy.init(reply);
      return;
    }
    this.idle.push(i);
    if (reply[2]) busy.item.future.set_result(reply[3]);
    else busy.item.future.set_exception(rebuildError(reply[3] as ErrorInfo));
    this.dispatch();
  }

  /** A thread ended (not by stop): its task fails naming it; with none left, the pool is broken. */
  private died(i: number, why: string): void {
    if (this.threads[i] === undefined || this.stopped) return;
    this.threads[i] = undefined;
    this.idle = this.idle.filter((x) => x !== i);
    const busy = this.busy.get(i);
    this.busy.delete(i);
    if (busy !== undefined) {
      if ('init' in busy) busy.init(why);
      else if (!busy.item.future.done()) busy.item.future.set_exception(new BrokenExecutor(why));
    }
    if (this.size === 0) this.fail(`every thread ended (the last: ${why})`);
    else this.dispatch();
  }

  private fail(why: string): void {
    this.broken = why;
    for (const b of this.busy.values()) if ('item' in b && !b.item.future.done()) b.item.future.set_exception(new BrokenExecutor(why));
    for (let k = this.head; k < this.queue.length; k++) {
      const f = this.queue[k].future;
      if (!f.done() && f.set_running_or_notify_cancel()) f.set_exception(new BrokenExecutor(why));
    }
    this.queue = [];
    this.head = 0;
    this.checkDrained();
  }

  private checkDrained(): void {
    for (const b of this.busy.values()) if ('item' in b) return;
    const quiet = this.quietWaiters;
    this.quietWaiters = [];
    for (const w of quiet) w();
    if (this.head < this.queue.length && this.broken === undefined) return;
    const waiters = this.drainWaiters;
    this.drainWaiters = [];
    for (const w of waiters) w();
  }

  private drained(): Promise<void> {
    return new Promise((resolve) => {
      this.drainWaiters.push(resolve);
      this.checkDrained();
    });
  }

  private quiet(): Promise<void> {
    return new Promise((resolve) => {
      this.quietWaiters.push(resolve);
      this.checkDrained();
    });
  }

  /**
   * Runs the initializer (and sets env and path) in every thread, once the
   * tasks out are done, before any other task; a failure breaks the pool.
   * mpi4py's thread manager runs the initializer in each of its threads.
   */
  initialize(filename: string | null, name: string, args: unknown[], env: Record<string, string> | null, paths: string[] | null): Promise<void> {
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

  private async initializeNow(filename: string | null, name: string, args: unknown[], env: Record<string, string> | null, paths: string[] | null): Promise<void> {
    await this.quiet();
    if (this.broken !== undefined) return;
    const order: Order = ['init', this.id(), filename, name, args, env, paths];
    const errors: string[] = [];
    const alive = this.threads.flatMap((t, i) => (t === undefined ? [] : [i]));
    await Promise.all(
      alive.map(
        (i) =>
          new Promise<void>((resolve) => {
            const init = (reply: Reply | string) => {
              if (typeof reply === 'string') errors.push(reply);
              else if (!reply[2]) errors.push(describe(reply[3] as ErrorInfo));
              resolve();
            };
            try {
              this.send(i, order, { init });
            } catch (e) {
              init(`thread ${i}: ${(e as Error)?.name}: ${(e as Error)?.message}`);
            }
          }),
      ),
    );
    if (errors.length > 0) this.fail(`the initializer failed: ${errors.join('; ')}`);
  }

  /** After every task: ends the threads. */
  async stop(): Promise<void> {
    if (this.stopped) return;
    await this.drained();
    this.stopped = true;
    await Promise.all(this.threads.map((t) => t?.terminate()));
  }
}

function describe(info: ErrorInfo): string {
  return `thread ${info.rank} on ${info.host ?? os.hostname()}: ${info.name}: ${info.message}`;
}
