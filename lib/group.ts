/** Groups of processes. mpi4py: `MPI.Group`. */
import * as A from './args';
import { ERR_GROUP } from './constants';
import { argumentError, MPIException } from './errors';
import { GROUP_EMPTY_ID, GROUP_NULL_ID, native } from './native';
import type { Session } from './session';

const G = native.group;

/** mpi4py: `MPI.Group`. */
export class Group {
  /** @internal id in the addon's group table */
  handle: number;

  /** @internal */
  constructor(handle: number) {
    this.handle = handle;
  }

  /**
   * @internal This group's id, for `call` to use: GROUP_NULL (a freed group
   * too) is MPI's ERR_GROUP naming the call, as mpi4py raises.
   */
  private live(call: string): number {
    if (this.handle === GROUP_NULL_ID) throw argumentError(ERR_GROUP, call, 'the group is MPI.GROUP_NULL (or a freed group)');
    return this.handle;
  }

  /** mpi4py: `Get_size()`. */
  Get_size(): number {
    return G.size(this.live('Get_size'));
  }

  /** This process's rank in the group, or MPI.UNDEFINED. mpi4py: `Get_rank()`. */
  Get_rank(): number {
    return G.rank(this.live('Get_rank'));
  }

  get size(): number {
    return G.size(this.live('Group.size'));
  }

  get rank(): number {
    return G.rank(this.live('Group.rank'));
  }

  /** The group of the listed ranks, in that order. mpi4py: `Incl(ranks)`. */
  Incl(ranks: ArrayLike<number>): Group {
    const h = this.live('Incl');
    return new Group(G.incl(h, A.groupRanks('Incl', ranks, G.size(h), { distinct: true })));
  }

  /** The group without the listed ranks. mpi4py: `Excl(ranks)`. */
  Excl(ranks: ArrayLike<number>): Group {
    const h = this.live('Excl');
    return new Group(G.excl(h, A.groupRanks('Excl', ranks, G.size(h), { distinct: true })));
  }

  /** The ranks in `group` of the given ranks of this group. mpi4py: `Translate_ranks(ranks, group)`. */
  Translate_ranks(ranks: ArrayLike<number>, group: Group): number[] {
    const other = A.ofKind('Translate_ranks', 'group', group, Group, 'MPI.Group').handle;
    // MPI allows PROC_NULL here (it translates to PROC_NULL).
    const h = this.live('Translate_ranks');
    return G.translateRanks(h, A.groupRanks('Translate_ranks', ranks, G.size(h), { procNull: true }), other);
  }

  /** MPI.IDENT, MPI.SIMILAR or MPI.UNEQUAL. mpi4py: `Compare(group)`. */
  Compare(group: Group): number {
    return G.compare(this.handle, A.ofKind('Compare', 'group', group, Group, 'MPI.Group').handle);
  }

  /** mpi4py: `Group.Union(group1, group2)`. */
  static Union(group1: Group, group2: Group): Group {
    return new Group(G.union(A.ofKind('Union', 'group1', group1, Group, 'MPI.Group').handle, A.ofKind('Union', 'group2', group2, Group, 'MPI.Group').handle));
  }

  /** mpi4py: `Group.Intersection(group1, group2)`. */
  static Intersection(group1: Group, group2: Group): Group {
    return new Group(G.intersection(A.ofKind('Intersection', 'group1', group1, Group, 'MPI.Group').handle, A.ofKind('Intersection', 'group2', group2, Group, 'MPI.Group').handle));
  }

  /** mpi4py: `Group.Difference(group1, group2)`. */
  static Difference(group1: Group, group2: Group): Group {
    return new Group(G.difference(A.ofKind('Difference', 'group1', group1, Group, 'MPI.Group').handle, A.ofKind('Difference', 'group2', group2, Group, 'MPI.Group').handle));
  }

  /**
   * The group of a session's process set, e.g. `mpi://WORLD` (MPI-4.0:
   * NotImplementedError where the library lacks it). mpi4py:
   * `Group.Create_from_session_pset(session, pset_name)`.
   */
  static Create_from_session_pset(session: Session, pset_name: string): Group {
    return sessionHooks.group('Group.Create_from_session_pset', session, pset_name);
  }

  /** mpi4py: `Free()`. Freeing MPI.GROUP_EMPTY, a predefined group, is MPI.Exception ERR_GROUP. */
  Free(): void {
    // Open MPI would release its static empty group (free(): invalid pointer).
    if (this.handle === GROUP_EMPTY_ID) throw new MPIException(ERR_GROUP, undefined, 'MPI.GROUP_EMPTY is predefined and cannot be freed', 'MPI_Group_free');
    G.free(this.handle);
    this.handle = GROUP_NULL_ID;
  }
}

export const GROUP_NULL = new Group(GROUP_NULL_ID);

/**
 * @internal lib/session.ts's group of a process set, set as it loads (it
 * imports this file: importing it here would be circular).
 */
export const sessionHooks = {
  group: (call: string, _session: unknown, _psetName: unknown): Group => {
    throw new Error(`${call}: mpi4js's sessions are not loaded`);
  },
};
export const GROUP_EMPTY = new Group(GROUP_EMPTY_ID);
