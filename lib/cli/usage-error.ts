/**
 * A mistake in how the command was called (a missing hostfile, a bad value):
 * the command prints its message as one line and exits with code 2, as
 * commander does for a bad option, never with a stack trace.
 */
export class UsageError extends Error {
  override name = 'UsageError';
}
