// The sanitizer run's report filter (test/sanitizer/report.ts), in process, fed
// with real reports saved from scripts/sanitize.sh's build (test/sanitizer/samples):
// the self-test's deliberate overflow as ASan logs it (symbolized, and not), as
// UBSan prints it to stderr, and an ASan report raised entirely inside Node.
import * as fs from 'node:fs';
import * as path from 'node:path';

import { describe as describeFinding, OUR_FRAME, parseReports, sortFindings } from './sanitizer/report';

const sample = (name: string): string => fs.readFileSync(path.join(__dirname, 'sanitizer/samples', name), 'utf8');

describe('sanitizer reports', () => {
  test("ASan's heap overflow in the self-test fixture is one finding, ours, with its allocation stack", () => {
    const findings = parseReports(sample('asan-heap-overflow-in-self-test.log'));
    // The log also holds UBSan's SUMMARY line of the same read, which is no report of its own.
    expect(findings).toHaveLength(1);
    const [f] = findings;
    expect(f.tool).toBe('AddressSanitizer');
    expect(f.kind).toBe('heap-buffer-overflow');
    expect(f.ours).toBe(true);
    expect(f.where).toMatch(/in ReadOnePastTheEnd \.\.\/src-native\/sanitizer-self-test\.cc:14 /);
    // The access stack (10 frames) and the allocation stack (31) alike.
    expect(f.frames).toHaveLength(41);
    expect(f.frames.some((l) => /operator new\[\]/.test(l))).toBe(true);
    expect(f.text).toMatch(/SUMMARY: AddressSanitizer: heap-buffer-overflow/);
    expect(describeFinding(f)).toMatch(/^AddressSanitizer: heap-buffer-overflow at ReadOnePastTheEnd /);
  });

  test('without symbols, the frames name mpi4js.node only, and that is enough to be ours', () => {
    const findings = parseReports(sample('asan-unsymbolized-self-test.log'));
    expect(findings.map((f) => f.tool)).toEqual(['UndefinedBehaviorSanitizer', 'AddressSanitizer']);
    const asan = findings[1];
    expect(asan.frames.some((l) => /src-native/.test(l))).toBe(false);
    expect(asan.ours).toBe(true);
    expect(asan.where).toMatch(/mpi4js\.node\+0x3b72a6\)$/);
  });

  test("UBSan's report on stderr is ours by its location line and its frames", () => {
    const findings = parseReports(sample('ubsan-stderr-self-test.log'));
    expect(findings).toHaveLength(1);
    const [f] = findings;
    expect(f.tool).toBe('UndefinedBehaviorSanitizer');
    expect(f.kind).toMatch(/^runtime error: load of address 0x[0-9a-f]+ with insufficient space for an object of type 'int'$/);
    expect(f.ours).toBe(true);
    expect(f.frames).toHaveLength(10);
    expect(f.where).toMatch(/ReadOnePastTheEnd \.\.\/src-native\/sanitizer-self-test\.cc:14$/);
  });

  test('a report whose frames are all in libc and Node is not ours', () => {
    const findings = parseReports(sample('asan-abort-inside-node.log'));
    expect(findings).toHaveLength(1);
    const [f] = findings;
    expect(f.kind).toBe('ABRT');
    expect(f.ours).toBe(false);
    expect(f.frames).toHaveLength(8);
    // Where it is, for the ignored list: its first frame.
    expect(f.where).toMatch(/^#0 0x[0-9a-f]+ in __pthread_kill_implementation /);
  });

  test('several reports in one text are split apart and sorted into ours and ignored', () => {
    const text = [sample('asan-abort-inside-node.log'), sample('asan-heap-overflow-in-self-test.log'), sample('ubsan-stderr-self-test.log')].join('\n');
    const { ours, ignored } = sortFindings(parseReports(text));
    expect(ours.map((f) => f.kind)).toEqual(['heap-buffer-overflow', expect.stringMatching(/^runtime error: /)]);
    expect(ignored.map((f) => f.kind)).toEqual(['ABRT']);
  });

  test('a log with no report has no findings', () => {
    expect(parseReports('')).toEqual([]);
    expect(parseReports('ok 0/1\nsome warning from Open MPI\n==123==WARNING: ASan is ignoring requested __asan_handle_no_return\n')).toEqual([]);
  });

  test('what counts as our frame', () => {
    expect(OUR_FRAME.test('#0 0x1 in f ../src-native/comm.cc:12 (/x/build/Release/mpi4js.node+0x10)')).toBe(true);
    expect(OUR_FRAME.test('#0 0x1  (/x/build/Release/mpi4js.node+0x10)')).toBe(true);
    expect(OUR_FRAME.test('#3 0x1 in Wrapper ../node_modules/node-addon-api/napi-inl.h:175 (/x/mpi4js.node+0x10)')).toBe(true);
    expect(OUR_FRAME.test('#0 0x1 in mca_pml_ob1_send (/usr/lib/x86_64-linux-gnu/openmpi/lib/openmpi3/mca_pml_ob1.so+0x10)')).toBe(false);
    expect(OUR_FRAME.test('#0 0x1 in node::Abort <null> (/usr/bin/node+0xd3a3dc)')).toBe(false);
    // A name that merely contains ours is not it.
    expect(OUR_FRAME.test('#0 0x1 (/x/not-mpi4js.node.so+0x10)')).toBe(false);
  });
});
