/**
 * What the intercommunicator programs share (a helper, not a program): the
 * harness comm split into two groups of different sizes, all but the last
 * rank (color 0) and the last rank (color 1), joined by Create_intercomm with
 * each group's first process as leader.
 */
import { strictEqual } from 'node:assert/strict';

import { comm, MPI, rank, size } from './harness';

type Intracomm = typeof MPI.COMM_WORLD;
type Intercomm = InstanceType<typeof MPI.Intercomm>;

/** The two groups of intercommTwoGroups, from this process's side. */
export interface TwoGroups {
  /** The first group's size: all but comm's last rank. */
  lowSize: number;
  /** This process's group: 0 (the first size-1 ranks) or 1 (the last rank). */
  color: number;
  /** The other group's color. */
  other: number;
  /** This process's group as an intracommunicator (free it after inter). */
  local: Intracomm;
  /** This process's rank in its group. */
  mine: number;
  /** This process's group's size. */
  localSize: number;
  /** The other group's size. */
  remoteSize: number;
  /** The intercommunicator joining the groups. */
  inter: Intercomm;
}

/**
 * The harness comm as two groups joined by an intercommunicator, created with
 * tag (each program its own). Undefined over a communicator of one process,
 * which cannot make two non-empty groups: the program is then skipped by
 * design, as it says on stderr under its name.
 */
export function intercommTwoGroups(tag: number, name: string): TwoGroups | undefined {
  if (size < 2) {
    strictEqual(comm.size, 1);
    process.stderr.write(`${name}: skipped by design over a communicator of ${size} process (two groups need 2 or more)\n`);
    return undefined;
  }
  const lowSize = size - 1;
  const color = rank < lowSize ? 0 : 1;
  const local = comm.Split(color, rank);
  const inter = local.Create_intercomm(0, comm, color === 0 ? lowSize : 0, tag) as Intercomm;
  return { lowSize, color, other: 1 - color, local, mine: local.rank, localSize: local.size, remoteSize: color === 0 ? 1 : lowSize, inter };
}
