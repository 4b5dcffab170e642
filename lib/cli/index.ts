#!/usr/bin/env node
/**
 * The `mpi4js` command: `mpi4js --version` says what is installed,
 * `mpi4js doctor` checks a cluster before a job, `mpi4js bench …` (under
 * mpirun) is `python -m mpi4py.bench`. It lives apart from the library: only
 * this command loads commander and ora, never `require('mpi4js')`.
 *
 * A user error (bad option, bad number, missing hostfile) is one line on
 * stderr and exit code 2; MPI not loading is exit code 1.
 * @packageDocumentation
 */
import { Command, CommanderError, InvalidArgumentError } from 'commander';

import { UsageError } from './usage-error';

/** Under mpirun every rank parses the command line; rank 0 alone reports a mistake in it. */
function firstRank(): boolean {
  const rank = process.env.OMPI_COMM_WORLD_RANK ?? process.env.PMIX_RANK ?? process.env.PMI_RANK;
  return rank === undefined || rank === '0';
}

function usageError(message: string): never {
  if (firstRank()) process.stderr.write(`mpi4js: ${message.replace(/^error: /, '').replace(/\s*\n\s*/g, ' ').trim()}\n`);
  process.exit(2);
}

function wholeNumber(value: string): number {
  if (!/^\d+$/.test(value.trim()) || !Number.isSafeInteger(Number(value))) throw new InvalidArgumentError('expected a whole number (0, 1, 2, …).');
  return Number(value);
}

function positive(value: string): number {
  const n = wholeNumber(value);
  if (n === 0) throw new InvalidArgumentError('expected 1 or more.');
  return n;
}

const program = new Command('mpi4js')
  .description('MPI for Node.js: versions, cluster checks and quick benchmarks')
  .option('-V, --version', "print mpi4js's, Node's and the MPI library's versions and which binary loads, then exit")
  .option('--mpi-std-version', 'print the MPI standard version the library implements (as python -m mpi4py --mpi-std-version)')
  .option('--mpi-lib-version', 'print the MPI library version, every line of it (as python -m mpi4py --mpi-lib-version)')
  .exitOverride((err: CommanderError) => {
    // Help and the like exit 0; every mistake in the command line exits 2.
    process.exit(err.exitCode === 0 ? 0 : 2);
  })
  .configureOutput({
    // Commander's own errors (unknown option, bad value): one line, through the same path as ours.
    outputError: (text) => {
      if (firstRank()) process.stderr.write(`mpi4js: ${text.replace(/^error: /, '').replace(/\s*\n\s*/g, ' ').trim()}\n`);
    },
  })
  // Each of these prints and exits as soon as it is read, as mpi4py's do.
  .on('option:version', () => printVersions('version'))
  .on('option:mpi-std-version', () => printVersions('std'))
  .on('option:mpi-lib-version', () => printVersions('lib'));

/** `--version`, `--mpi-std-version`, `--mpi-lib-version`; exit 1, saying why, when MPI does not load. */
function printVersions(which: 'version' | 'std' | 'lib'): never {
  // eslint-disable-next-line @typescript-eslint/no-var-requires
  const { versions, formatVersions } = require('./version') as typeof import('./version');
  const v = versions();
  if (which === 'version') process.stdout.write(`${formatVersions(v)}\n`);
  else if (!v.error) process.stdout.write(which === 'lib' ? `${v.library}\n` : `MPI ${v.standard}\n`);
  if (v.error) process.stderr.write(`${v.error}\n`);
  process.exit(v.error ? 1 : 0);
}

program
  .command('doctor')
  .description('check this machine and every host: mpirun, Node, mpi4js, MPI, and a round trip between every pair of hosts')
  .option('--host <hosts>', 'comma-separated hosts, as mpirun -host takes them')
  .option('--hostfile <file>', 'a hostfile, as mpirun -hostfile takes it')
  .option('--mpirun <command>', 'the mpirun command with its options (default: mpirun, or $MPI4JS_MPIRUN)')
  .option('--json', 'print the report as JSON, for scripts')
  .action(async (options) => {
    // eslint-disable-next-line @typescript-eslint/no-var-requires
    const { doctor, formatReport, stopLaunches } = require('./doctor') as typeof import('./doctor');
    const spinner = await startSpinner(!options.json);
    // Interrupted: end the mpiruns started for the check, leave the terminal clean.
    for (const [signal, code] of [['SIGINT', 130], ['SIGTERM', 143]] as const) {
      process.once(signal, () => {
        stopLaunches();
        spinner?.stop();
        process.exit(code);
      });
    }
    let report: import('./doctor').DoctorReport;
    try {
      report = await doctor(options, (text) => spinner && (spinner.text = text));
    } catch (e) {
      spinner?.stop();
      if (e instanceof UsageError) usageError(`doctor: ${e.message}`);
      throw e;
    }
    spinner?.stop();
    process.stdout.write(options.json ? `${JSON.stringify(report, null, 2)}\n` : `${formatReport(report)}\n`);
    process.exitCode = report.ok ? 0 : 1;
  });

interface Spinner {
  text: string;
  stop(): void;
}

/**
 * A spinner on stderr, only where it can be drawn: stdout and stderr both
 * terminals that report a width. ora divides by the width, and with 0 columns
 * it looped forever writing escape codes; so it also stops if the terminal
 * is resized to no width.
 */
async function startSpinner(wanted: boolean): Promise<Spinner | undefined> {
  const width = (s: NodeJS.WriteStream) => (s.isTTY ? s.columns ?? 0 : 0);
  if (!wanted || width(process.stdout) <= 0 || width(process.stderr) <= 0) return undefined;
  // ora is an ES module; this keeps tsc (CommonJS output) from turning import() into require().
  const importESM = new Function('s', 'return import(s)') as (s: string) => Promise<{ default: typeof import('ora').default }>;
  // discardStdin would put the terminal in raw mode to swallow keys; where the
  // terminal's input had ended (script(1) with no input) that hung the doctor.
  // Ctrl-C then stays the terminal's, and our SIGINT handler ends the mpiruns.
  const spinner = (await importESM('ora')).default({ stream: process.stderr, discardStdin: false }).start();
  const onResize = () => {
    if (width(process.stderr) <= 0 || width(process.stdout) <= 0) spinner.stop();
  };
  process.stderr.on('resize', onResize);
  process.stdout.on('resize', onResize);
  return {
    set text(text: string) {
      if (spinner.isSpinning) spinner.text = text;
    },
    get text() {
      return spinner.text;
    },
    stop() {
      process.stderr.off('resize', onResize);
      process.stdout.off('resize', onResize);
      spinner.stop();
    },
  };
}

const bench = program.command('bench').description('quick MPI checks, run under mpirun (as python -m mpi4py.bench)');

bench
  .command('helloworld')
  .description('every rank says hello; rank 0 prints them in rank order')
  .option('-q, --quiet', 'print nothing')
  .action((o) => require('./bench').helloworld(o.quiet));

bench
  .command('ringtest')
  .description('time a message going round the ring of ranks')
  .option('-n, --size <bytes>', 'message size', wholeNumber, 1)
  .option('-s, --skip <loops>', 'untimed warm-up loops', wholeNumber, 0)
  .option('-l, --loop <loops>', 'timed loops', positive, 1)
  .option('-q, --quiet', 'print nothing')
  .action((o) => require('./bench').ringtest(o.size, o.skip, o.loop, o.quiet));

bench
  .command('pingpong')
  .description('latency and bandwidth between ranks 0 and 1 (on 1 rank: rank 0 with itself)')
  .option('-m, --min-size <bytes>', 'smallest message', wholeNumber, 1)
  .option('-n, --max-size <bytes>', 'largest message (up to 1 GiB)', wholeNumber, 1 << 20)
  .option('-s, --skip <n>', 'warm-up iterations', wholeNumber, 100)
  .option('-l, --loop <n>', 'timed iterations', positive, 10000)
  .action((o) => {
    if (o.minSize > o.maxSize) usageError(`bench pingpong: --min-size ${o.minSize} is larger than --max-size ${o.maxSize}`);
    if (o.maxSize > 2 ** 30) usageError(`bench pingpong: --max-size ${o.maxSize} is more than 1 GiB (1073741824)`);
    require('./bench').pingpong(o.minSize, o.maxSize, o.skip, o.loop);
  });

bench
  .command('futures')
  .description("tasks per second through mpi4js/futures: empty tasks from rank 0 to the other ranks (mpi4py 3.1's bench has no such command: bench/mpi4py/futures.py times the same)")
  .option('-n, --tasks <n>', 'how many tasks are timed', positive, 10000)
  .option('--json', 'print a JSON line, for the benchmark runner')
  .option('-q, --quiet', 'print nothing')
  .action((o) => require('./bench').futures(o.tasks, o.json, o.quiet));

// --- futures (issue 15): mpi4py's `python -m mpi4py.futures app.py`
program
  .command('futures')
  .description('run app.js on rank 0 with the other ranks as the workers of its MPIPoolExecutors (under mpirun; as python -m mpi4py.futures)')
  .argument('<app>', 'the program to run')
  .argument('[args...]', "the program's arguments")
  .allowUnknownOption()
  .action((app: string, args: string[]) => require('./futures').futures(app, args));

program.parseAsync(process.argv);
