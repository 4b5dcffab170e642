/**
 * What a task names and how a worker runs it. A JavaScript function cannot be
 * sent to another process, so a task names code the workers load, as
 * worker_threads and Piscina do: a module (a path or a file: URL) and one of
 * its exports. `'./tasks.js#square'`, `new URL('./tasks.js#square',
 * import.meta.url)` and `{ filename: './tasks.js', name: 'square' }` are one
 * task; without a name, the default export (CommonJS: module.exports when a
 * function). Its arguments and value travel as values (mpi4js's codec).
 */
import * as os from 'node:os';
import * as path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';

/** A task: its module and export, as a string, a file: URL or an object. */
export type TaskRef = string | URL | TaskObject;

/** A task as an object: a module, an export name, and a signal that cancels it while it waits. */
export interface TaskObject {
  filename: string | URL;
  name?: string;
  /** Aborting cancels the task if no worker has started it (Future.cancel). */
  signal?: AbortSignal;
}

/** A task resolved on the client: an absolute path or file: URL, or a bare specifier the workers resolve. */
export interface ResolvedTask {
  filename: string;
  name: string;
  signal?: AbortSignal;
}

/** Relative paths are the client's (its working directory), made absolute before they travel. */
function specifier(call: string, f: string): string {
  if (f.length === 0) throw new TypeError(`${call}: the task's module must not be empty`);
  if (f.startsWith('file:')) return fileURLToPath(f);
  if (f.startsWith('.') || path.isAbsolute(f)) return path.resolve(f);
  return f; // a package name, resolved by the workers (against the executor's `path` and their working directory)
}

/** The task named by ref; TypeError naming the call when it is none. */
export function resolveTask(call: string, ref: unknown): ResolvedTask {
  if (typeof ref === 'string') {
    if (ref.startsWith('file:')) return resolveTask(call, new URL(ref));
    const hash = ref.lastIndexOf('#');
    if (hash > 0) return { filename: specifier(call, ref.slice(0, hash)), name: ref.slice(hash + 1) || 'default' };
    return { filename: specifier(call, ref), name: 'default' };
  }
  if (ref instanceof URL) {
    if (ref.protocol !== 'file:') throw new TypeError(`${call}: a task's URL must be a file: URL, got ${ref.protocol}`);
    const name = decodeURIComponent(ref.hash.slice(1)) || 'default';
    const bare = new URL(ref.href);
    bare.hash = '';
    return { filename: fileURLToPath(bare), name };
  }
  if (ref !== null && typeof ref === 'object' && 'filename' in ref) {
    const o = ref as TaskObject;
    const base = resolveTask(call, o.filename instanceof URL ? o.filename : String(o.filename));
    if (o.name !== undefined && typeof o.name !== 'string') throw new TypeError(`${call}: the task's name must be a string`);
    if (o.signal !== undefined && !(o.signal instanceof AbortSignal)) throw new TypeError(`${call}: the task's signal must be an AbortSignal`);
    return { filename: base.filename, name: o.name ?? base.name, signal: o.signal };
  }
  throw new TypeError(
    `${call}: a task is a module and an export ('./tasks.js#square', a file: URL, or { filename, name }), ` +
      `got ${typeof ref === 'function' ? 'a function (functions cannot be sent to other processes)' : typeof ref}`,
  );
}

// ---- the worker's side ------------------------------------------------------

/** A task's error as it travels: what the client needs to rebuild it. */
export interface ErrorInfo {
  name: string;
  message: string;
  stack: string;
  rank: number;
  host: string;
  code?: string;
}

/** Where bare specifiers resolve (the executor's `path`, then the working directory): files there, then packages. */
const searchPaths: string[] = [];
const modules = new Map<string, unknown>();

/** @internal adds the executor's `path` entries */
export function addPaths(paths: readonly string[]): void {
  for (const p of paths) if (!searchPaths.includes(path.resolve(p))) searchPaths.push(path.resolve(p));
}

// tsc turns import() into require() for CommonJS output: this keeps a real
// import() for ES modules, which require() cannot load on every Node version.
const importESM = new Function('specifier', 'return import(specifier)') as (s: string) => Promise<unknown>;

async function load(filename: string): Promise<unknown> {
  const cached = modules.get(filename);
  if (cached !== undefined) return cached;
  let resolved = filename;
  if (!path.isAbsolute(filename)) {
    const bases = [...searchPaths, process.cwd()];
    let found: string | undefined;
    // In each directory: a file of that name (as Python's sys.path finds modules), else a package.
    search: for (const b of bases) {
      const req = createRequire(path.join(b, 'noop.js'));
      for (const s of [`./${filename}`, filename]) {
        try {
          found = req.resolve(s);
          break search;
        } catch {
          /* the next place */
        }
      }
    }
    if (found === undefined) throw new Error(`cannot find the task module '${filename}' from ${bases.join(', ')}`);
    resolved = found;
  }
  let mod: unknown;
  try {
    // eslint-disable-next-line @typescript-eslint/no-var-requires
    mod = require(resolved);
  } catch (e) {
    const code = (e as { code?: string }).code;
    if (code !== 'ERR_REQUIRE_ESM' && code !== 'ERR_REQUIRE_ASYNC_MODULE') throw e;
    mod = await importESM(pathToFileURL(resolved).href);
  }
  modules.set(filename, mod);
  return mod;
}

/** The function a task names, loaded once per module. */
export async function taskFunction(filename: string, name: string): Promise<(...args: unknown[]) => unknown> {
  const mod = (await load(filename)) as Record<string, unknown> | ((...a: unknown[]) => unknown);
  let fn: unknown;
  if (name === 'default') fn = typeof mod === 'function' ? mod : (mod as Record<string, unknown>)?.default;
  else fn = (mod as Record<string, unknown>)?.[name];
  // A CommonJS module compiled from ESM by tsc nests its default once more.
  if (name === 'default' && typeof fn === 'object' && fn !== null && typeof (fn as Record<string, unknown>).default === 'function') fn = (fn as Record<string, unknown>).default;
  if (typeof fn !== 'function') throw new TypeError(`the task module '${filename}' has no function export '${name}' (got ${typeof fn})`);
  return fn as (...args: unknown[]) => unknown;
}

/** An error (or anything thrown) as it travels back, naming the worker. */
export function errorInfo(e: unknown, rank: number): ErrorInfo {
  const err = e instanceof Error ? e : new Error(`a task threw a non-Error value: ${String(e)}`);
  return {
    name: err.name,
    message: err.message,
    stack: err.stack ?? `${err.name}: ${err.message}`,
    rank,
    host: os.hostname(),
    code: (err as { code?: unknown }).code === undefined ? undefined : String((err as { code?: unknown }).code),
  };
}

const BUILTIN: Record<string, new (m: string) => Error> = { Error, TypeError, RangeError, SyntaxError, ReferenceError, EvalError, URIError };

/** The error a worker sent, rebuilt on the client: its class (for the built-in ones), message and stack, the worker's rank and host. */
export function rebuildError(info: ErrorInfo): Error & { rank: number; host: string } {
  const Cls = BUILTIN[info.name] ?? Error;
  const e = new Cls(info.message) as Error & { rank: number; host: string; code?: string };
  if (!(info.name in BUILTIN)) e.name = info.name;
  e.stack = `${info.stack}\n    at worker rank ${info.rank} on host ${info.host}`;
  e.rank = info.rank;
  e.host = info.host;
  if (info.code !== undefined) e.code = info.code;
  return e;
}
