/**
 * The `MPI` namespace, as mpi4py's `MPI` module: `MPI.COMM_WORLD`, `MPI.SUM`,
 * `MPI.Status`, `MPI.Wtime()`, … Loading it initialises MPI (lib/environment.ts).
 */
export * from './environment';
export * from './constants';
export { MPIException as Exception, TimeoutError, Get_error_class, Get_error_string } from './errors';
export type { Waiting } from './errors';
export * from './datatype';
export { IN_PLACE } from './buffer';
export type { BufferLike, BufSpec, BufSpecV, Counts, DatatypeSpec, InPlace } from './buffer';
export * from './op';
export { Status } from './status';
export { Request, REQUEST_NULL } from './request';
export type { WaitOptions } from './request';
export { Message } from './message';
export { Group, GROUP_NULL, GROUP_EMPTY } from './group';
export { Pickle, pickle, PickleError } from './pickle';
export type { Dumps, Loads, Delivery } from './pickle';
export { Comm, Intracomm, Cartcomm, COMM_NULL, COMM_WORLD, COMM_SELF } from './comm';
export type {
  SendOptions, RecvOptions, IrecvOptions, SendrecvOptions, BufSendrecvOptions, RootOptions, ReduceOptions, OpOptions,
  TagOptions, RecvTagOptions, StatusOptions, IrecvTagOptions, SplitOptions, SplitTypeOptions, CartOptions,
} from './comm';
