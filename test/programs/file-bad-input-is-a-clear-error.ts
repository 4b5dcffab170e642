// Bad input to MPI.File is a clear error and the rank lives on: a read past
// the buffer (RangeError before MPI runs), a closed file (ERR_FILE), a missing
// file (ERR_NO_SUCH_FILE), a bad amode (ERR_AMODE), negative offsets (ERR_ARG),
// writing a read-only file, and split collectives used out of turn. Every rank,
// over the harness communicators.
import { deepStrictEqual, ok, strictEqual } from 'node:assert/strict';

import { comm, MPI, program, rank, sharedTempPath, throwsLike } from './harness';

type Exception = InstanceType<typeof MPI.Exception>;

program(() => {
  const path = sharedTempPath('bad');
  // A missing file: ERR_NO_SUCH_FILE, the rank alive.
  const missing = throwsLike(() => MPI.File.Open(comm, path), MPI.Exception, /MPI_File_open/) as Exception;
  strictEqual(missing.error_class, MPI.ERR_NO_SUCH_FILE);
  // Bad amodes: refused before MPI, the same everywhere.
  for (const amode of [0, MPI.MODE_RDONLY | MPI.MODE_RDWR, MPI.MODE_RDONLY | MPI.MODE_CREATE, MPI.MODE_RDWR | MPI.MODE_SEQUENTIAL, MPI.MODE_RDWR | (1 << 30)]) {
    const e = throwsLike(() => MPI.File.Open(comm, path, amode), MPI.Exception, /File\.Open: .*amode|MODE_/) as Exception;
    strictEqual(e.error_class, MPI.ERR_AMODE);
  }
  throwsLike(() => MPI.File.Open(comm, path, 1.5), TypeError, /File\.Open: amode must be an integer/);
  throwsLike(() => MPI.File.Open(comm, 42 as unknown as string), TypeError, /File\.Open: filename must be a string/);
  throwsLike(() => MPI.File.Open(MPI.COMM_NULL as never, path), TypeError, /File\.Open: comm must be an MPI\.Intracomm/);
  throwsLike(() => MPI.File.Open(comm, path, { amode: MPI.MODE_RDONLY, bogus: 1 } as never), TypeError, /File\.Open: unexpected option 'bogus'/);

  const f = MPI.File.Open(comm, path, MPI.MODE_CREATE | MPI.MODE_RDWR | MPI.MODE_DELETE_ON_CLOSE);
  f.Write_at(rank * 4, new Int32Array([rank]));
  comm.Barrier();
  // A read past the buffer: RangeError naming the call, before MPI reads anything.
  const small = new Int32Array(1);
  throwsLike(() => f.Read_at(0, [small, 2]), RangeError, /File\.Read_at: buf too small/);
  throwsLike(() => f.Iread_at(0, [small, 2, MPI.INT]), RangeError, /File\.Iread_at: buf too small/);
  throwsLike(() => f.Read_at_all_begin(0, [small, 5]), RangeError, /File\.Read_at_all_begin: buf too small/);
  throwsLike(() => f.Read(MPI.IN_PLACE as never), TypeError, /File\.Read: buf cannot be MPI\.IN_PLACE/);
  const uncommitted = MPI.INT.Create_contiguous(1);
  const notCommitted = throwsLike(() => f.Read_at(0, [small, 1, uncommitted]), MPI.Exception, /not committed/) as Exception;
  strictEqual(notCommitted.error_class, MPI.ERR_TYPE);
  uncommitted.Free();
  // Negative offsets, sizes and displacements: ERR_ARG (MPI calls them erroneous).
  for (const call of [() => f.Read_at(-1, small), () => f.Iwrite_at(-4, small), () => f.Set_size(-1), () => f.Preallocate(-1), () => f.Set_view(-8), () => f.Seek(-1), () => f.Get_byte_offset(-1)]) {
    const e = throwsLike(call, MPI.Exception, /File\.\w+: MPI_ERR_ARG: \w+ -\d+ is negative/) as Exception;
    strictEqual(e.error_class, MPI.ERR_ARG);
  }
  throwsLike(() => f.Seek(0, 12345), RangeError, /File\.Seek: whence 12345 is not/);
  throwsLike(() => f.Read_at(2 ** 53, small), RangeError, /File\.Read_at: offset .* out of range/);
  throwsLike(() => f.Read(small, { bogus: 1 } as never), TypeError, /File\.Read: unexpected option 'bogus'/);
  throwsLike(() => f.Set_view(0, MPI.DATATYPE_NULL), MPI.Exception, /File\.Set_view: MPI_ERR_TYPE: etype is MPI\.DATATYPE_NULL/);
  throwsLike(() => f.Set_view(0, MPI.BYTE, null, 'x'.repeat(MPI.MAX_DATAREP_STRING + 1)), RangeError, /File\.Set_view: datarep/);
  const rep = throwsLike(() => f.Set_view(0, MPI.BYTE, null, 'no-such-datarep'), MPI.Exception, /MPI_File_set_view/) as Exception;
  ok([MPI.ERR_UNSUPPORTED_DATAREP, MPI.ERR_ARG].includes(rep.error_class), rep.message);

  // Split collectives out of turn: an end without its begin, a second begin, another kind, another buffer, Close while begun.
  const buf = new Int32Array(1);
  strictEqual((throwsLike(() => f.Read_all_end(buf), MPI.Exception, /File\.Read_all_end: MPI_ERR_OTHER: no Read_all_begin/) as Exception).error_class, MPI.ERR_OTHER);
  f.Read_at_all_begin(rank * 4, buf);
  throwsLike(() => f.Write_all_begin(buf), MPI.Exception, /File\.Write_all_begin: MPI_ERR_OTHER: the split collective Read_at_all_begin has not ended/);
  throwsLike(() => f.Read_all_end(buf), MPI.Exception, /File\.Read_all_end: MPI_ERR_OTHER: no Read_all_begin .*Read_at_all_begin is what began/);
  throwsLike(() => f.Read_at_all_end(new Int32Array(1)), TypeError, /File\.Read_at_all_end: buf must be the buffer given to Read_at_all_begin/);
  throwsLike(() => f.Close(), MPI.Exception, /File\.Close: MPI_ERR_OTHER: the split collective Read_at_all_begin has not ended/);
  f.Read_at_all_end(buf);
  deepStrictEqual(Array.from(buf), [rank]);

  // Writing a file opened read-only: ERR_READ_ONLY or ERR_ACCESS (MPI names either).
  const ro = MPI.File.Open(comm, path, MPI.MODE_RDONLY);
  const denied = throwsLike(() => ro.Write_at(0, small), MPI.Exception, /MPI_File_write_at/) as Exception;
  ok([MPI.ERR_READ_ONLY, MPI.ERR_ACCESS, MPI.ERR_AMODE].includes(denied.error_class), denied.message);
  ro.Close();

  // MODE_SEQUENTIAL: only the shared file pointer; explicit offsets and the individual pointer are ERR_UNSUPPORTED_OPERATION.
  const seqPath = sharedTempPath('sequential');
  const seq = MPI.File.Open(comm, seqPath, MPI.MODE_CREATE | MPI.MODE_WRONLY | MPI.MODE_SEQUENTIAL | MPI.MODE_DELETE_ON_CLOSE);
  for (const [re, call] of [
    [/File\.Write_at:/, () => seq.Write_at(0, small)],
    [/File\.Iwrite_at_all:/, () => seq.Iwrite_at_all(0, small)],
    [/File\.Write:/, () => seq.Write(small)],
    [/File\.Write_all_begin:/, () => seq.Write_all_begin(small)],
    [/File\.Seek:/, () => seq.Seek(0)],
    [/File\.Get_position:/, () => seq.Get_position()],
  ] as [RegExp, () => unknown][]) {
    strictEqual((throwsLike(call, MPI.Exception, re) as Exception).error_class, MPI.ERR_UNSUPPORTED_OPERATION);
  }
  seq.Write_ordered(new Int32Array([rank])); // the shared pointer works (MPICH refuses even Get_position_shared here)
  seq.Close();

  // A closed file: ERR_FILE naming the call, for every kind of call; Close again is ERR_FILE too.
  f.Close();
  for (const [re, call] of [
    [/File\.Read_at:/, () => f.Read_at(0, small)],
    [/File\.Iwrite:/, () => f.Iwrite(small)],
    [/File\.Get_view:/, () => f.Get_view()],
    [/File\.Close:/, () => f.Close()],
    [/File\.Write_all_begin:/, () => f.Write_all_begin(small)],
  ] as [RegExp, () => unknown][]) {
    strictEqual((throwsLike(call, MPI.Exception, re) as Exception).error_class, MPI.ERR_FILE);
  }
  // The rank still works: a collective and a file of its own.
  strictEqual(comm.allreduce(1), comm.size);
  // Deleting a missing file: ERR_NO_SUCH_FILE.
  if (rank === 0) strictEqual((throwsLike(() => MPI.File.Delete(path), MPI.Exception, /MPI_File_delete/) as Exception).error_class, MPI.ERR_NO_SUCH_FILE);
  comm.Barrier();
});
