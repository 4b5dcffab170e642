// MPI.rc shows every run-time setting of the README's Configuration table with
// its effective value and type: the spec gives the variables and, as the
// program's argument, the rc they must produce. Works with MPI4JS_INITIALIZE=0
// and MPI4JS_FINALIZE=0 too (it then starts and ends MPI itself).
import { deepStrictEqual, strictEqual } from 'node:assert/strict';

import { MPI } from 'mpi4js';

const expected = JSON.parse(process.argv[2] ?? 'null') as Record<string, unknown>;
if (!expected) throw new Error('usage: rc-shows-every-setting.js <expected rc as JSON>');

const levels = { single: MPI.THREAD_SINGLE, funneled: MPI.THREAD_FUNNELED, serialized: MPI.THREAD_SERIALIZED, multiple: MPI.THREAD_MULTIPLE };
strictEqual(MPI.Is_initialized(), MPI.rc.initialize);
if (!MPI.rc.initialize) MPI.Init_thread(levels[MPI.rc.thread_level]);

const comm = MPI.COMM_WORLD;
// Every setting, nothing more, each of the right type (deepStrictEqual tells 5 from '5').
deepStrictEqual({ ...MPI.rc }, expected);
// The settings that can be seen at work are at work.
strictEqual(MPI.Query_thread(), levels[MPI.rc.thread_level]);
// (A Map, which v8 itself writes: plain data takes v8's fast path, header 6.)
strictEqual(MPI.pickle.dumps({ a: new Map([[1, 2]]) })[0], MPI.rc.pickle === 'msgpack' ? 5 : 0xff);
strictEqual(MPI.pickle.dumps({ a: 1 })[0], MPI.rc.pickle === 'msgpack' ? 5 : 6);
// Every rank read the same.
deepStrictEqual(comm.allgather(JSON.stringify(MPI.rc)), Array.from({ length: comm.size }, () => JSON.stringify(MPI.rc)));

comm.Barrier();
process.stdout.write(`ok ${comm.rank}/${comm.size}\n`);
if (!MPI.rc.finalize) MPI.Finalize();
