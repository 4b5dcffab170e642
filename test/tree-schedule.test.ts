// lib/tree.ts's schedules, in process (no MPI): simulated on every size up to
// 33 and every root, with strings for values and concatenation for the op
// (associative, not commutative), they must give the serial left fold, each
// rank receiving at most ceil(log2(size)) values.
import { bcastSteps, reduceSteps, scanPartners, Step } from '../lib/tree-schedule';

const depth = (n: number): number => Math.ceil(Math.log2(n));
const label = (i: number): string => `<${i}>`;
const fold = (from: number, to: number): string => Array.from({ length: to - from }, (_, i) => label(from + i)).join('');

/** Runs one step schedule per rank, messages in flight per (from, to) pair in order; fails on a deadlock. */
function simulate(size: number, steps: Step[][], start: (rank: number) => string, recv: (rank: number, acc: string, got: string, s: Step) => string): string[] {
  const acc = Array.from({ length: size }, (_, r) => start(r));
  const at = new Array(size).fill(0);
  const wires = new Map<string, string[]>();
  const received = new Array(size).fill(0);
  for (let progress = true; progress; ) {
    progress = false;
    for (let r = 0; r < size; r++) {
      while (at[r] < steps[r].length) {
        const s = steps[r][at[r]];
        if (s.send) {
          const key = `${r}>${s.peer}`;
          wires.set(key, [...(wires.get(key) ?? []), acc[r]]);
        } else {
          const q = wires.get(`${s.peer}>${r}`);
          if (!q || q.length === 0) break;
          acc[r] = recv(r, acc[r], q.shift() as string, s);
          received[r]++;
        }
        at[r]++;
        progress = true;
      }
    }
  }
  for (let r = 0; r < size; r++) expect(at[r]).toBe(steps[r].length);
  for (const q of wires.values()) expect(q).toEqual([]);
  for (let r = 0; r < size; r++) expect(received[r]).toBeLessThanOrEqual(Math.max(1, depth(size)));
  return acc;
}

const SIZES = Array.from({ length: 33 }, (_, i) => i + 1);

describe('reduceSteps', () => {
  test.each(SIZES)('on %i ranks, to every root: the left fold in rank order at the root, depth ceil(log2 p)', (size) => {
    for (let root = 0; root < size; root++) {
      const steps = Array.from({ length: size }, (_, r) => reduceSteps(r, size, root));
      const out = simulate(size, steps, label, (_r, acc, got, s) => (s.left ? got + acc : acc + got));
      expect(out[root]).toBe(fold(0, size));
      // The root only receives; every other rank sends exactly once, as its last step.
      expect(steps[root].every((s) => !s.send)).toBe(true);
      for (let r = 0; r < size; r++) {
        if (r === root) continue;
        expect(steps[r].filter((s) => s.send)).toHaveLength(1);
        expect(steps[r][steps[r].length - 1].send).toBe(true);
      }
      expect(steps[root].length).toBeLessThanOrEqual(size === 1 ? 0 : depth(size));
    }
  });
});

describe('bcastSteps', () => {
  test.each(SIZES)('on %i ranks, from every root: every rank gets the root\'s value once', (size) => {
    for (let root = 0; root < size; root++) {
      const steps = Array.from({ length: size }, (_, r) => bcastSteps(r, size, root));
      const out = simulate(size, steps, (r) => (r === root ? 'v' : ''), (_r, _acc, got) => got);
      expect(out).toEqual(new Array(size).fill('v'));
      for (let r = 0; r < size; r++) expect(steps[r].filter((s) => !s.send)).toHaveLength(r === root ? 0 : 1);
    }
  });
});

describe('scanPartners', () => {
  test('partners are rank XOR 2^k, in order, where they exist', () => {
    expect(scanPartners(0, 1)).toEqual([]);
    expect(scanPartners(0, 8)).toEqual([1, 2, 4]);
    expect(scanPartners(5, 8)).toEqual([4, 7, 1]);
    expect(scanPartners(2, 5)).toEqual([3, 0]);
    expect(scanPartners(4, 5)).toEqual([0]);
  });

  test.each(SIZES)('on %i ranks: recursive doubling gives every prefix in rank order', (size) => {
    // Exchanges in rounds: round k pairs rank with rank ^ 2^k (when both exist).
    const block = Array.from({ length: size }, (_, r) => label(r));
    const incl = [...block];
    const excl: (string | undefined)[] = new Array(size).fill(undefined);
    for (let mask = 1; mask < size; mask *= 2) {
      const sent = [...block];
      for (let r = 0; r < size; r++) {
        const peer = r ^ mask;
        if (peer >= size) continue;
        expect(scanPartners(r, size)).toContain(peer);
        const got = sent[peer];
        if (r > peer) {
          incl[r] = got + incl[r];
          excl[r] = excl[r] === undefined ? got : got + excl[r];
          block[r] = got + block[r];
        } else block[r] = block[r] + got;
      }
    }
    for (let r = 0; r < size; r++) {
      expect(incl[r]).toBe(fold(0, r + 1));
      expect(excl[r]).toBe(r === 0 ? undefined : fold(0, r));
    }
  });
});
