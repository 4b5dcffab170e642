#!/usr/bin/env node
/**
 * The `mpi4js` command: `mpi4js doctor` checks a cluster before a job;
 * `mpi4js bench …` (under mpirun) is `python -m mpi4py.bench`.
 * @packageDocumentation
 */
import { Command, InvalidArgumentError } from 'commander';

import { doctor, formatReport } from './doctor';

const program = new Command('mpi4js').description('MPI for Node.js: cluster checks and quick benchmarks');

function int(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new InvalidArgumentError('expected a whole number');
  return n;
}

program
  .command('doctor')
  .description('check this machine and every host: mpirun, Node, mpi4js, MPI, and a round trip between every pair of hosts')
  .option('--host <hosts>', 'comma-separated hosts, as mpirun -host takes them')
  .option('--hostfile <file>', 'a hostfile, as mpirun -hostfile takes it')
  .option('--mpirun <command>', 'the mpirun command with its options (default: mpirun, or $MPI4JS_MPIRUN)')
  .option('--json', 'print the report as JSON, for scripts')
  .action(async (options) => {
    // A spinner on a terminal; nothing in between for --json or a pipe.
    const importESM = new Function('s', 'return import(s)') as (s: string) => Promise<{ default: typeof import('ora').default }>;
    const spinner = options.json || !process.stderr.isTTY ? undefined : (await importESM('ora')).default({ stream: process.stderr }).start();
    const report = await doctor(options, (text) => spinner && (spinner.text = text));
    spinner?.stop();
    process.stdout.write(options.json ? `${JSON.stringify(report, null, 2)}\n` : `${formatReport(report)}\n`);
    process.exitCode = report.ok ? 0 : 1;
  });

const bench = program.command('bench').description('quick MPI checks, run under mpirun (as python -m mpi4py.bench)');

bench
  .command('helloworld')
  .description('every rank says hello, in rank order')
  .option('-q, --quiet', 'print nothing')
  .action((o) => require('./bench').helloworld(o.quiet));

bench
  .command('ringtest')
  .description('time a message going round the ring of ranks')
  .option('-n, --size <bytes>', 'message size', int, 1)
  .option('-s, --skip <loops>', 'untimed warm-up loops', int, 0)
  .option('-l, --loop <loops>', 'timed loops', int, 1)
  .option('-q, --quiet', 'print nothing')
  .action((o) => require('./bench').ringtest(o.size, o.skip, o.loop, o.quiet));

bench
  .command('pingpong')
  .description('latency and bandwidth between ranks 0 and 1')
  .option('-m, --min-size <bytes>', 'smallest message', int, 1)
  .option('-n, --max-size <bytes>', 'largest message', int, 1 << 20)
  .option('-s, --skip <n>', 'warm-up iterations', int, 100)
  .option('-l, --loop <n>', 'timed iterations', int, 10000)
  .action((o) => require('./bench').pingpong(o.minSize, o.maxSize, o.skip, o.loop));

program.parseAsync(process.argv);
