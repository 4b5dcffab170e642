// Tasks that tell which thread of ThreadPoolExecutor ran them.
import { threadId } from 'node:worker_threads';

import { initializedWith } from './tasks';

/** After ms milliseconds: this thread's id and what its initializer was given. */
export async function initializedIn(ms: number): Promise<{ threadId: number; initialized: unknown }> {
  await new Promise((r) => setTimeout(r, ms));
  return { threadId, initialized: initializedWith() };
}
