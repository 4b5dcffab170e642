/**
 * Matched probes: a Message is a probed message that only its own receive can
 * take, so a probe-then-receive is safe while other receives run. mpi4py: `MPI.Message`.
 */
import { trailing } from './args';
import { BufSpec, p2p } from './buffer';
import { native } from './native';
import { loadsFrom, objectFrom } from './msgpickle';
import { Request } from './request';
import { Status, statusBytes } from './status';

const M = native.message;

/** The addon id a Message holds and its probe's status, shared with the finalizer. */
interface Held {
  id: number;
  probed: Uint8Array;
}

/**
 * Messages collected unreceived. A matched message is taken by no other
 * receive, so the addon receives it into scratch memory and discards it,
 * freeing its handle, with mpi4py's warning (RuntimeWarning "collecting object
 * with MPI_Message handle …"). A MESSAGE_NO_PROC is freed silently.
 */
const collected = new FinalizationRegistry<Held>((held) => {
  if (held.id < 0 || !M.drop(held.id, held.probed)) return;
  process.emitWarning(
    `collecting object with MPI_Message handle ${held.id}: the message was never received; it has been received and discarded`,
    { type: 'RuntimeWarning', code: 'MPI4JS_MESSAGE_COLLECTED' },
  );
});

/**
 * mpi4py: `MPI.Message`. Made by `comm.mprobe`, `comm.improbe`, `comm.Mprobe`,
 * `comm.Improbe`. T is the type its object receive gives (`comm.mprobe<string>()`;
 * unknown unless said), the caller's claim, not checked at run time.
 */
export class Message<T = unknown> {
  /** Where the id lives: the finalizer holds it, not the Message. */
  private readonly held: Held;
  /** @internal the probe's status: it knows the message's size */
  private readonly probed: Status;

  /** @internal the communicator's handle, for errors */
  private readonly comm: number;

  /** @internal */
  constructor(id: number, probed: Status, comm: number) {
    this.held = { id, probed: probed.bytes };
    this.probed = probed;
    this.comm = comm;
    if (id >= 0) collected.register(this, this.held, this.held);
  }

  /** @internal id in the addon's message table; -1 once received (MESSAGE_NULL) */
  get id(): number {
    return this.held.id;
  }

  set id(id: number) {
    this.held.id = id;
    if (id < 0) collected.unregister(this.held);
  }

  /** Whether the message has not been received yet (mpi4py: `bool(message)`). */
  get active(): boolean {
    return this.id >= 0;
  }

  /**
   * Runs a receive of the message. Every argument is checked before MPI takes
   * the message (here and in the addon), so a receive refused for a bad
   * argument or a too-small buffer (ERR_TRUNCATE) leaves the message to this
   * Message for the next try, as mpi4py does; once MPI took it, it is gone.
   */
  private take<R>(call: string, receive: (id: number) => R): R {
    if (this.id < 0) throw new TypeError(`${call}: this message has already been received`);
    const id = this.id;
    try {
      return receive(id);
    } finally {
      if (!M.held(id)) this.id = -1;
    }
  }

  /** Receives the object. mpi4py: `Message.recv(status=None)`. */
  recv<U = T>(status?: Status | { status?: Status }): NoInfer<U> {
    const st = statusBytes(statusArg('Message.recv', status), 'Message.recv');
    return loadsFrom(this.take('Message.recv', (id) => M.mrecvBytes(id, this.probed.bytes, st)), 'Message.recv', this.comm, this.probed.source) as U;
  }

  /** Receives the object without blocking; await or wait the Request. mpi4py: `Message.irecv()`. */
  irecv<U = T>(): Request<NoInfer<U>> {
    return new Request<U>(this.take('Message.irecv', (id) => M.imrecvBytes(id, this.probed.bytes)), objectFrom('Message.irecv', this.comm, this.probed.source));
  }

  /** Receives into a buffer. mpi4py: `Message.Recv(buf, status=None)`. */
  Recv(buf: BufSpec, status?: Status | { status?: Status }): void {
    const m = p2p('Message.Recv', 'buf', buf); // before take: a bad buffer must not consume the message
    status = statusArg('Message.Recv', status);
    this.take('Message.Recv', (id) => {
      M.Mrecv(id, m.view, m.count, m.datatype.handle, statusBytes(status, 'Message.Recv'), this.probed.bytes);
    });
  }

  /** mpi4py: `Message.Irecv(buf)`. */
  Irecv(buf: BufSpec): Request {
    const m = p2p('Message.Irecv', 'buf', buf);
    return this.take('Message.Irecv', (id) => {
      return new Request(M.Imrecv(id, m.view, m.count, m.datatype.handle, this.probed.bytes));
    });
  }

  /**
   * @internal Probe on comm's handle; undefined when nonblocking and nothing
   * matched, or when the timeout (ms) passed first.
   */
  static probeOn(handle: number, source: number, tag: number, status: Uint8Array | undefined, blocking: boolean, timeout?: number): Message | undefined {
    const probed = new Status();
    const id = blocking ? M.Mprobe(handle, source, tag, probed.bytes, timeout) : M.Improbe(handle, source, tag, probed.bytes);
    if (id < 0) return undefined;
    if (status) status.set(probed.bytes);
    return new Message(id, probed, handle);
  }
}

/** A status argument given positionally or as `{status}` (mpi4py's keyword). */
function statusArg(call: string, status: Status | { status?: Status } | undefined): Status | undefined {
  return status === undefined || status instanceof Status ? status : trailing(call, { status: undefined as Status | undefined }, [status]).status;
}
