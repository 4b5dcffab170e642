/**
 * Work that must run just before MPI_Finalize, whether MPI.Finalize() is
 * called or the process exits (lib/environment.ts runs it). Here so that the
 * modules that register work (lib/file.ts) need not load lib/environment.ts,
 * which initialises MPI.
 */

const hooks: (() => void)[] = [];

/** @internal Registers fn to run before MPI_Finalize, once, in registration order. */
export function beforeFinalize(fn: () => void): void {
  hooks.push(fn);
}

/** @internal lib/environment.ts: runs the registered work; what one throws is printed and the rest still run. */
export function runBeforeFinalize(): void {
  for (const fn of hooks.splice(0)) {
    try {
      fn();
    } catch (e) {
      process.stderr.write(`mpi4js: before MPI_Finalize: ${(e as Error)?.message ?? String(e)}\n`);
    }
  }
}
