// A rank with an unhandled promise rejection ends the whole job too.
import { comm, rank } from './harness';

if (rank === comm.size - 1) {
  void Promise.reject(new RangeError('deliberate rejection'));
} else {
  comm.recv(comm.size - 1, 0); // never sent
}
