/** mpi4py's `MPI.Intracomm`: a communicator within one group; COMM_WORLD and COMM_SELF. */
import * as A from '../args';
import { ERR_RANK } from '../constants';
import { argumentError } from '../errors';
import { Group } from '../group';
import * as P from '../msgpickle';
import { COMM_NULL_ID, COMM_SELF_ID, COMM_WORLD_ID } from '../native';
import { C, Comm, COMM_NULL, kinds } from './comm';
import { CART, SPLIT, SPLIT_TYPE } from './options';
import type { CartOptions, SplitOptions, SplitTypeOptions } from './options';
// --- info objects and communicator creation (issue 13)
import { CREATE_GROUP } from './options';
import type { CreateGroupOptions } from './options';
import { Info, infoArg } from '../info';
import type { Cartcomm } from './cartcomm';
// --- topologies (issue 13)
import * as T from './topoargs';
import type { Graphcomm } from './graphcomm';
import type { Distgraphcomm } from './distgraphcomm';
import type { Intercomm } from './intercomm';
// --- sessions (issue 13 part 1)
import { commFromGroup } from '../session';
import type { CreateFromGroupOptions } from '../session';
import type { Errhandler } from '../errhandler';
// --- dynamic processes (issue 15)
import * as Spawn from '../spawn';
import type { PortOptions, SpawnMultipleOptions, SpawnOptions } from '../spawn';

/** mpi4py: `MPI.Intracomm`: a communicator within one group of processes. */
export class Intracomm extends Comm {
  /**
   * The communicator of group's processes, made by them alone with no parent
   * communicator: with a session's process-set group (`Session.Create_group`),
   * the sessions model's way to a communicator. No errhandler is
   * MPI.ERRORS_RETURN. MPI-4.0: NotImplementedError where the library lacks it.
   * mpi4py: `Intracomm.Create_from_group(group, stringtag="org.mpi4py", info=INFO_NULL, errhandler=None)`.
   */
  static Create_from_group(
    group: Group,
    stringtag?: string | CreateFromGroupOptions,
    info?: Info | Omit<CreateFromGroupOptions, 'stringtag'>,
    errhandler?: Errhandler | null | Pick<CreateFromGroupOptions, 'errhandler'>,
  ): Intracomm {
    const h = commFromGroup(group, stringtag, info, errhandler);
    return (h === COMM_NULL_ID ? COMM_NULL : new Intracomm(h)) as Intracomm;
  }

  /** Splits into one communicator per color, ordered by key. mpi4py: `Split(color=0, key=0)`. */
  Split(color?: number | SplitOptions, key?: number | Pick<SplitOptions, 'key'>): Intracomm {
    const o = A.trailing('Split', SPLIT, [color, key]);
    P.flush(this.handle);
    return this.wrap(C.Split(this.live('Split'), A.color('Split', o.color), A.int('Split', 'key', o.key))) as Intracomm;
  }

  /**
   * E.g. `Split_type(MPI.COMM_TYPE_SHARED)`: one communicator per node;
   * MPI.UNDEFINED (and a split type the library lacks, which is UNDEFINED):
   * COMM_NULL. mpi4py: `Split_type(split_type, key=0, info=INFO_NULL)`.
   */
  Split_type(
    split_type: number | SplitTypeOptions,
    key?: number | Omit<SplitTypeOptions, 'split_type'>,
    info?: Info | Pick<SplitTypeOptions, 'info'>,
  ): Intracomm {
    const o = A.trailing('Split_type', SPLIT_TYPE, [split_type, key, info]);
    const t = A.int('Split_type', 'split_type', o.split_type);
    const k = A.int('Split_type', 'key', o.key);
    const i = infoArg('Split_type', 'info', o.info);
    P.flush(this.handle);
    return this.wrap(C.Split_type_info(this.live('Split_type'), t, k, i)) as Intracomm;
  }

  /**
   * The communicator of group, a subgroup of this one: only its members call
   * it (collective over the group alone). mpi4py: `Create_group(group, tag=0)`.
   */
  Create_group(group: Group | CreateGroupOptions, tag?: number | Pick<CreateGroupOptions, 'tag'>): Intracomm {
    const o = A.trailing('Create_group', CREATE_GROUP, [group, tag]);
    const g = A.ofKind('Create_group', 'group', o.group, Group, 'MPI.Group').handle;
    const t = A.int('Create_group', 'tag', o.tag);
    if (t < 0) throw new RangeError(`Create_group: tag ${t} must not be negative`);
    P.flush(this.handle);
    return this.wrap(C.Create_group(this.live('Create_group'), g, t)) as Intracomm;
  }

  /** The communicator of a subgroup; COMM_NULL outside it. mpi4py: `Create(group)`. */
  Create(group: Group): Intracomm {
    P.flush(this.handle);
    return this.wrap(C.Create(this.live('Create'), A.ofKind('Create', 'group', group, Group, 'MPI.Group').handle)) as Intracomm;
  }

  /**
   * A Cartesian grid, COMM_NULL for ranks left out.
   * mpi4py: `Create_cart(dims, periods=None, reorder=False)`.
   */
  Create_cart(
    dims: ArrayLike<number> | CartOptions,
    periods?: ArrayLike<boolean | number> | boolean | null | Omit<CartOptions, 'dims'>,
    reorder?: boolean | Pick<CartOptions, 'reorder'>,
  ): Cartcomm | Comm {
    const o = A.trailing('Create_cart', CART, [dims, periods, reorder]);
    P.flush(this.handle);
    const d = A.ints('Create_cart', 'dims', o.dims);
    // null or undefined: no periodic dimension (mpi4py: None); anything else must be a list of flags.
    // null, undefined or one boolean for every dimension (mpi4py); else a list of flags, one per dimension.
    const p = T.periods('Create_cart', o.periods, d.length);
    const h = C.Create_cart(this.live('Create_cart'), d, p, Boolean(o.reorder));
    return h === COMM_NULL_ID ? COMM_NULL : new kinds.Cartcomm(h);
  }

  // --- topologies (issue 13): the arguments are read in lib/comm/topoargs.ts

  /**
   * A graph of index.length nodes, COMM_NULL for ranks beyond them; index may
   * have a leading 0 (mpi4py's extension). mpi4py: `Create_graph(index, edges, reorder=False)`.
   */
  Create_graph(index: ArrayLike<number> | T.GraphOptions, edges?: ArrayLike<number> | Omit<T.GraphOptions, 'index'>, reorder?: boolean | Pick<T.GraphOptions, 'reorder'>): Graphcomm | Comm {
    const call = 'Create_graph';
    const o = A.trailing(call, T.GRAPH_ARGS, [index, edges, reorder]);
    const g = T.graph(call, o.index, o.edges);
    const h = this.live(call);
    P.flush(h);
    const out = C.Create_graph(h, g.index, g.edges, Boolean(o.reorder));
    return out === COMM_NULL_ID ? COMM_NULL : new kinds.Graphcomm(out);
  }

  /**
   * A distributed graph from each process's own in- and out-neighbours.
   * mpi4py: `Create_dist_graph_adjacent(sources, destinations, sourceweights=None, destweights=None, info=INFO_NULL, reorder=False)`.
   */
  Create_dist_graph_adjacent(
    sources: ArrayLike<number> | T.DistGraphAdjacentOptions,
    destinations?: ArrayLike<number> | Omit<T.DistGraphAdjacentOptions, 'sources'>,
    sourceweights?: T.Weights | Omit<T.DistGraphAdjacentOptions, 'sources' | 'destinations'>,
    destweights?: T.Weights | Pick<T.DistGraphAdjacentOptions, 'destweights' | 'info' | 'reorder'>,
    info?: Info | null | Pick<T.DistGraphAdjacentOptions, 'info' | 'reorder'>,
    reorder?: boolean | Pick<T.DistGraphAdjacentOptions, 'reorder'>,
  ): Distgraphcomm {
    const call = 'Create_dist_graph_adjacent';
    const o = A.trailing(call, T.DIST_GRAPH_ADJACENT, [sources, destinations, sourceweights, destweights, info, reorder]);
    const size = this.sizeIn(call);
    const s = T.ranks(call, 'sources', o.sources, size);
    const d = T.ranks(call, 'destinations', o.destinations, size);
    const sw = T.weights(call, 'sourceweights', o.sourceweights, s.length);
    const dw = T.weights(call, 'destweights', o.destweights, d.length);
    const h = this.live(call);
    P.flush(h);
    return new kinds.Distgraphcomm(C.Create_dist_graph_adjacent(h, s, sw, d, dw, Boolean(o.reorder), T.hints(call, o.info)));
  }

  /**
   * A distributed graph from edges any process may give: sources[i] has
   * degrees[i] of the destinations, in order.
   * mpi4py: `Create_dist_graph(sources, degrees, destinations, weights=None, info=INFO_NULL, reorder=False)`.
   */
  Create_dist_graph(
    sources: ArrayLike<number> | T.DistGraphOptions,
    degrees?: ArrayLike<number> | Omit<T.DistGraphOptions, 'sources'>,
    destinations?: ArrayLike<number> | Omit<T.DistGraphOptions, 'sources' | 'degrees'>,
    weights?: T.Weights | Pick<T.DistGraphOptions, 'weights' | 'info' | 'reorder'>,
    info?: Info | null | Pick<T.DistGraphOptions, 'info' | 'reorder'>,
    reorder?: boolean | Pick<T.DistGraphOptions, 'reorder'>,
  ): Distgraphcomm {
    const call = 'Create_dist_graph';
    const o = A.trailing(call, T.DIST_GRAPH, [sources, degrees, destinations, weights, info, reorder]);
    const size = this.sizeIn(call);
    const s = T.ranks(call, 'sources', o.sources, size);
    const deg = A.ints(call, 'degrees', o.degrees);
    A.length(call, 'degrees', deg, s.length, 'one per source');
    let edges = 0;
    deg.forEach((n, k) => {
      if (n < 0) throw new RangeError(`${call}: degrees[${k}] = ${n} is negative`);
      edges += n;
    });
    const d = T.ranks(call, 'destinations', o.destinations, size);
    A.length(call, 'destinations', d, edges, 'the sum of degrees');
    const w = T.weights(call, 'weights', o.weights, edges);
    const h = this.live(call);
    P.flush(h);
    return new kinds.Distgraphcomm(C.Create_dist_graph(h, s, deg, d, w, Boolean(o.reorder), T.hints(call, o.info)));
  }

  /** This process's rank in such a grid, or MPI.UNDEFINED. mpi4py: `Cart_map(dims, periods=None)`. */
  Cart_map(dims: ArrayLike<number>, periods?: ArrayLike<boolean | number> | boolean | null): number {
    const d = A.ints('Cart_map', 'dims', dims);
    const r = C.Cart_map(this.live('Cart_map'), d, T.periods('Cart_map', periods, d.length));
    return T.inside(r, d.reduce((n, x) => n * x, 1));
  }

  /** This process's rank in such a graph, or MPI.UNDEFINED. mpi4py: `Graph_map(index, edges)`. */
  Graph_map(index: ArrayLike<number>, edges: ArrayLike<number>): number {
    const g = T.graph('Graph_map', index, edges);
    return T.inside(C.Graph_map(this.live('Graph_map'), g.index, g.edges), g.index.length);
  }

  // --- intercommunicators (issue 13)

  /**
   * An intercommunicator joining this group and another: each group calls with
   * its own communicator and leader, and peer_comm, a communicator holding both
   * leaders (read at the leaders only; MPI.COMM_NULL elsewhere is fine).
   * mpi4py: `Create_intercomm(local_leader, peer_comm, remote_leader, tag=0)`.
   */
  Create_intercomm(local_leader: number, peer_comm: Comm, remote_leader: number, tag: number | { tag?: number } = 0): Intercomm {
    const call = 'Create_intercomm';
    if (typeof tag !== 'number') ({ tag } = A.options(call, tag, { tag: 0 }));
    // Every process of the group names the same leader: one out of the group is refused on all of them, before MPI.
    const leader = A.int(call, 'local_leader', local_leader);
    if (leader < 0 || leader >= this.sizeIn(call)) throw argumentError(ERR_RANK, call, `local_leader ${leader} is out of range for a communicator of size ${this.sizeIn(call)}`);
    const peer = A.ofKind(call, 'peer_comm', peer_comm, Comm, 'MPI.Comm').handle;
    const remote = A.int(call, 'remote_leader', remote_leader);
    const t = A.sendTag(call, tag);
    P.flush(this.handle);
    return new kinds.Intercomm(C.Intercomm_create(this.live(call), leader, peer, remote, t));
  }

  // --- dynamic processes (issue 15): lib/spawn.ts reads the arguments

  /**
   * Starts maxprocs processes of command (collective; command and args are
   * read at the root only): an Intercomm to them. A Node program:
   * `Spawn(process.execPath, [file, ...args], n)`. errcodes, if given, is
   * filled in place. mpi4py: `Spawn(command, args=None, maxprocs=1,
   * info=INFO_NULL, root=0, errcodes=None)`.
   */
  Spawn(
    command: string | URL,
    args?: readonly string[] | null | SpawnOptions,
    maxprocs?: number | Omit<SpawnOptions, 'args'>,
    info?: Info | Pick<SpawnOptions, 'info' | 'root' | 'errcodes'>,
    root?: number | Pick<SpawnOptions, 'root' | 'errcodes'>,
    errcodes?: number[] | null | Pick<SpawnOptions, 'errcodes'>,
  ): Intercomm {
    const o = A.trailing('Spawn', Spawn.SPAWN, [args, maxprocs, info, root, errcodes]);
    const h = this.live('Spawn');
    P.flush(h);
    return new kinds.Intercomm(Spawn.spawn('Spawn', h, this.rankIn('Spawn'), this.sizeIn('Spawn'), command, o));
  }

  /**
   * Starts the processes of several commands as one job (collective). mpi4py:
   * `Spawn_multiple(command, args=None, maxprocs=None, info=INFO_NULL, root=0, errcodes=None)`.
   */
  Spawn_multiple(
    command: readonly (string | URL)[],
    args?: readonly (readonly string[])[] | null | SpawnMultipleOptions,
    maxprocs?: readonly number[] | number | null | Omit<SpawnMultipleOptions, 'args'>,
    info?: readonly Info[] | Info | Pick<SpawnMultipleOptions, 'info' | 'root' | 'errcodes'>,
    root?: number | Pick<SpawnMultipleOptions, 'root' | 'errcodes'>,
    errcodes?: number[][] | null | Pick<SpawnMultipleOptions, 'errcodes'>,
  ): Intercomm {
    const o = A.trailing('Spawn_multiple', Spawn.SPAWN_MULTIPLE, [args, maxprocs, info, root, errcodes]);
    const h = this.live('Spawn_multiple');
    P.flush(h);
    return new kinds.Intercomm(Spawn.spawnMultiple('Spawn_multiple', h, this.rankIn('Spawn_multiple'), this.sizeIn('Spawn_multiple'), command, o));
  }

  /**
   * Waits for a Connect to port_name (from MPI.Open_port; read at the root
   * only): an Intercomm to the connecting group. mpi4py:
   * `Accept(port_name, info=INFO_NULL, root=0)`.
   */
  Accept(port_name: string | null, info?: Info | PortOptions, root?: number | Pick<PortOptions, 'root'>): Intercomm {
    const o = A.trailing('Accept', Spawn.PORT, [info, root]);
    const h = this.live('Accept');
    P.flush(h);
    return new kinds.Intercomm(Spawn.acceptOrConnect('Accept', h, this.rankIn('Accept'), this.sizeIn('Accept'), port_name, o));
  }

  /** Connects to a group waiting in Accept on port_name. mpi4py: `Connect(port_name, info=INFO_NULL, root=0)`. */
  Connect(port_name: string | null, info?: Info | PortOptions, root?: number | Pick<PortOptions, 'root'>): Intercomm {
    const o = A.trailing('Connect', Spawn.PORT, [info, root]);
    const h = this.live('Connect');
    P.flush(h);
    return new kinds.Intercomm(Spawn.acceptOrConnect('Connect', h, this.rankIn('Connect'), this.sizeIn('Connect'), port_name, o));
  }
}

kinds.Intracomm = Intracomm;

/** mpi4py: `MPI.COMM_WORLD`: every process of the job. */
export const COMM_WORLD = new Intracomm(COMM_WORLD_ID);

/** mpi4py: `MPI.COMM_SELF`: this process alone. */
export const COMM_SELF = new Intracomm(COMM_SELF_ID);
