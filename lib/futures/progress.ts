/**
 * The progress bar of a long map (`{ progress: true }`, mpi4js's own: mpi4py
 * has none): a cli-progress bar on stderr (or stdout), only on a terminal.
 * cli-progress is loaded when a bar is drawn, never by loading the library nor
 * where no terminal is there to draw on (a pipe, a file, mpirun's forwarding).
 */

/** What map tells the bar. */
export interface Progress {
  /** n more tasks are done (a value, an error or a cancellation). */
  add(n: number): void;
}

/** The stream the bar is drawn on: a terminal, when isTTY is true. */
export type BarStream = NodeJS.WritableStream & { isTTY?: boolean; columns?: number };

/**
 * stderr, or stdout where only stdout is a terminal: under mpirun, Open MPI
 * gives a rank's stdout a pseudo-terminal but its stderr a pipe.
 */
function terminal(): BarStream {
  return !process.stderr.isTTY && process.stdout.isTTY ? process.stdout : process.stderr;
}

/**
 * A bar counting total tasks of call on stream (stderr, or stdout when only it is a terminal), or
 * undefined when stream is not a terminal. It stops itself, leaving its last
 * line, once every task is done.
 */
export function progressBar(call: string, total: number, stream: BarStream = terminal()): Progress | undefined {
  if (!stream.isTTY || total === 0) return undefined;
  // eslint-disable-next-line @typescript-eslint/no-var-requires
  const cliProgress = require('cli-progress') as typeof import('cli-progress');
  const bar = new cliProgress.SingleBar(
    {
      stream,
      format: `${call} |{bar}| {value}/{total} tasks | {percentage}% | {duration_formatted} | ETA {eta_formatted}`,
      hideCursor: true,
      // Its redraw timer must never keep a finished program alive.
      noTTYOutput: false,
    },
    cliProgress.Presets.shades_classic,
  );
  bar.start(total, 0);
  let done = 0;
  return {
    add(n: number): void {
      if (done >= total) return;
      done = Math.min(total, done + n);
      bar.update(done);
      if (done === total) bar.stop();
    },
  };
}
