// The object benchmarks' values (described in bench/cases.json; bench/mpi4py/osu.py
// builds the same), for bench/osu.ts and bench/codec.ts. No MPI here.

/** The value of an object benchmark case: tiny, array1000 or nested. */
export function makeCase(name: string): unknown {
  if (name === 'tiny') return 42;
  if (name === 'array1000') return Array.from({ length: 1000 }, (_, i) => i * 0.5);
  if (name === 'nested') {
    return {
      id: 7,
      name: 'sensor-array',
      tags: ['a', 'b', 'c'],
      readings: Array.from({ length: 200 }, (_, i) => ({ t: i, v: i * 1.5, ok: i % 3 === 0, label: `r${i}` })),
    };
  }
  throw new Error(`unknown case ${name}`);
}
