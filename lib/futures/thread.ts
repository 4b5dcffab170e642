/**
 * A thread of ThreadPoolExecutor (lib/futures/threads.ts): runs each order
 * its client posts through the MPI workers' `execute` (the same task loading,
 * initializer, env and path), one at a time, and posts the reply back.
 */
import { MessagePort, parentPort, workerData } from 'node:worker_threads';

import { execute, Order, Reply } from './server';
import { errorInfo } from './task';

/** Serves the client thread: each order through `execute`, the reply posted back. */
function serveThread(port: MessagePort): void {
  const index = (workerData as { index: number }).index;
  port.on('message', (order: Exclude<Order, null>) => {
    void execute(order, index).then((reply) => {
      try {
        port.postMessage(reply);
      } catch (e) {
        // A value structured clone cannot copy: the client learns why, and this thread lives on.
        port.postMessage([index, reply[1], false, errorInfo(e, index)] satisfies Reply);
      }
    });
  });
}

// Loaded elsewhere than in a pool's thread (the main thread), it does nothing.
if (parentPort !== null && (workerData as { index?: unknown } | null)?.index !== undefined) serveThread(parentPort);
