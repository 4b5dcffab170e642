// Dynamic processes: the harness communicator spawns Node programs (this file,
// run with a role), fills errcodes in place, and talks to them over the
// intercommunicator; Spawn_multiple numbers its commands' processes by APPNUM;
// a port opened by the parents' root, published under a name, is looked up by
// the children, which Connect while the parents Accept; everything is
// disconnected at the end. The parents' root is their last rank (its rank in
// the remote group is the children's root, given in their arguments). The
// children print nothing on stdout (the spec counts the parents' `ok` lines).
import { deepStrictEqual, ok, strictEqual } from 'node:assert/strict';

import { comm, MPI, program, rank, size, throwsLike } from './harness';

type Intercomm = InstanceType<typeof MPI.Intercomm>;

interface Orders {
  parents: number;
  port: string | null;
  service: string | null;
}

interface Report {
  rank: number;
  size: number;
  appnum: unknown;
  role: string;
  looked: string | null;
}

/** A spawned process: its parent intercommunicator, its own world, and a port if the parents opened one. */
function child(role: string, root: number): void {
  const world = MPI.COMM_WORLD; // COMM_WORLD itself: a spawned process's world is its siblings
  const parent = MPI.Comm.Get_parent();
  ok(parent instanceof MPI.Intercomm && parent.Is_inter());
  strictEqual(MPI.Comm.Get_parent(), parent, 'one object per parent');
  const orders = parent.bcast<Orders>(undefined, root);
  strictEqual(parent.remote_size, orders.parents);
  strictEqual(parent.size, world.size);
  const looked = orders.service !== null && world.rank === 0 ? MPI.Lookup_name(orders.service) : null;
  const report: Report = { rank: world.rank, size: world.size, appnum: world.Get_attr(MPI.APPNUM), role, looked };
  parent.gather(report, root);
  if (orders.port !== null) {
    const joined = world.Connect(world.rank === 0 ? orders.port : null, { root: 0 });
    strictEqual(joined.remote_size, orders.parents);
    // Each side sums the other's values across the new intercommunicator.
    strictEqual(joined.allreduce(100 + world.rank, MPI.SUM), (orders.parents * (orders.parents - 1)) / 2);
    joined.Disconnect();
    throwsLike(() => joined.Get_remote_size(), MPI.Exception, /COMM_NULL/);
  }
  parent.Disconnect();
  throwsLike(() => MPI.Comm.Get_parent().Is_inter(), MPI.Exception, /COMM_NULL/);
}

/**
 * Bad arguments are refused naming the call and the argument, before MPI: on
 * COMM_SELF, where this process is the root (a root's own refusal on a larger
 * communicator would leave the others in MPI, as in C). Nothing is started.
 */
function refusals(): void {
  const self = MPI.COMM_SELF;
  const node = process.execPath;
  const bad = (f: () => unknown, cls: new (...a: never[]) => Error, re: RegExp) => throwsLike(f, cls as never, re);
  bad(() => self.Spawn(42 as never), TypeError, /^Spawn: command must be a string/);
  bad(() => self.Spawn(new URL('http://example.com/x')), TypeError, /^Spawn: command must be a path or a file: URL/);
  bad(() => self.Spawn('a\0b'), RangeError, /^Spawn: command must not contain NUL/);
  bad(() => self.Spawn(node, 'x' as never), TypeError, /^Spawn: args must be an array of strings or null/);
  bad(() => self.Spawn(node, [1 as never]), TypeError, /^Spawn: args\[0\] must be a string/);
  bad(() => self.Spawn(node, [], -1), RangeError, /^Spawn: maxprocs -1 must not be negative/);
  bad(() => self.Spawn(node, [], 1.5), TypeError, /^Spawn: maxprocs must be an integer/);
  bad(() => self.Spawn(node, [], 2 ** 31), RangeError, /Spawn.*maxprocs/);
  bad(() => self.Spawn(node, [], 1, { info: 5 as never }), TypeError, /^Spawn: info must be an MPI.Info/);
  const rootError = throwsLike(() => self.Spawn(node, [], 1, { root: 1 }), MPI.Exception, /Spawn: MPI_ERR_ROOT: root 1 is out of range/);
  strictEqual((rootError as InstanceType<typeof MPI.Exception>).error_class, MPI.ERR_ROOT);
  bad(() => self.Spawn(node, [], 1, { errcodes: 'x' as never }), TypeError, /^Spawn: errcodes must be an array/);
  bad(() => self.Spawn(node, [], 1, { bogus: 1 } as never), TypeError, /^Spawn: unexpected option 'bogus'/);
  bad(() => self.Spawn_multiple('x' as never), TypeError, /^Spawn_multiple: command must be an array of commands/);
  bad(() => self.Spawn_multiple([node], [[1 as never]]), TypeError, /^Spawn_multiple: args\[0\]\[0\] must be a string/);
  bad(() => self.Spawn_multiple([node], null, [1, 2]), RangeError, /^Spawn_multiple: maxprocs has 2 entries for 1 commands/);
  bad(() => self.Spawn_multiple([node], null, [-2]), RangeError, /^Spawn_multiple: maxprocs\[0\] -2 must not be negative/);
  bad(() => self.Spawn_multiple([node], null, 'x' as never), TypeError, /^Spawn_multiple: maxprocs must be a number, an array of numbers or null/);
  bad(() => self.Spawn_multiple([node], null, 1, [MPI.INFO_NULL, MPI.INFO_NULL]), RangeError, /^Spawn_multiple: info has 2 entries for 1 commands/);
  bad(() => self.Spawn_multiple([node], [], 1), RangeError, /^Spawn_multiple: args has 0 entries for 1 commands/);
  bad(() => self.Accept(5 as never), TypeError, /^Accept: port_name must be a string/);
  bad(() => self.Accept(null), TypeError, /^Accept: port_name must be a string/);
  bad(() => self.Connect('port', { info: null as never }), TypeError, /^Connect: info must be an MPI.Info/);
  throwsLike(() => self.Connect('port', { root: -1 }), MPI.Exception, /Connect: MPI_ERR_ROOT/);
  bad(() => MPI.Open_port(5 as never), TypeError, /^Open_port: expecting info/);
  bad(() => MPI.Close_port(5 as never), TypeError, /^Close_port: port_name must be a string/);
  bad(() => MPI.Publish_name(1 as never, 'p'), TypeError, /^Publish_name: service_name must be a string/);
  bad(() => MPI.Unpublish_name('s', null as never), TypeError, /^Unpublish_name: port_name must be a string/);
  bad(() => MPI.Lookup_name(null as never), TypeError, /^Lookup_name: service_name must be a string/);
  bad(() => MPI.Lookup_name('s', { info: 5 as never }), TypeError, /^Lookup_name: info must be an MPI.Info/);
}

const role = process.argv[2];
if (role !== undefined && role.startsWith('child')) child(role, Number(process.argv[3]));
else
  program(() => {
    // Not spawned: the parent is a null intercommunicator.
    throwsLike(() => MPI.Comm.Get_parent().Is_inter(), MPI.Exception, /Is_inter: MPI_ERR_COMM/);
    const world = MPI.COMM_WORLD; // COMM_WORLD itself: UNIVERSE_SIZE and APPNUM are attributes of the world
    const universe = world.Get_attr(MPI.UNIVERSE_SIZE) as number | undefined;
    // MPICH's mpiexec gives a universe size only when asked (`-usize`); Open MPI's always does.
    const mpich = MPI.Get_library_version().startsWith('MPICH');
    ok((mpich && universe === undefined) || (Number.isInteger(universe) && (universe as number) >= 1), `UNIVERSE_SIZE ${universe}`);
    strictEqual(world.Get_attr(MPI.APPNUM), 0);
    const root = size - 1;
    const atRoot = rank === root;
    refusals();
    const side = (r: number) => (r === rank ? MPI.ROOT : MPI.PROC_NULL);

    // Spawn: two children of this file; errcodes filled in place, one per process.
    const errcodes: number[] = [7];
    const args = [__filename, 'child-single', String(root)];
    const inter = comm.Spawn(process.execPath, args, 2, { root, errcodes }) as Intercomm;
    deepStrictEqual(errcodes, [MPI.SUCCESS, MPI.SUCCESS]);
    ok(inter instanceof MPI.Intercomm);
    strictEqual(inter.size, size);
    strictEqual(inter.remote_size, 2);
    inter.bcast<Orders>(atRoot ? { parents: size, port: null, service: null } : undefined, side(root));
    const reports = inter.gather<Report>(undefined, side(root));
    if (atRoot) {
      deepStrictEqual(reports, [0, 1].map((r) => ({ rank: r, size: 2, appnum: 0, role: 'child-single', looked: null })));
    } else strictEqual(reports, undefined);
    inter.Disconnect();
    throwsLike(() => inter.Get_remote_size(), MPI.Exception, /COMM_NULL/);

    // Spawn_multiple: the commands' processes in one world, APPNUM their command's index.
    const codes: number[][] = [];
    const multi = comm.Spawn_multiple(
      [process.execPath, process.execPath],
      [[__filename, 'child-a', String(root)], [__filename, 'child-b', String(root)]],
      [1, 2],
      { root, errcodes: codes },
    );
    deepStrictEqual(codes, [[MPI.SUCCESS], [MPI.SUCCESS, MPI.SUCCESS]]);
    strictEqual(multi.remote_size, 3);

    // A port for the children, published under a name only this launch uses.
    const service = `mpi4js-test-${process.pid}-${comm.Get_name()}`;
    let port: string | null = null;
    if (atRoot) {
      port = MPI.Open_port();
      ok(port.length > 0 && port.length < MPI.MAX_PORT_NAME, port);
      MPI.Publish_name(service, port);
    }
    multi.bcast<Orders>(atRoot ? { parents: size, port, service } : undefined, side(root));
    const many = multi.gather<Report>(undefined, side(root));
    if (atRoot) {
      deepStrictEqual(many, [
        { rank: 0, size: 3, appnum: 0, role: 'child-a', looked: port },
        { rank: 1, size: 3, appnum: 1, role: 'child-b', looked: null },
        { rank: 2, size: 3, appnum: 1, role: 'child-b', looked: null },
      ]);
    }
    // Accept the children's Connect: the port is read at the root only.
    const accepted = comm.Accept(port, { root });
    strictEqual(accepted.remote_size, 3);
    strictEqual(accepted.allreduce(rank, MPI.SUM), 100 + 101 + 102);
    accepted.Disconnect();
    if (atRoot) {
      MPI.Unpublish_name(service, port as string);
      const e = throwsLike(() => MPI.Lookup_name(service), MPI.Exception, /Lookup_name.*no port is published as/) as InstanceType<typeof MPI.Exception>;
      strictEqual(e.error_class, MPI.ERR_NAME);
      MPI.Close_port(port as string);
    }
    multi.Disconnect();
  });
