// The package's types as users compile them: the files `npm pack` ships, in
// node_modules of a fresh project, compiled by `tsc --strict`, then run on 2
// ranks. One ES module project ("type": "module", module nodenext) and one
// CommonJS project (module nodenext, no "type"), with the programs of
// test/types/. Each also has a file of misuses that must fail to compile, each
// with the error marked on its line, so a type that lets everything through
// (unknown became any, the ES default export typed as the CommonJS one) fails.
//
// The package is the packed tarball unpacked, as npm installs a tarball or a
// `file:` dependency, except that its addon (build/) and its dependencies
// (node_modules/) are links to this checkout's: installing would compile the
// addon or fetch from the registry, and neither is what is tested here.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

import { BUILD, ROOT } from './mpirun';

const TSC = path.join(ROOT, 'node_modules/typescript/bin/tsc');
const FIXTURES = path.join(ROOT, 'test/types');

const run = (cmd: string, args: string[], cwd: string) =>
  spawnSync(cmd, args, { cwd, encoding: 'utf8', timeout: 120_000 });

let work = '';
let pkg = '';

beforeAll(() => {
  for (const f of ['index.js', 'index.mjs', 'index.d.ts', 'index.d.mts']) {
    if (!fs.existsSync(path.join(ROOT, 'dist', f))) throw new Error(`dist/${f} is missing: run \`npm run build:ts\` first`);
  }
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'mpi4js-types-'));
  // --ignore-scripts: dist/ is built already, and a prepack could build much more.
  const packed = run('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', work], ROOT);
  expect(packed.stderr).not.toMatch(/ERR!/);
  expect(packed.status).toBe(0);
  const tarball = path.join(work, JSON.parse(packed.stdout)[0].filename);
  pkg = path.join(work, 'mpi4js');
  fs.mkdirSync(pkg);
  expect(run('tar', ['-xzf', tarball, '-C', pkg, '--strip-components=1'], work).status).toBe(0);
  fs.symlinkSync(path.join(BUILD, 'build'), path.join(pkg, 'build'));
  fs.symlinkSync(path.join(ROOT, 'node_modules'), path.join(pkg, 'node_modules'));
});

afterAll(() => {
  if (work) fs.rmSync(work, { recursive: true, force: true });
});

/** A user project: the fixture's sources, mpi4js and @types/node in node_modules, a strict tsconfig. */
function project(name: 'esm' | 'cjs', packageJson: object, compilerOptions: object): string {
  const dir = path.join(work, name);
  fs.cpSync(path.join(FIXTURES, name), dir, { recursive: true });
  fs.mkdirSync(path.join(dir, 'node_modules/@types'), { recursive: true });
  fs.symlinkSync(pkg, path.join(dir, 'node_modules/mpi4js'));
  fs.symlinkSync(path.join(ROOT, 'node_modules/@types/node'), path.join(dir, 'node_modules/@types/node'));
  fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ private: true, ...packageJson, dependencies: { mpi4js: `file:${pkg}` } }));
  const options = { target: 'ES2022', lib: ['ES2022'], types: ['node'], strict: true, outDir: 'out', rootDir: '.', ...compilerOptions };
  fs.writeFileSync(path.join(dir, 'tsconfig.json'), JSON.stringify({ compilerOptions: options, files: ['app.ts'] }));
  fs.writeFileSync(path.join(dir, 'tsconfig.misuse.json'), JSON.stringify({ extends: './tsconfig.json', compilerOptions: { noEmit: true }, files: ['misuse.ts'] }));
  return dir;
}

/** `tsc --strict -p <config>`: exit code and output. */
function tsc(dir: string, config: string, extra: string[] = []) {
  const r = run(process.execPath, [TSC, '--strict', '-p', config, ...extra], dir);
  return { code: r.status, output: `${r.stdout}${r.stderr}` };
}

/** tsc's error lines. */
function errors(output: string): string[] {
  return output.split('\n').filter((line) => /error TS\d+/.test(line));
}

/** The errors a misuse file marks (`// error TS2322`), as `line TScode`. */
function marked(file: string): string[] {
  return fs
    .readFileSync(file, 'utf8')
    .split('\n')
    .flatMap((text, i) => {
      const m = /\/\/ error (TS\d+)/.exec(text);
      return m ? [`${i + 1} ${m[1]}`] : [];
    });
}

/** The errors tsc reported in misuse.ts, as `line TScode`. */
function reported(output: string): string[] {
  return Array.from(output.matchAll(/^misuse\.ts\((\d+),\d+\): error (TS\d+)/gm), (m) => `${m[1]} ${m[2]}`);
}

/** The compiled program on 2 ranks: its output lines, rank order. */
function mpirun2(dir: string): string[] {
  const r = spawnSync('sh', [path.join(ROOT, 'scripts/mpiexec.sh'), '-n', '2', process.execPath, 'out/app.js'], {
    cwd: dir,
    encoding: 'utf8',
    timeout: 90_000,
  });
  expect({ code: r.status, stderr: r.stderr }).toEqual({ code: 0, stderr: '' });
  return r.stdout.split('\n').filter(Boolean).sort();
}

interface Kind {
  title: string;
  name: 'esm' | 'cjs';
  packageJson: object;
  compilerOptions: object;
  /** The declaration file tsc must resolve 'mpi4js' to. */
  declarations: 'index.d.mts' | 'index.d.ts';
  /** What each rank prints. */
  output: string[];
}

const kinds: Kind[] = [
  {
    title: 'an ES module project ("type": "module", module nodenext): the default import, the named import and typed received values',
    name: 'esm',
    packageJson: { type: 'module' },
    compilerOptions: { module: 'nodenext', moduleResolution: 'nodenext' },
    declarations: 'index.d.mts',
    output: ['ok 0/2 esm 42 [from 1] 0,10 3 [tag8 1] 100 1 ab', 'ok 1/2 esm 42 [from 0] none 3 [tag8 0] 0 0 ab'],
  },
  {
    title: 'a CommonJS project (module nodenext, no "type"): import, import = require and a checked require()',
    name: 'cjs',
    packageJson: {},
    compilerOptions: { module: 'nodenext', moduleResolution: 'nodenext', allowJs: true, checkJs: true },
    declarations: 'index.d.ts',
    output: ['ok 0/2 cjs 42 zero 0,1 [from 1] 3 1 0 [any 1]', 'ok 1/2 cjs 42 one 0,1 [from 0] none 0 0 [any 0]'],
  },
];

describe.each(kinds)('$title', ({ name, packageJson, compilerOptions, declarations, output }) => {
  let dir = '';
  beforeAll(() => {
    dir = project(name, packageJson, compilerOptions);
  });

  test(`compiles under --strict against ${declarations} and runs on 2 ranks`, () => {
    const compiled = tsc(dir, 'tsconfig.json', ['--traceResolution']);
    const resolved = [...compiled.output.matchAll(/Module name 'mpi4js' was successfully resolved to '[^']*\/mpi4js\/dist\/(index\.d\.m?ts)'/g)].map((m) => m[1]);
    expect(new Set(resolved)).toEqual(new Set([declarations]));
    expect({ code: compiled.code, errors: errors(compiled.output) }).toEqual({ code: 0, errors: [] });
    expect(mpirun2(dir)).toEqual(output);
  });

  test('misuses are compile errors, each where it is marked', () => {
    const expected = marked(path.join(dir, 'misuse.ts'));
    expect(expected.length).toBeGreaterThan(5);
    const r = tsc(dir, 'tsconfig.misuse.json');
    expect(r.code).not.toBe(0);
    expect(reported(r.output)).toEqual(expected);
  });
});
