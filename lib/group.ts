/** Groups of processes. mpi4py: `MPI.Group`. */
import * as A from './args';
import { PROC_NULL } from './constants';
import { GROUP_EMPTY_ID, GROUP_NULL_ID, native } from './native';

const G = native.group;

/** mpi4py: `MPI.Group`. */
export class Group {
  /** @internal id in the addon's group table */
  handle: number;

  /** @internal */
  constructor(handle: number) {
    this.handle = handle;
  }

  /** mpi4py: `Get_size()`. */
  Get_size(): number {
    return G.size(this.handle);
  }

  /** This process's rank in the group, or MPI.UNDEFINED. mpi4py: `Get_rank()`. */
  Get_rank(): number {
    return G.rank(this.handle);
  }

  get size(): number {
    return this.Get_size();
  }

  get rank(): number {
    return this.Get_rank();
  }

  /** The group of the listed ranks, in that order. mpi4py: `Incl(ranks)`. */
  Incl(ranks: ArrayLike<number>): Group {
    return new Group(G.incl(this.handle, A.ints('Incl', 'ranks', ranks, G.size(this.handle))));
  }

  /** The group without the listed ranks. mpi4py: `Excl(ranks)`. */
  Excl(ranks: ArrayLike<number>): Group {
    return new Group(G.excl(this.handle, A.ints('Excl', 'ranks', ranks, G.size(this.handle))));
  }

  /** The ranks in `group` of the given ranks of this group. mpi4py: `Translate_ranks(ranks, group)`. */
  Translate_ranks(ranks: ArrayLike<number>, group: Group): number[] {
    return G.translateRanks(this.handle, A.ints('Translate_ranks', 'ranks', ranks, G.size(this.handle), [PROC_NULL]), A.ofKind('Translate_ranks', 'group', group, Group, 'MPI.Group').handle);
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

  /** mpi4py: `Free()`. */
  Free(): void {
    G.free(this.handle);
    this.handle = GROUP_NULL_ID;
  }
}

export const GROUP_NULL = new Group(GROUP_NULL_ID);
export const GROUP_EMPTY = new Group(GROUP_EMPTY_ID);
