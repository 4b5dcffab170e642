// Tasks the futures programs send to workers (by this module's path and an export name).
import * as os from 'node:os';

export function square(x: number): number {
  return x * x;
}

export function add(a: number, b: number): number {
  return a + b;
}

/** Throws a TypeError with that message (the worker lives on). */
export function fail(message: string): never {
  throw new TypeError(message);
}

/** Resolves to value after ms milliseconds (the worker's event loop runs meanwhile). */
export async function sleep(ms: number, value: unknown = null): Promise<unknown> {
  await new Promise((r) => setTimeout(r, ms));
  return value;
}

export function getenv(name: string): string | null {
  return process.env[name] ?? null;
}

let initialized: unknown = null;

/** The initializer: remembers its argument; throws when asked to. */
export function init(value: unknown): void {
  if (value === 'throw') throw new RangeError('initializer refused');
  initialized = value;
}

export function initializedWith(): unknown {
  return initialized;
}

/** Which process ran the task. */
export function where(): { pid: number; host: string } {
  return { pid: process.pid, host: os.hostname() };
}

export default function identity(x: unknown): unknown {
  return x;
}

/** Ends the worker's process mid-task (its exit handler still tells the client). */
export function exit(code: number): void {
  process.exit(code);
}

/** Kills the worker's process outright: no handler runs. */
export function kill(): void {
  process.kill(process.pid, 'SIGKILL');
}

/** The worker's working directory. */
export function cwd(): string {
  return process.cwd();
}
