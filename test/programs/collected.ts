/**
 * What the lifetime programs share (they run with `node --expose-gc`): forced
 * collections that let the finalizers and the progress engine run, the addon's
 * counts of live request and message slots (internal, for tests only), and the
 * RuntimeWarnings mpi4js emits for what was dropped.
 */
import * as path from 'node:path';

interface Live {
  request: { live(): number };
  message: { live(): number };
  info: { live(): number };
}

/** The addon's slot counts, through the built package's internal module. */
export const native = (require(path.join(__dirname, '../../../dist/native.js')) as { native: Live }).native;

/** One turn of the event loop. */
export const turn = (): Promise<void> => new Promise((r) => setImmediate(r));

/** V8's gc(), exposed by --expose-gc; a clear error without it. */
export function gc(): void {
  const f = (globalThis as { gc?: () => void }).gc;
  if (!f) throw new Error('run with node --expose-gc');
  f();
}

/** Collects garbage and lets the finalizers (and the progress engine) run. */
export async function collect(rounds = 3): Promise<void> {
  for (let i = 0; i < rounds; i++) {
    gc();
    await turn();
  }
}

/** The messages of the RuntimeWarnings emitted from now on, in order. */
export function runtimeWarnings(): string[] {
  const warnings: string[] = [];
  process.on('warning', (w) => {
    if (w.name === 'RuntimeWarning') warnings.push(w.message);
  });
  return warnings;
}
