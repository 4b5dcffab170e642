/**
 * The test programs under AddressSanitizer (and UBSan), run by scripts/sanitize.sh
 * once it has built the instrumented addon in its scratch checkout:
 *
 *   node .build/test/sanitizer/run.js <checkout of the sanitizer build>
 *
 * Each program runs under mpirun on 1 and 2 ranks, each rank with the
 * sanitizer's runtime preloaded into node (which is not instrumented itself),
 * writing its reports to a file of its own. Fails when a program fails, when a
 * report has a frame in mpi4js's code, or when the deliberate fault of the
 * self-test (test/native/sanitizer-self-test.cc) is not reported as ours: a
 * detector that sees nothing proves nothing. Reports entirely inside Node, V8 or
 * Open MPI are printed as ignored, with their count.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';

import { describe, Finding, parseReports, sortFindings } from './report';

/** The programs (test/programs/*.ts), their rank counts, and what else they run with. */
const PROGRAMS: [string, number[], { nodeArgs?: string[]; args?: string[] }?][] = [
  ['buffer-safety', [1, 2]],
  ['integers-are-exact', [1, 2]],
  ['send-recv-every-kind-of-value', [2]],
  ['buffers-of-every-element-type', [1, 2]],
  ['sendrecv-ring', [2]],
  ['buffer-collectives-from-every-root', [2]],
  ['buffer-reductions', [2]],
  ['vector-collectives', [2]],
  ['nonblocking-buffers', [1, 2]],
  ['nonblocking-objects-and-completion', [2]],
  // Buffers of pending requests against the garbage collector, forced.
  ['requests-keep-their-buffers-alive', [2], { nodeArgs: ['--expose-gc'] }],
  ['cancel-a-receive', [2]],
  ['irecv-then-receive-or-probe-completes', [2]],
  ['irecv-then-wait-completes', [1, 2]],
  ['probe-and-matched-probe', [1, 2]],
  ['a-failed-message-receive-keeps-the-message', [2]],
  ['cartesian-topology', [1, 2]],
  ['freed-handles-become-null', [1, 2]],
  ['bad-arguments-are-clear-errors', [1, 2]],
  // Derived datatypes (issue 12): constructors with huge counts and strides (the overflow paths), strided buffers.
  ['datatype-constructors-match-hand-computed-layouts', [1, 2]],
  ['derived-datatypes-in-every-buffer-call', [2]],
  ['bad-datatype-inputs-are-clear-errors', [1, 2]],
  ['predefined-datatypes-are-the-constants', [2]],
  // Finalize from process.exit(): the addon's teardown with requests and handles live.
  ['finalized-at-exit', [2], { args: ['process.exit'] }],
  // One-sided communication (issue 14): MPI's own window memory and its views, targets checked, holds against the collector.
  ['windows-of-every-flavour', [1, 2]],
  ['one-sided-operations', [1, 2]],
  ['one-sided-synchronization', [2]],
  ['one-sided-bad-input', [1, 2]],
  ['window-memory-in-use-is-not-freed', [1, 2]],
  ['windows-keep-their-memory-alive', [1, 2], { nodeArgs: ['--expose-gc'] }],
  ['window-attributes', [1, 2]],
  ['native-rechecks-single-elements-and-list-lengths', [1, 2]],
];

const ROOT = path.join(__dirname, '../../..');
const build = path.resolve(process.argv[2] ?? path.join(ROOT, '.build/asan'));
const reports = path.join(build, 'reports');
const runtime = process.env.MPI4JS_SANITIZER_RUNTIME ?? '';
if (!runtime) throw new Error('sanitizer run: MPI4JS_SANITIZER_RUNTIME (the libasan.so to preload) is not set');

/** The sanitizers' settings for one job; its reports go to <dir>/asan.<pid>. */
function sanitizerEnv(dir: string): string[] {
  const common = [
    `log_path=${dir}/asan`,
    // Every frame names its binary as well as its source line, so code inlined
    // into mpi4js.node from node-addon-api's headers counts as ours.
    'stack_trace_format="    #%n %p in %f %S (%m+%o)"',
    'print_summary=1',
  ];
  return [
    `LD_PRELOAD=${runtime}`,
    // Node and Open MPI leak by design (allocations kept until exit). Reports do
    // not stop the job (the build has -fsanitize-recover=address), so one run
    // lists every finding, and one inside Node does not hide one of ours.
    `ASAN_OPTIONS=${[...common, 'detect_leaks=0', 'halt_on_error=0', 'detect_odr_violation=0', 'allow_user_segv_handler=1'].join(':')}`,
    `UBSAN_OPTIONS=${[...common, 'print_stacktrace=1', 'halt_on_error=0'].join(':')}`,
  ];
}

interface Job {
  label: string;
  ok: boolean;
  why: string;
  findings: Finding[];
  seconds: number;
}

/** Runs one program on np ranks under the sanitizers. */
function job(label: string, program: string, np: number, nodeArgs: string[] = [], args: string[] = []): Job {
  const dir = path.join(reports, label.replace(/\W+/g, '-'));
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  const start = Date.now();
  // env(1) puts the runtime into the ranks only, not into mpirun and its daemons.
  const r = spawnSync('sh', [path.join(ROOT, 'scripts/mpiexec.sh'), '-n', String(np), 'env', ...sanitizerEnv(dir), process.execPath, ...nodeArgs, program, ...args], {
    cwd: build,
    encoding: 'utf8',
    timeout: 180_000,
    env: { ...process.env, MPI4JS_TEST_BUILD: build },
  });
  const seconds = (Date.now() - start) / 1000;
  // ASan writes to the log files; UBSan's reports reach stderr whatever
  // log_path says (gcc 12: its diagnostics bypass the log file, only their
  // SUMMARY line lands there), so both are read.
  const logs = fs.readdirSync(dir).map((f) => fs.readFileSync(path.join(dir, f), 'utf8'));
  const findings = [...logs, r.stderr ?? ''].flatMap((text) => parseReports(text));
  const lines = new Set((r.stdout ?? '').split('\n'));
  const missing = Array.from({ length: np }, (_, i) => `ok ${i}/${np}`).filter((l) => !lines.has(l));
  const ok = r.status === 0 && missing.length === 0;
  const why = ok ? '' : `exit ${r.status ?? r.signal}, missing ${missing.join(', ') || 'nothing'}\n--- stdout\n${r.stdout}\n--- stderr\n${r.stderr}`;
  return { label, ok, why, findings, seconds };
}

const started = Date.now();
const jobs: Job[] = [];
// MPI4JS_SANITIZER_ONLY: a regular expression of the program names to run (all by default).
const only = new RegExp(process.env.MPI4JS_SANITIZER_ONLY ?? '');
for (const [name, counts, extra] of PROGRAMS) {
  if (!only.test(name)) continue;
  for (const np of counts) {
    const j = job(`${name} -n ${np}`, path.join(build, '.build/test/programs', `${name}.js`), np, extra?.nodeArgs, extra?.args);
    const { ours, ignored } = sortFindings(j.findings);
    console.log(`${j.ok ? 'ok  ' : 'FAIL'} ${j.label.padEnd(50)} ${String(ours.length).padStart(3)} ours ${String(ignored.length).padStart(3)} ignored  ${j.seconds.toFixed(1)} s`);
    jobs.push(j);
  }
}

// The detector's own check: the deliberate heap read one past the end.
const self = job('self-test -n 1', path.join(build, '.build/test/sanitizer/self-test.js'), 1);
const selfOurs = sortFindings(self.findings).ours;
const detected = self.ok && selfOurs.some((f) => f.kind === 'heap-buffer-overflow' && /sanitizer-self-test\.cc/.test(f.where));
console.log(`${detected ? 'ok  ' : 'FAIL'} ${'self-test: a deliberate overflow is reported as ours'.padEnd(50)} ${String(selfOurs.length).padStart(3)} ours  ${self.seconds.toFixed(1)} s`);
for (const f of selfOurs) console.log(`       ${describe(f)}`);

const ours = jobs.flatMap((j) => sortFindings(j.findings).ours.map((f) => ({ job: j.label, f })));
const ignored = jobs.flatMap((j) => sortFindings(j.findings).ignored.map((f) => ({ job: j.label, f })));
const failed = jobs.filter((j) => !j.ok);

if (ignored.length > 0) {
  console.log(`\nignored (not ours): ${ignored.length} report(s) with no frame in mpi4js's code`);
  for (const { job: label, f } of ignored) console.log(`  [${label}] ${describe(f)}`);
}
for (const { job: label, f } of ours) console.log(`\n=== ours [${label}] ${describe(f)}\n${f.text}`);
for (const j of failed) console.log(`\n=== failed: ${j.label}\n${j.why}`);
if (!detected) console.log(`\n=== the self-test's overflow was not reported as ours\n${self.why}\n${self.findings.map((f) => f.text).join('\n\n')}`);

const wall = ((Date.now() - started) / 1000).toFixed(0);
console.log(
  `\nsanitizer run: ${jobs.length} jobs (${PROGRAMS.length} programs on 1 and 2 ranks), ${failed.length} failed; ` +
    `findings: ${ours.length} ours, ${ignored.length} ignored (not ours); self-test ${detected ? 'detected' : 'NOT detected'}; ${wall} s`,
);
process.exitCode = ours.length === 0 && failed.length === 0 && detected ? 0 : 1;
