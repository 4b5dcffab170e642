// A rank that dies of an uncaught exception ends the whole job (the others are
// waiting for it in recv and barrier); run by the abort test, which times it.
import { comm, rank } from './harness';

if (rank === 1 || comm.size === 1) {
  setTimeout(() => {
    throw new Error('deliberate failure on this rank');
  }, 100);
} else if (rank === 0) {
  comm.recv(1, 0); // never sent
} else {
  comm.barrier();
}
