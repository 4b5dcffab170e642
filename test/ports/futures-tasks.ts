// The tasks of test/ports/futures.ts: code the workers load by module and export.
export const square = (x: number): number => x * x;

export function fail(x: number): never {
  throw new RangeError(`bad input ${x}`);
}

export const pow = (a: number, b: number): number => a ** b;
