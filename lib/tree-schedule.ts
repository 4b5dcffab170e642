/**
 * Who sends to whom, and when, in lib/tree.ts's reductions: pure functions of
 * (rank, size, root), unit-tested in process (test/tree-schedule.test.ts).
 */

/** One step of a rank in a tree: receive from peer (whose run lies left or right of this rank's) or send to it. */
export interface Step {
  peer: number;
  send: boolean;
  /** For a receive: the peer's run comes before this rank's (combine peer's value first). */
  left: boolean;
}

/**
 * This rank's steps in a reduction to root over ranks 0…size-1, in order.
 * The ranks [lo, hi) reduce to r by halving: the half without r reduces to its
 * rank next to the split, which then sends to r. Each rank receives deepest
 * (smallest) runs first and sends once, last; its value always covers a
 * contiguous run of ranks, and the depth is ceil(log2(size)).
 */
export function reduceSteps(rank: number, size: number, root: number): Step[] {
  const steps: Step[] = [];
  let lo = 0;
  let hi = size;
  let r = root;
  // Walk down from the whole range to rank's own, recording each level's step; reversed at the end (deepest first).
  while (hi - lo > 1) {
    const mid = lo + Math.ceil((hi - lo) / 2);
    const rootInLeft = r < mid;
    const leftRoot = rootInLeft ? r : mid - 1;
    const rightRoot = rootInLeft ? mid : r;
    const other = rootInLeft ? rightRoot : leftRoot;
    if (rank === r) steps.push({ peer: other, send: false, left: !rootInLeft });
    else if (rank === other) steps.push({ peer: r, send: true, left: false });
    if (rank < mid) {
      hi = mid;
      r = leftRoot;
    } else {
      lo = mid;
      r = rightRoot;
    }
  }
  return steps.reverse();
}

/** This rank's steps in a broadcast from root down the same tree: reduceSteps reversed, each edge the other way. */
export function bcastSteps(rank: number, size: number, root: number): Step[] {
  return reduceSteps(rank, size, root)
    .reverse()
    .map((s) => ({ peer: s.peer, send: !s.send, left: false }));
}

/**
 * This rank's partners in a scan by recursive doubling, in order: rank XOR 1,
 * 2, 4, … where that rank exists. With each, the two exchange their block's
 * combined value; the higher of the two also folds it into its prefix.
 */
export function scanPartners(rank: number, size: number): number[] {
  const out: number[] = [];
  for (let mask = 1; mask < size; mask *= 2) {
    const peer = rank ^ mask;
    if (peer < size) out.push(peer);
  }
  return out;
}
