/**
 * Reading AddressSanitizer and UndefinedBehaviorSanitizer logs (scripts/sanitize.sh):
 * each report split out, and sorted into mpi4js's own findings (a frame in its
 * code: src-native/, the mpi4js.node, the self-test fixture) and the others
 * (entirely inside Node, V8, libuv, Open MPI, the C library), which are listed
 * as ignored, never dropped. Pure logic, unit-tested in test/sanitizer-report.test.ts.
 */

/** One sanitizer report. */
export interface Finding {
  /** 'AddressSanitizer', 'UndefinedBehaviorSanitizer', 'LeakSanitizer', … */
  tool: string;
  /** What went wrong: 'heap-buffer-overflow', 'SEGV', 'runtime error: …'. */
  kind: string;
  /** The report's first line (ASan's ERROR line, UBSan's "file:line: runtime error" line). */
  headline: string;
  /** Every stack frame line of the report (access, allocation and free stacks alike), trimmed. */
  frames: string[];
  /** Whether a frame (or UBSan's own location) is in mpi4js's code. */
  ours: boolean;
  /** The first of its frames in mpi4js's code, or else its first frame. */
  where: string;
  /** The full text of the report. */
  text: string;
}

/**
 * What marks a frame as mpi4js's: its sources (src-native/, which the sanitizer
 * build's copy keeps; test/native/ for the self-test fixture) or its binary
 * (mpi4js.node, for frames without a source line, and the node-addon-api code
 * inlined into it, which sanitize.sh's stack format names by module).
 */
export const OUR_FRAME = /\/src-native\/|\/test\/native\/|[/(]mpi4js\.node\b/;

// ASan's report header, "==1234==ERROR: AddressSanitizer: heap-buffer-overflow on …".
const ASAN_START = /^==\d+==ERROR: (\w+Sanitizer): ?(\S+)/;
// UBSan's, "/path/file.cc:12:5: runtime error: signed integer overflow: …".
const UBSAN_START = /^(.*?):\d+(?::\d+)?: runtime error: (.*)$/;
const FRAME = /^\s*#\d+ 0x[0-9a-f]+ /;

/** Splits a sanitizer log (one process's, or several concatenated) into its reports. */
export function parseReports(log: string): Finding[] {
  const findings: Finding[] = [];
  let current: { tool: string; kind: string; headline: string; lines: string[]; location: string } | null = null;
  const close = (): void => {
    if (!current) return;
    const frames = current.lines.filter((l) => FRAME.test(l)).map((l) => l.trim());
    const ourFrame = frames.find((f) => OUR_FRAME.test(f));
    const ours = ourFrame !== undefined || OUR_FRAME.test(current.location);
    findings.push({
      tool: current.tool,
      kind: current.kind,
      headline: current.headline,
      frames,
      ours,
      where: ourFrame ?? (current.location || frames[0] || '(no stack)'),
      text: current.lines.join('\n').trimEnd(),
    });
    current = null;
  };
  for (const line of log.split('\n')) {
    const asan = ASAN_START.exec(line);
    const ubsan = asan ? null : UBSAN_START.exec(line);
    if (asan) {
      close();
      current = { tool: asan[1], kind: asan[2], headline: line, lines: [line], location: '' };
    } else if (ubsan) {
      close();
      current = { tool: 'UndefinedBehaviorSanitizer', kind: `runtime error: ${ubsan[2]}`, headline: line, lines: [line], location: ubsan[1] };
    } else if (current) {
      current.lines.push(line);
      // ASan ends a report with its ABORTING line; UBSan's ends with its SUMMARY.
      if (/^==\d+==ABORTING/.test(line) || (current.tool === 'UndefinedBehaviorSanitizer' && /^SUMMARY: /.test(line))) close();
    }
  }
  close();
  return findings;
}

/** Findings split by ownership. */
export interface Sorted {
  ours: Finding[];
  ignored: Finding[];
}

/** Sorts findings into mpi4js's and the others'. */
export function sortFindings(findings: Finding[]): Sorted {
  return { ours: findings.filter((f) => f.ours), ignored: findings.filter((f) => !f.ours) };
}

/** One line for a finding: tool, kind and where. */
export function describe(f: Finding): string {
  return `${f.tool}: ${f.kind} at ${f.where.replace(/^#\d+ 0x[0-9a-f]+ +(in )?/, '')}`;
}
