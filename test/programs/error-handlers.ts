// Error handlers (mpi4py's test_errhandler.py) and added error classes, codes
// and strings (test_errorcode.py): the predefined handlers, Get/Set_errhandler,
// a JavaScript handler called inside a failing MPI call (which still throws
// MPI.Exception), Call_errhandler, Errhandler.Free, and MPI.Exception,
// Get_error_class/Get_error_string and LASTUSEDCODE with added codes.
import { deepStrictEqual, ok, strictEqual, throws } from 'node:assert/strict';

import { comm, MPI, program, rank, size } from './harness';

program(() => {
  // ---- the predefined handlers; every communicator starts with ERRORS_RETURN
  ok(MPI.ERRHANDLER_NULL instanceof MPI.Errhandler);
  strictEqual(comm.Get_errhandler(), MPI.ERRORS_RETURN);
  const dup = comm.Dup();
  strictEqual(dup.Get_errhandler(), MPI.ERRORS_RETURN);
  dup.Set_errhandler(MPI.ERRORS_ARE_FATAL);
  strictEqual(dup.Get_errhandler(), MPI.ERRORS_ARE_FATAL);
  // A new communicator gets ERRORS_RETURN again (mpi4py sets it on each), so errors stay exceptions.
  const dup2 = dup.Dup();
  strictEqual(dup2.Get_errhandler(), MPI.ERRORS_RETURN);
  dup2.Free();
  dup.Set_errhandler(MPI.ERRORS_RETURN);
  // MPI-4's ERRORS_ABORT: usable where the library has it, else a null handle and NotImplementedError.
  // MPICH before 4.1 fails an assertion on it (mpi4py skips it there too).
  const [, major, minor] = /MPICH Version:\s*(\d+)\.(\d+)/.exec(MPI.Get_library_version()) ?? [];
  if (major !== undefined && (Number(major) > 4 || (Number(major) === 4 && Number(minor) >= 1))) {
    dup.Set_errhandler(MPI.ERRORS_ABORT);
    strictEqual(dup.Get_errhandler(), MPI.ERRORS_ABORT);
    dup.Set_errhandler(MPI.ERRORS_RETURN);
  } else {
    throws(() => dup.Set_errhandler(MPI.ERRORS_ABORT), { name: 'NotImplementedError', message: /^Comm\.Set_errhandler\(MPI\.ERRORS_ABORT\): not provided by / });
  }
  // Freeing what Get_errhandler gave for a predefined handler keeps the constant.
  const got = dup.Get_errhandler();
  got.Free();
  strictEqual(dup.Get_errhandler(), MPI.ERRORS_RETURN);
  ok(Object.is(got, MPI.ERRORS_RETURN));

  // ---- a JavaScript handler: called inside the failing call, which still throws
  const seen: [number, number][] = [];
  const handler = MPI.Comm.Create_errhandler((c, code) => {
    seen.push([c.Get_size(), code]);
  });
  ok(handler instanceof MPI.Errhandler);
  dup.Set_errhandler(handler);
  const current = dup.Get_errhandler();
  ok(current instanceof MPI.Errhandler && current !== handler, 'a new reference to the same handler');
  dup.Call_errhandler(MPI.ERR_OTHER);
  deepStrictEqual(seen, [[size, MPI.ERR_OTHER]]);
  // An error MPI finds: a message longer than the receive buffer.
  const sent = dup.Isend(new Int32Array(4), rank, 3); // a blocking send to itself may wait for the receive (MPICH does)
  throws(() => dup.Recv(new Int32Array(1), rank, 3), (e: unknown) => e instanceof MPI.Exception && e.error_class === MPI.ERR_TRUNCATE);
  sent.Wait();
  strictEqual(seen.length, 2);
  strictEqual(MPI.Get_error_class(seen[1][1]), MPI.ERR_TRUNCATE);
  strictEqual(seen[1][0], size);
  // The communicator works on, and the handler stays until replaced.
  strictEqual(dup.allreduce(1), size);
  dup.Set_errhandler(MPI.ERRORS_RETURN);
  dup.Call_errhandler(MPI.ERR_OTHER); // ERRORS_RETURN: nothing happens
  strictEqual(seen.length, 2);
  // Freed handlers: the object becomes the null handle; MPI keeps a handler a communicator uses.
  dup.Set_errhandler(handler);
  handler.Free();
  current.Free();
  throws(() => handler.Free(), (e: unknown) => e instanceof MPI.Exception && e.error_class === MPI.ERR_ARG && /^Errhandler\.Free: /.test((e as Error).message));
  throws(() => dup.Set_errhandler(handler), (e: unknown) => e instanceof MPI.Exception && /^Set_errhandler: /.test((e as Error).message));
  dup.Call_errhandler(MPI.ERR_OTHER);
  strictEqual(seen.length, 3, 'the freed handler still serves the communicator that uses it');
  {
    using disposable = MPI.Comm.Create_errhandler(() => undefined);
    ok(disposable instanceof MPI.Errhandler);
  }
  dup.Free();

  // ---- bad arguments
  throws(() => comm.Set_errhandler(null as never), { name: 'TypeError', message: /^Set_errhandler: errhandler must be an MPI\.Errhandler, got null/ });
  throws(() => comm.Set_errhandler(MPI.ERRHANDLER_NULL), (e: unknown) => e instanceof MPI.Exception && e.error_class === MPI.ERR_ARG);
  throws(() => comm.Set_errhandler(new MPI.Errhandler()), MPI.Exception);
  throws(() => MPI.Comm.Create_errhandler(5 as never), { name: 'TypeError', message: /^Create_errhandler: errhandler_fn must be a function, got number/ });
  throws(() => comm.Call_errhandler(1.5), { name: 'TypeError', message: /^Call_errhandler: errorcode must be an integer/ });
  throws(() => comm.Call_errhandler(-1), (e: unknown) => e instanceof MPI.Exception && e.error_class === MPI.ERR_ARG && /^Call_errhandler: MPI_ERR_ARG: errorcode -1 is negative/.test((e as Error).message));
  throws(() => MPI.COMM_NULL.Get_errhandler(), (e: unknown) => e instanceof MPI.Exception && e.error_class === MPI.ERR_COMM);
  throws(() => MPI.ERRHANDLER_NULL.Free(), MPI.Exception);

  // ---- added error classes, codes and strings
  const errclass = MPI.Add_error_class();
  ok(errclass > MPI.ERR_LASTCODE || errclass >= MPI.ERR_LASTCODE, `a new class ${errclass}`);
  strictEqual(MPI.COMM_WORLD.Get_attr(MPI.LASTUSEDCODE), errclass, 'LASTUSEDCODE is the class just added (mpi4py checks this)'); // COMM_WORLD itself: LASTUSEDCODE is an attribute of COMM_WORLD
  strictEqual(MPI.Get_error_string(errclass), '');
  MPI.Add_error_string(errclass, 'an error class of the test');
  strictEqual(MPI.Get_error_string(errclass), 'an error class of the test');
  const code1 = MPI.Add_error_code(errclass);
  const code2 = MPI.Add_error_code(errclass);
  ok(code1 !== code2);
  // MPICH encodes a code's class in it and reports the last class; Open MPI the largest code.
  ok([errclass, Math.max(code1, code2)].includes(MPI.COMM_WORLD.Get_attr(MPI.LASTUSEDCODE))); // COMM_WORLD itself: LASTUSEDCODE is an attribute of COMM_WORLD
  MPI.Add_error_string(code1, `error code 1 of rank ${rank}`);
  strictEqual(MPI.Get_error_class(code1), errclass);
  strictEqual(MPI.Get_error_class(code2), errclass);
  strictEqual(MPI.Get_error_string(code1), `error code 1 of rank ${rank}`);
  strictEqual(MPI.Get_error_string(code2), '');
  const e = new MPI.Exception(code1);
  strictEqual(e.error_code, code1);
  strictEqual(e.Get_error_class(), errclass);
  strictEqual(e.Get_error_string(), `error code 1 of rank ${rank}`);
  // A handler gets an added code as it is.
  const codes: number[] = [];
  const h = MPI.Comm.Create_errhandler((_c, code) => codes.push(code));
  const d = comm.Dup();
  d.Set_errhandler(h);
  d.Call_errhandler(code2);
  deepStrictEqual(codes, [code2]);
  d.Free();
  h.Free();
  throws(() => MPI.Add_error_code(1.5), { name: 'TypeError', message: /^Add_error_code: errorclass must be an integer/ });
  throws(() => MPI.Add_error_code(-1), (e: unknown) => e instanceof MPI.Exception && e.error_class === MPI.ERR_ARG && /^Add_error_code: MPI_ERR_ARG: errorclass -1 is negative/.test((e as Error).message));
  throws(() => MPI.Add_error_string(code1, 7 as never), { name: 'TypeError', message: /^Add_error_string: string must be a string/ });
  throws(() => MPI.Add_error_string(code1, 'x'.repeat(MPI.MAX_ERROR_STRING)), { name: 'RangeError', message: /^Add_error_string: string is \d+ bytes, longer than MPI\.MAX_ERROR_STRING - 1/ });
  throws(() => MPI.Add_error_string(MPI.ERR_OTHER, 'predefined'), (e: unknown) => e instanceof MPI.Exception && e.error_class === MPI.ERR_ARG && /^Add_error_string: MPI_ERR_ARG: errorcode \d+ is not an added error class or code/.test((e as Error).message));
  throws(() => MPI.Add_error_string(-1, 'negative'), MPI.Exception);
  strictEqual(comm.allreduce(1), size);
});
