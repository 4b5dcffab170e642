// The package as users get it: `npm pack` holds the build, the prebuilds and
// the sources to rebuild, nothing else; installed into an empty project it
// loads the prebuild without compiling (no build/, compilers on PATH that fail).
// MPI4JS_PACK_PREBUILDS names the platforms the tarball must carry (CI, after
// `npm run prebuild:all`: linux-x64,linux-arm64,linux-arm); by default this one's.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

import { ROOT } from './mpirun';

const run = (cmd: string, args: string[], cwd: string, env: NodeJS.ProcessEnv = {}) =>
  spawnSync(cmd, args, { cwd, encoding: 'utf8', env: { ...process.env, ...env }, timeout: 300_000 });

const prebuild = path.join(ROOT, `prebuilds/${os.platform()}-${os.arch()}/mpi4js.glibc.node`);
let tarball = '';

// The prebuilds are made on x86-64 (the ARM ones cross-compiled there).
const canPack = os.arch() === 'x64' || fs.existsSync(prebuild);
const maybe = canPack ? test : test.skip;
const why = canPack ? '' : ` (skipped: no prebuild for ${os.platform()}-${os.arch()}; they are made on x86-64)`;

beforeAll(() => {
  if (!canPack) return;
  if (!fs.existsSync(prebuild)) expect(run('npm', ['run', 'prebuild'], ROOT).status).toBe(0);
  const packed = run('npm', ['pack', '--json', '--pack-destination', os.tmpdir()], ROOT);
  expect(packed.status).toBe(0);
  tarball = path.join(os.tmpdir(), JSON.parse(packed.stdout)[0].filename);
});

maybe(`the tarball holds dist/, the prebuilds and the sources to rebuild, and nothing else${why}`, () => {
  const files = run('tar', ['-tzf', tarball], ROOT).stdout.split('\n').filter(Boolean);
  const platforms = (process.env.MPI4JS_PACK_PREBUILDS ?? `${os.platform()}-${os.arch()}`).split(',');
  for (const platform of platforms) {
    const binaries = files.filter((f) => f.startsWith(`package/prebuilds/${platform}/`) && f.endsWith('.node'));
    expect({ platform, binaries: binaries.length }).toEqual({ platform, binaries: 1 });
  }
  // Every prebuild made here is shipped.
  for (const dir of fs.existsSync(path.join(ROOT, 'prebuilds')) ? fs.readdirSync(path.join(ROOT, 'prebuilds')) : []) {
    for (const file of fs.readdirSync(path.join(ROOT, 'prebuilds', dir))) expect(files).toContain(`package/prebuilds/${dir}/${file}`);
  }
  expect(files).toContain('package/dist/index.js');
  expect(files).toContain('package/dist/index.mjs');
  expect(files).toContain('package/dist/index.d.ts');
  expect(files).toContain('package/dist/cli/index.js');
  expect(files).toContain('package/dist/cli/doctor-probe.js');
  expect(files).toContain('package/binding.gyp');
  expect(files).toContain('package/CMakeLists.txt');
  expect(files).toContain('package/src-native/comm.cc');
  expect(files).toContain('package/scripts/mpi-config.js');
  expect(files.filter((f) => /^package\/(test|bench|examples|build|lib|docs|node_modules)\//.test(f))).toEqual([]);
});

maybe(`installed into an empty project, it loads the prebuild with no compiler${why}`, () => {
  const project = fs.mkdtempSync(path.join(os.tmpdir(), 'mpi4js-user-'));
  // Compilers that fail: installing must not need them.
  const stubs = path.join(project, 'no-compilers');
  fs.mkdirSync(stubs);
  for (const tool of ['cc', 'gcc', 'c++', 'g++', 'make']) fs.writeFileSync(path.join(stubs, tool), '#!/bin/sh\necho "no compiler here" >&2\nexit 1\n', { mode: 0o755 });
  const env = { PATH: `${stubs}:${process.env.PATH}` };
  fs.writeFileSync(path.join(project, 'package.json'), JSON.stringify({ name: 'user-project', private: true }));
  const installed = run('npm', ['install', '--no-audit', '--no-fund', tarball], project, env);
  expect(installed.status).toBe(0);
  expect(fs.existsSync(path.join(project, 'node_modules/mpi4js/build'))).toBe(false);
  fs.writeFileSync(
    path.join(project, 'app.js'),
    "const { MPI } = require('mpi4js');\nconst c = MPI.COMM_WORLD;\nconst n = c.allreduce(1);\nconsole.log(`ok ${c.rank}/${c.size} ${n} ${require('mpi4js/package.json').version} ${require.resolve('mpi4js')}`);\n",
  );
  const r = run('sh', [path.join(ROOT, 'scripts/mpiexec.sh'), '-n', '2', process.execPath, 'app.js'], project, { ...env, PREBUILDS_ONLY: '1' });
  expect(r.stderr).toBe('');
  expect(r.stdout).toMatch(/^ok 0\/2 2 /m);
  expect(r.stdout).toMatch(/^ok 1\/2 2 /m);
  fs.rmSync(project, { recursive: true, force: true });
});
