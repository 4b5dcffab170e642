// The liveness link of mpi4js/futures (lib/futures/liveness.ts), in process:
// its pure parts, and a client's Watch and a worker's Link over real loopback
// sockets (no MPI). Under mpirun across hosts: test/cluster.test.ts.
import * as os from 'node:os';

import { addressesOf, candidates, Endpoint, Link, lostReason, parseHello, parseLastWords, Watch } from '../lib/futures/liveness';

const iface = (address: string, family: 'IPv4' | 'IPv6', internal: boolean) =>
  ({ address, family, internal, netmask: '', mac: '', cidr: null }) as os.NetworkInterfaceInfo;

describe('pure parts', () => {
  test('addressesOf: loopback apart, link-local IPv6 left out', () => {
    const r = addressesOf({ lo: [iface('127.0.0.1', 'IPv4', true), iface('::1', 'IPv6', true)], eth0: [iface('10.77.0.11', 'IPv4', false), iface('fe80::1', 'IPv6', false), iface('2001:db8::5', 'IPv6', false)] });
    expect(r).toEqual({ addresses: ['10.77.0.11', '2001:db8::5'], loopback: ['127.0.0.1', '::1'] });
  });
  test('candidates: loopback first on the client\'s host only', () => {
    const ep: Endpoint = { host: 'h1', addresses: ['10.77.0.11'], loopback: ['127.0.0.1'], port: 1, token: 't' };
    expect(candidates(ep, 'h1')).toEqual(['127.0.0.1', '10.77.0.11']);
    expect(candidates(ep, 'h2')).toEqual(['10.77.0.11']);
  });
  test('parseHello: only a well-formed hello of this pool, from one of its workers', () => {
    const hello = { token: 'abc', rank: 2, pid: 7, host: 'h3' };
    expect(parseHello(JSON.stringify(hello), 'abc', [1, 2, 3])).toEqual(hello);
    expect(parseHello(JSON.stringify(hello), 'abd', [1, 2, 3])).toBeUndefined();
    expect(parseHello(JSON.stringify(hello), 'abc', [1, 3])).toBeUndefined();
    expect(parseHello(JSON.stringify({ ...hello, pid: '7' }), 'abc', [1, 2, 3])).toBeUndefined();
    expect(parseHello('GET / HTTP/1.1', 'abc', [1, 2, 3])).toBeUndefined();
    expect(parseHello('null', 'abc', [1, 2, 3])).toBeUndefined();
  });
  test('parseLastWords: a JSON string only', () => {
    expect(parseLastWords('"worker 1 exited"')).toBe('worker 1 exited');
    expect(parseLastWords('{"a":1}')).toBeUndefined();
    expect(parseLastWords('worker')).toBeUndefined();
  });
  test('lostReason: a silent close is a killed process, a timeout an unreachable host', () => {
    expect(lostReason(undefined)).toBe('is gone (killed?)');
    expect(lostReason('ECONNRESET')).toBe('is gone (killed?)');
    expect(lostReason('ETIMEDOUT')).toMatch(/^is unreachable/);
  });
});

describe('a Watch and its Links over loopback', () => {
  const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
  const socketOf = (link: Link) => (link as unknown as { socket: import('node:net').Socket }).socket;

  test('a link that closes without a bye is a death, named; after the client\'s bye, none is', async () => {
    const lostWorkers: [number, string, string][] = [];
    const watch = new Watch([1, 2, 3], (...a) => lostWorkers.push(a));
    const ep = (await watch.endpoint()) as Endpoint;
    expect(ep.port).toBeGreaterThan(0);
    const clientLost: number[] = [];
    const links = await Promise.all([1, 2, 3].map((w) => Link.connect(ep, w, () => clientLost.push(w))));
    for (const [i, l] of links.entries()) {
      expect(l).toBeInstanceOf(Link);
      expect(watch.linked(i + 1)).toBe(true);
    }
    // A second link for a rank already linked is refused.
    expect(typeof (await Link.connect(ep, 2, () => undefined))).toBe('string');
    // Worker 2's process dies: its socket goes without a word.
    socketOf(links[1] as Link).destroy();
    await sleep(300);
    expect(lostWorkers).toEqual([[2, `worker 2 (pid ${process.pid}) is gone (killed?)`, os.hostname()]]);
    expect(watch.linked(2)).toBe(false);
    // Worker 3 exits on its own: its last words name the cause.
    (links[2] as Link).lastWords('worker 3 (pid 1) exited with code 0');
    socketOf(links[2] as Link).destroy();
    await sleep(300);
    expect(lostWorkers[1]).toEqual([3, 'worker 3 (pid 1) exited with code 0', os.hostname()]);
    // Worker 1 is done serving: it closes its side; the client does not mind once it said bye.
    watch.close();
    (links[0] as Link).close();
    await sleep(300);
    expect(lostWorkers.length).toBe(2);
    expect(clientLost.filter((w) => w === 1)).toEqual([]); // (2's and 3's own handlers ran: here the process lives on)
  });

  test('a wrong token or an unknown rank gets no link; the worker says why', async () => {
    const watch = new Watch([1], () => undefined);
    const ep = (await watch.endpoint()) as Endpoint;
    expect(await Link.connect({ ...ep, token: 'forged' }, 1, () => undefined)).toMatch(/^could not reach the client at port \d+/);
    expect(await Link.connect(ep, 5, () => undefined)).toMatch(/^could not reach the client/);
    expect(await Link.connect({ ...ep, port: 1 }, 1, () => undefined)).toMatch(/ECONNREFUSED/);
    expect(await Link.connect({ ...ep, addresses: [], loopback: [], host: 'elsewhere' }, 1, () => undefined)).toBe('the client has no address to connect to');
    watch.close();
  });

  test('the client gone without its bye: the worker is told', async () => {
    const watch = new Watch([1], () => undefined);
    const ep = (await watch.endpoint()) as Endpoint;
    let clientLost = 0;
    const link = await Link.connect(ep, 1, () => clientLost++);
    expect(link).toBeInstanceOf(Link);
    // The client's process dies: every socket of it closes.
    for (const s of (watch as unknown as { links: Map<number, import('node:net').Socket> }).links.values()) s.destroy();
    await sleep(300);
    expect(clientLost).toBe(1);
    watch.close();
  });
});
