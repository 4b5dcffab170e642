/**
 * Dynamic processes (mirrors src-native/spawn.cc): the module-level calls of
 * mpi4py's port and name service (`MPI.Open_port`, `MPI.Publish_name`, …) and
 * the argument reading of the communicator methods that spawn, accept, connect
 * and join (Intracomm.Spawn, Comm.Get_parent, …), which wrap the ids returned
 * here. Limits of Open MPI 4.1 (README, "Dynamic processes"): spawning needs
 * free slots (mpirun --oversubscribe, a hostfile with slots=, or
 * OMPI_MCA_rmaps_base_oversubscribe=1 in a singleton's environment); names
 * published by one mpirun are seen by the processes it started (and their
 * children) only, across separate mpiruns through `ompi-server`.
 */
import { describe } from './args';
import * as A from './args';
import { ERR_NAME, ERR_ROOT, ERR_SPAWN } from './constants';
import { argumentError, MPIException } from './errors';
import { Info, INFO_NULL, infoArg } from './info';
import { native } from './native';

/** @internal The addon's calls (src-native/spawn.cc). */
interface NativeSpawn {
  Spawn(comm: number, command: string | null, args: string[] | null, maxprocs: number, info: number, root: number): [number, number[]];
  Spawn_multiple(comm: number, commands: string[] | null, args: string[][] | null, maxprocs: number[], infos: number[], root: number): [number, number[]];
  Get_parent(): number;
  Disconnect(comm: number): void;
  Open_port(info: number): string;
  Close_port(port: string): void;
  Accept(comm: number, port: string | null, info: number, root: number): number;
  Connect(comm: number, port: string | null, info: number, root: number): number;
  Publish_name(service: string, info: number, port: string): void;
  Unpublish_name(service: string, info: number, port: string): void;
  Lookup_name(service: string, info: number): string;
  Join(fd: number): number;
  MAX_PORT_NAME: number;
}

/** @internal */
export const S = (native as unknown as { spawn: NativeSpawn }).spawn;

/** mpi4py: `MPI.MAX_PORT_NAME`. */
export const MAX_PORT_NAME: number = S.MAX_PORT_NAME;

/** Options of Intracomm.Spawn after the command. */
export interface SpawnOptions {
  args?: readonly string[] | null;
  maxprocs?: number;
  info?: Info;
  root?: number;
  /** Filled in place with one error code per process asked for (mpi4py's `errcodes` list). */
  errcodes?: number[] | null;
}

/** Options of Intracomm.Spawn_multiple after the commands. */
export interface SpawnMultipleOptions {
  args?: readonly (readonly string[])[] | null;
  maxprocs?: readonly number[] | number | null;
  info?: readonly Info[] | Info;
  root?: number;
  /** Filled in place with one array of error codes per command. */
  errcodes?: number[][] | null;
}

/** Options of Accept and Connect after the port name. */
export interface PortOptions {
  info?: Info;
  root?: number;
}

/** @internal mpi4py's defaults, in its order. */
export const SPAWN: SpawnOptions = { args: null, maxprocs: 1, info: INFO_NULL, root: 0, errcodes: null };
/** @internal */
export const SPAWN_MULTIPLE: SpawnMultipleOptions = { args: null, maxprocs: null, info: INFO_NULL, root: 0, errcodes: null };
/** @internal */
export const PORT: PortOptions = { info: INFO_NULL, root: 0 };

/** A string MPI takes as a C string: no NUL inside. */
function cString(call: string, what: string, v: unknown): string {
  const s = A.string(call, what, v);
  if (s.includes('\0')) throw new RangeError(`${call}: ${what} must not contain NUL characters`);
  return s;
}

/** A command: a path string, or a file URL (as Node's own APIs take). */
function command(call: string, what: string, v: unknown): string {
  if (v instanceof URL) {
    if (v.protocol !== 'file:') throw new TypeError(`${call}: ${what} must be a path or a file: URL, got ${v.href}`);
    return cString(call, what, decodeURIComponent(v.pathname));
  }
  return cString(call, what, v);
}

function argv(call: string, what: string, v: unknown): string[] | null {
  if (v === null || v === undefined) return null;
  if (!Array.isArray(v)) throw new TypeError(`${call}: ${what} must be an array of strings or null, got ${describe(v)}`);
  return v.map((s, k) => cString(call, `${what}[${k}]`, s));
}

/** The root, the same on every process: one out of range is refused everywhere, before MPI. */
function rootArg(call: string, v: unknown, size: number): number {
  const root = A.int(call, 'root', v);
  if (root < 0 || root >= size) throw argumentError(ERR_ROOT, call, `root ${root} is out of range for a communicator of size ${size}`);
  return root;
}

function errcodesArg(call: string, v: unknown): unknown[] | null {
  if (v === null || v === undefined) return null;
  if (!Array.isArray(v)) throw new TypeError(`${call}: errcodes must be an array (filled in place) or null, got ${describe(v)}`);
  return v;
}

/**
 * Open MPI's MPI_ERR_SPAWN says only "could not spawn processes": the usual
 * cause on one machine is that no slot is free, which the message now names.
 */
function spawnFailed(call: string, e: unknown): unknown {
  if (!(e instanceof MPIException) || e.error_class !== ERR_SPAWN) return e;
  return new MPIException(
    e.error_code, e.error_class, e.error_string, e.call,
    `${e.error_string.split('\n')[0].replace(/^MPI_ERR_\w+: /, '')} (${call}; Open MPI needs free slots for the new processes: ` +
      'run under mpirun --oversubscribe or with a hostfile giving slots=, or set OMPI_MCA_rmaps_base_oversubscribe=1 before MPI starts)',
  );
}

/** @internal Intracomm.Spawn's work: the new intercommunicator's id; errcodes filled in place. */
export function spawn(call: string, comm: number, rank: number, size: number, cmd: unknown, o: SpawnOptions): number {
  const maxprocs = A.int(call, 'maxprocs', o.maxprocs);
  if (maxprocs < 0) throw new RangeError(`${call}: maxprocs ${maxprocs} must not be negative`);
  const info = infoArg(call, 'info', o.info);
  const root = rootArg(call, o.root, size);
  const errcodes = errcodesArg(call, o.errcodes);
  // Read at the root only, as MPI does (mpi4py too): elsewhere they may be anything.
  const atRoot = rank === root;
  const c = atRoot ? command(call, 'command', cmd) : null;
  const a = atRoot ? argv(call, 'args', o.args) : null;
  let id: number, codes: number[];
  try {
    [id, codes] = S.Spawn(comm, c, a, maxprocs, info, root);
  } catch (e) {
    throw spawnFailed(call, e);
  }
  if (errcodes) errcodes.splice(0, errcodes.length, ...codes);
  return id;
}

/** @internal Intracomm.Spawn_multiple's work. */
export function spawnMultiple(call: string, comm: number, rank: number, size: number, cmds: unknown, o: SpawnMultipleOptions): number {
  const root = rootArg(call, o.root, size);
  const errcodes = errcodesArg(call, o.errcodes);
  const atRoot = rank === root;
  let commands: string[] | null = null;
  let count: number;
  if (atRoot) {
    if (!Array.isArray(cmds)) throw new TypeError(`${call}: command must be an array of commands, got ${describe(cmds)}`);
    commands = cmds.map((c, k) => command(call, `command[${k}]`, c));
    count = commands.length;
  } else {
    // Elsewhere only maxprocs counts (it sizes errcodes), as in mpi4py.
    count = Array.isArray(o.maxprocs) ? o.maxprocs.length : Array.isArray(cmds) ? cmds.length : 0;
  }
  let maxprocs: number[];
  if (o.maxprocs === null || o.maxprocs === undefined) maxprocs = new Array<number>(count).fill(1);
  else if (typeof o.maxprocs === 'number') maxprocs = new Array<number>(count).fill(A.int(call, 'maxprocs', o.maxprocs));
  else if (Array.isArray(o.maxprocs)) maxprocs = o.maxprocs.map((n, k) => A.int(call, `maxprocs[${k}]`, n));
  else throw new TypeError(`${call}: maxprocs must be a number, an array of numbers or null, got ${describe(o.maxprocs)}`);
  if (maxprocs.length !== count) throw new RangeError(`${call}: maxprocs has ${maxprocs.length} entries for ${count} commands`);
  maxprocs.forEach((n, k) => {
    if (n < 0) throw new RangeError(`${call}: maxprocs[${k}] ${n} must not be negative`);
  });
  let args: string[][] | null = null;
  let infos: number[] = [];
  if (atRoot) {
    if (o.args !== null && o.args !== undefined) {
      if (!Array.isArray(o.args)) throw new TypeError(`${call}: args must be an array of arrays of strings or null, got ${describe(o.args)}`);
      if (o.args.length !== count) throw new RangeError(`${call}: args has ${o.args.length} entries for ${count} commands`);
      args = o.args.map((x, k) => argv(call, `args[${k}]`, x) ?? []);
    }
    const info = o.info ?? INFO_NULL;
    if (Array.isArray(info)) {
      if (info.length !== count) throw new RangeError(`${call}: info has ${info.length} entries for ${count} commands`);
      infos = info.map((x, k) => infoArg(call, `info[${k}]`, x));
    } else infos = new Array<number>(count).fill(infoArg(call, 'info', info));
  }
  let id: number, codes: number[];
  try {
    [id, codes] = S.Spawn_multiple(comm, commands, args, maxprocs, infos, root);
  } catch (e) {
    throw spawnFailed(call, e);
  }
  if (errcodes) {
    let p = 0;
    errcodes.splice(0, errcodes.length, ...maxprocs.map((n) => codes.slice(p, (p += n))));
  }
  return id;
}

/** @internal Accept's and Connect's work: the port name is read at the root only. */
export function acceptOrConnect(call: 'Accept' | 'Connect', comm: number, rank: number, size: number, port: unknown, o: PortOptions): number {
  const info = infoArg(call, 'info', o.info);
  const root = rootArg(call, o.root, size);
  const p = rank === root ? cString(call, 'port_name', port) : null;
  return call === 'Accept' ? S.Accept(comm, p, info, root) : S.Connect(comm, p, info, root);
}

/** A new port this process can accept connections on. mpi4py: `MPI.Open_port(info=INFO_NULL)`. */
export function Open_port(info: Info | { info?: Info } = INFO_NULL): string {
  if (!(info instanceof Info)) ({ info } = A.options('Open_port', info, { info: INFO_NULL }));
  return S.Open_port(infoArg('Open_port', 'info', info));
}

/** mpi4py: `MPI.Close_port(port_name)`. */
export function Close_port(port_name: string): void {
  S.Close_port(cString('Close_port', 'port_name', port_name));
}

/**
 * Publishes port_name under service_name (Open MPI: to the processes of the
 * same mpirun, or to all through ompi-server). mpi4py:
 * `MPI.Publish_name(service_name, port_name, info=INFO_NULL)`.
 */
export function Publish_name(service_name: string, port_name: string, info: Info | { info?: Info } = INFO_NULL): void {
  const call = 'Publish_name';
  if (!(info instanceof Info)) ({ info } = A.options(call, info, { info: INFO_NULL }));
  S.Publish_name(cString(call, 'service_name', service_name), infoArg(call, 'info', info), cString(call, 'port_name', port_name));
}

/** mpi4py: `MPI.Unpublish_name(service_name, port_name, info=INFO_NULL)`. */
export function Unpublish_name(service_name: string, port_name: string, info: Info | { info?: Info } = INFO_NULL): void {
  const call = 'Unpublish_name';
  if (!(info instanceof Info)) ({ info } = A.options(call, info, { info: INFO_NULL }));
  S.Unpublish_name(cString(call, 'service_name', service_name), infoArg(call, 'info', info), cString(call, 'port_name', port_name));
}

/**
 * The port published under service_name; MPI.Exception ERR_NAME when none is
 * (Open MPI: nothing published in this mpirun, nor in ompi-server when used).
 * mpi4py: `MPI.Lookup_name(service_name, info=INFO_NULL)`.
 */
export function Lookup_name(service_name: string, info: Info | { info?: Info } = INFO_NULL): string {
  const call = 'Lookup_name';
  if (!(info instanceof Info)) ({ info } = A.options(call, info, { info: INFO_NULL }));
  const service = cString(call, 'service_name', service_name);
  try {
    return S.Lookup_name(service, infoArg(call, 'info', info));
  } catch (e) {
    if (!(e instanceof MPIException) || e.error_class !== ERR_NAME) throw e;
    throw new MPIException(e.error_code, e.error_class, e.error_string, e.call,
      `no port is published as '${service}' (Open MPI sees names published in the same mpirun, or through ompi-server)`);
  }
}

/** @internal Comm.Join's work. */
export function join(fd: unknown): number {
  const f = A.int('Join', 'fd', fd);
  if (f < 0) throw new RangeError(`Join: fd ${f} must not be negative`);
  return S.Join(f);
}
