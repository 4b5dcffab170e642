/**
 * A liveness link between a pool's client and each of its workers, outside
 * MPI: one TCP connection per worker. When a process dies (SIGKILL included)
 * its kernel closes its sockets, whatever its JavaScript was doing, and the
 * other end sees the connection close; a host that vanishes is noticed by TCP
 * keepalive, later. Open MPI 4.1 (no ULFM) tells a process nothing when a peer
 * dies under `mpirun --enable-recovery`, so without this a task sent to a
 * worker killed on another host would wait for ever.
 *
 * The client listens on every interface (an ephemeral port) and sends its
 * addresses, port and a random token in the init order; the worker connects,
 * says who it is, and waits for the client's `ok` before it answers the init
 * order, so the client knows of the link once the answer arrives. The client
 * says `bye` before it stops the workers: a link closed after that is no death.
 * A worker that exits on its own (process.exit) sends its last words first.
 */
import { randomBytes } from 'node:crypto';
import * as net from 'node:net';
import * as os from 'node:os';

/** Where a worker reaches its client (sent in the init order). */
export interface Endpoint {
  /** The client's hostname: a worker on the same host may also use loopback addresses. */
  host: string;
  /** Addresses of every interface but loopback ones. */
  addresses: string[];
  /** Loopback addresses (tried by workers on the client's host only). */
  loopback: string[];
  port: number;
  /** Proves a connection comes from a worker of this pool. */
  token: string;
}

/** A worker's first line on its link. */
interface Hello {
  token: string;
  rank: number;
  pid: number;
  host: string;
}

/** How long a worker tries to connect and be acknowledged, per address (tried at once). */
export const CONNECT_MS = 5000;
/** Idle time before TCP keepalive probes start (then the system's interval and count apply). */
export const KEEPALIVE_MS = 5000;

/** Why a closed link means a dead worker: the socket's error code, if any. */
export function lostReason(code: string | undefined): string {
  if (code === 'ETIMEDOUT' || code === 'EHOSTUNREACH' || code === 'ENETUNREACH') return `is unreachable (its host is down or cut off? ${code})`;
  return 'is gone (killed?)';
}

/** Parses a hello line; undefined unless well formed and from this pool. */
export function parseHello(line: string, token: string, workers: readonly number[]): Hello | undefined {
  let h: unknown;
  try {
    h = JSON.parse(line);
  } catch {
    return undefined;
  }
  if (typeof h !== 'object' || h === null) return undefined;
  const { token: t, rank, pid, host } = h as Record<string, unknown>;
  if (t !== token || typeof rank !== 'number' || !workers.includes(rank) || typeof pid !== 'number' || typeof host !== 'string') return undefined;
  return { token: t, rank, pid, host };
}

/** The message of an `exit` line; undefined unless a JSON string. */
export function parseLastWords(json: string): string | undefined {
  try {
    const v: unknown = JSON.parse(json);
    return typeof v === 'string' ? v : undefined;
  } catch {
    return undefined;
  }
}

/** The client's addresses as a worker should try them: loopback ones apart. */
export function addressesOf(interfaces: NodeJS.Dict<os.NetworkInterfaceInfo[]>): { addresses: string[]; loopback: string[] } {
  const addresses: string[] = [];
  const loopback: string[] = [];
  for (const list of Object.values(interfaces)) {
    for (const i of list ?? []) {
      // A link-local IPv6 address needs its zone, which names an interface of this host only.
      if (i.family === 'IPv6' && i.address.toLowerCase().startsWith('fe80')) continue;
      (i.internal ? loopback : addresses).push(i.address);
    }
  }
  return { addresses, loopback };
}

/** Which addresses a worker on `host` tries, in order. */
export function candidates(ep: Endpoint, host: string): string[] {
  return host === ep.host ? [...ep.loopback, ...ep.addresses] : ep.addresses;
}

/** Calls back once per complete line of a stream. */
function lines(socket: net.Socket, onLine: (line: string) => void): void {
  let buffered = '';
  socket.setEncoding('utf8');
  socket.on('data', (chunk: string) => {
    buffered += chunk;
    let n: number;
    while ((n = buffered.indexOf('\n')) >= 0) {
      const line = buffered.slice(0, n);
      buffered = buffered.slice(n + 1);
      onLine(line);
    }
    if (buffered.length > 4096) socket.destroy(); // no line of ours is this long
  });
}

/** The client's side: a listener, and one link per worker that connected. */
export class Watch {
  private server?: net.Server;
  private listening?: Promise<Endpoint | null>;
  private readonly links = new Map<number, net.Socket>();
  private readonly token = randomBytes(16).toString('hex');
  private closing = false;

  /** lost(rank, message, host): a linked worker died (its link closed without the client's bye). */
  constructor(
    private readonly workers: readonly number[],
    private readonly lost: (rank: number, message: string, host: string) => void,
  ) {}

  /** Listens (once); null if it cannot (the pool then works without links). */
  endpoint(): Promise<Endpoint | null> {
    this.listening ??= new Promise((resolve) => {
      const server = net.createServer((socket) => this.accept(socket));
      server.on('error', () => resolve(null));
      server.listen(0, () => {
        server.unref(); // never keeps the process alive
        this.server = server;
        const address = server.address() as net.AddressInfo;
        resolve({ host: os.hostname(), ...addressesOf(os.networkInterfaces()), port: address.port, token: this.token });
      });
    });
    return this.listening;
  }

  /** Whether this worker is linked. */
  linked(rank: number): boolean {
    return this.links.has(rank);
  }

  private accept(socket: net.Socket): void {
    socket.unref();
    let hello: Hello | undefined;
    let code: string | undefined;
    let lastWords: string | undefined;
    socket.on('error', (e: NodeJS.ErrnoException) => (code = e.code)); // 'close' follows
    // A stray connection that never says who it is goes away.
    socket.setTimeout(CONNECT_MS, () => hello === undefined && socket.destroy());
    lines(socket, (line) => {
      if (hello !== undefined) {
        // A worker that exits (process.exit in a task) says why first.
        if (line.startsWith('exit ')) lastWords = parseLastWords(line.slice(5));
        return;
      }
      hello = parseHello(line, this.token, this.workers);
      if (hello === undefined || this.closing || this.links.has(hello.rank)) {
        hello = undefined;
        socket.destroy();
        return;
      }
      socket.setTimeout(0);
      socket.setKeepAlive(true, KEEPALIVE_MS);
      this.links.set(hello.rank, socket);
      socket.write('ok\n');
    });
    socket.on('close', () => {
      if (hello === undefined || this.links.get(hello.rank) !== socket || this.closing) return;
      this.links.delete(hello.rank);
      const { rank, pid, host } = hello;
      this.lost(rank, lastWords ?? `worker ${rank} (pid ${pid}) ${lostReason(code)}`, host);
    });
  }

  /**
   * Says bye to every worker and stops listening: links that close from now on
   * are no deaths. someDied: some worker died (the others then only free their
   * communicator: disconnecting would wait for the dead one).
   */
  close(someDied = false): void {
    if (this.closing) return;
    this.closing = true;
    for (const socket of this.links.values()) socket.end(someDied ? 'bye lost\n' : 'bye\n');
    this.links.clear();
    this.server?.close();
  }
}

/** A worker's side of its link. */
export class Link {
  private closed = false;
  /** The client's bye: whether it said some worker died; undefined before it came. */
  private bye?: boolean;
  private onBye?: () => void;

  private constructor(private readonly socket: net.Socket) {}

  /**
   * Connects to the client (every candidate address at once, the first that
   * acknowledges wins): the link, or why there is none. lost() is called if
   * the link closes before the client said bye or this worker closed it.
   */
  static connect(ep: Endpoint, rank: number, lost: () => void): Promise<Link | string> {
    const host = os.hostname();
    const addresses = candidates(ep, host);
    if (addresses.length === 0) return Promise.resolve('the client has no address to connect to');
    const hello = JSON.stringify({ token: ep.token, rank, pid: process.pid, host } satisfies Hello) + '\n';
    return new Promise((resolve) => {
      const failures: string[] = [];
      let won = false;
      const tries = addresses.map((address) => {
        // Referenced while connecting: the worker awaits nothing else meanwhile.
        const socket = net.connect({ host: address, port: ep.port });
        socket.setTimeout(CONNECT_MS, () => socket.destroy(new Error('no answer')));
        socket.on('connect', () => socket.write(hello));
        socket.on('error', (e) => failures.push(`${address}: ${e.message}`));
        socket.on('close', () => {
          if (!won && tries.every((s) => s.destroyed)) {
            resolve(`could not reach the client at port ${ep.port} (${failures.join('; ') || 'refused'})`);
          }
        });
        let link: Link | undefined;
        lines(socket, (line) => {
          // After its ok, the client sends only bye.
          if (link !== undefined && (line === 'bye' || line === 'bye lost')) {
            link.closed = true;
            link.bye = line === 'bye lost';
            link.onBye?.();
          }
          if (line !== 'ok' || won) return;
          won = true;
          for (const other of tries) if (other !== socket) other.destroy();
          socket.setTimeout(0);
          socket.unref(); // linked: never keeps the process alive
          socket.removeAllListeners('close');
          socket.setKeepAlive(true, KEEPALIVE_MS);
          const mine = new Link(socket);
          link = mine;
          socket.on('close', () => {
            if (!mine.closed) lost();
            mine.closed = true;
            mine.onBye?.();
          });
          resolve(mine);
        });
        return socket;
      });
    });
  }

  /**
   * This worker is exiting (its exit handler): says why, so that its client
   * names the cause (a TCP write of a few bytes leaves at once, before the
   * process ends and its kernel closes the link).
   */
  lastWords(message: string): void {
    if (!this.closed) this.socket.write(`exit ${JSON.stringify(message)}\n`);
  }

  /**
   * Once told to stop: whether the client's bye said some worker died (it
   * comes just before the stop order; false if it does not come soon).
   */
  farewell(): Promise<boolean> {
    if (this.bye !== undefined || this.socket.destroyed) return Promise.resolve(this.bye ?? false);
    return new Promise((resolve) => {
      const timer = setTimeout(() => resolve(this.bye ?? false), CONNECT_MS);
      this.onBye = () => {
        clearTimeout(timer);
        resolve(this.bye ?? false);
      };
    });
  }

  /** Closes the link without alarm (this worker is done serving). */
  close(): void {
    this.closed = true;
    this.socket.destroy();
  }
}
