// The prebuilt binaries' 2-rank check, run under qemu-user by
// scripts/test-prebuilds.sh with Debian's own ARM node: send/recv, bcast,
// scatter, gather, reduce and Allreduce (with a user op too) and Reduce_local give the
// right results on both ranks.
'use strict';
const assert = require('node:assert/strict');
const path = require('node:path');

const { MPI } = require(path.join(__dirname, '../..'));
const { addonPath } = require(path.join(__dirname, '../../dist/native'));

const comm = MPI.COMM_WORLD;
const { rank, size } = comm;
assert.equal(size, 2);
assert.match(addonPath, /[\\/]prebuilds[\\/]linux-(arm64|arm)[\\/]/);
assert.deepEqual(comm.bcast(rank === 0 ? { hello: 'pi', n: [1, 2] } : null), { hello: 'pi', n: [1, 2] });
assert.equal(comm.scatter(rank === 0 ? ['a', 'b'] : null), rank === 0 ? 'a' : 'b');
assert.deepEqual(comm.gather(rank * 10), rank === 0 ? [0, 10] : undefined);
assert.equal(comm.reduce(rank + 1, MPI.SUM), rank === 0 ? 3 : undefined);
const sum = new Float64Array(2);
comm.Allreduce(new Float64Array([rank + 0.5, 1]), sum, MPI.SUM);
assert.deepEqual([...sum], [2, 2]);
// A user op on buffers (its trampoline calls JavaScript from inside MPI): MPI_LONG is
// 4 bytes on armv7, 8 on arm64, so its view's kind differs; Reduce_local runs it locally.
const kinds = [];
const add = MPI.Op.Create((invec, inoutvec, datatype) => {
  kinds.push(`${invec.constructor.name}:${datatype === MPI.LONG}`);
  for (let i = 0; i < invec.length; i++) inoutvec[i] += invec[i];
}, true);
const long = MPI.LONG.Get_size() === 8;
const longs = (a) => (long ? BigInt64Array.from(a, BigInt) : Int32Array.from(a));
const total = longs([0, 0]);
comm.Allreduce([longs([rank + 1, 10]), 2, MPI.LONG], [total, 2, MPI.LONG], add);
assert.deepEqual([...total].map(Number), [3, 20]);
const inout = new Float64Array([1.5, 2]);
add.Reduce_local(new Float64Array([1, 1]), inout);
assert.deepEqual([...inout], [2.5, 3]);
assert.ok(kinds.includes('Float64Array:false'));
for (const k of kinds.slice(0, -1)) assert.equal(k, `${long ? 'BigInt64Array' : 'Int32Array'}:true`);
add.Free();
if (rank === 1) comm.send({ from: 1, arch: process.arch }, 0, 3);
else assert.deepEqual(comm.recv(1, 3), { from: 1, arch: process.arch });
process.stdout.write(`ok ${rank}/${size} ${process.arch} ${path.relative(path.join(__dirname, '../..'), addonPath)}\n`);
