// The test programs themselves (in-process, no MPI): every program that runs
// over COMM_SELF, a Dup and a Split works on the harness's `comm`, never on
// COMM_WORLD behind its back (it would pass over the others without testing them).
import * as fs from 'node:fs';
import * as path from 'node:path';

import { ROOT, WORLD_AND_SPLIT, WORLD_ONLY } from './mpirun';

const DIR = path.join(ROOT, 'test/programs');
/** Programs that are not harness programs: helpers, the runner, non-TypeScript ones. */
const NOT_PROGRAMS = ['harness', 'run-many', 'typed', 'deadlock-cases', 'collected', 'intercomm-groups'];

/** What a program over every communicator may say of COMM_WORLD: a comparison, a type, its name, the world rank for a message. */
const ALLOWED = [/=== MPI\.COMM_WORLD\b/, /typeof MPI\.COMM_WORLD\b/, /'MPI_COMM_WORLD'/, /\$\{MPI\.COMM_WORLD\.rank\}/, /^\s*\/\//];

const programs = fs
  .readdirSync(DIR)
  .filter((f) => f.endsWith('.ts'))
  .map((f) => f.slice(0, -3))
  .filter((p) => !NOT_PROGRAMS.includes(p));

test('the lists of programs name programs that exist', () => {
  for (const p of [...Object.keys(WORLD_ONLY), ...Object.keys(WORLD_AND_SPLIT)]) {
    expect(fs.existsSync(path.join(DIR, `${p}.ts`)) || fs.existsSync(path.join(DIR, `${p}.js`)) ? p : `${p} does not exist`).toBe(p);
  }
});

test.each(programs.filter((p) => !(p in WORLD_ONLY)))('%s uses the harness comm, not COMM_WORLD', (p) => {
  const text = fs.readFileSync(path.join(DIR, `${p}.ts`), 'utf8');
  expect(text).toMatch(/from '\.\/(harness|deadlock-cases)'/);
  const lines = text.split('\n').filter((l) => l.includes('COMM_WORLD'));
  // Each mention on its own: a line may compare with COMM_WORLD and nothing else.
  // A line that needs COMM_WORLD itself says why, in a trailing `// COMM_WORLD itself: <reason>`.
  const offending = lines.filter((l) => !/\/\/ COMM_WORLD itself: \S/.test(l) && l.split('COMM_WORLD').length - 1 > ALLOWED.filter((a) => a.test(l)).length);
  expect(offending).toEqual([]);
});
