/**
 * Communicators, one class per file as mpi4py's `MPI.src/Comm.pyx` hierarchy:
 * Comm (comm.ts), Intracomm (intracomm.ts), Cartcomm (cartcomm.ts); their
 * options objects (options.ts). Loading this module registers every class.
 */
export { Comm, COMM_NULL } from './comm';
export { Intracomm, COMM_WORLD, COMM_SELF } from './intracomm';
export { Cartcomm } from './cartcomm';
// --- topologies (issue 13)
export { Topocomm } from './topocomm';
export { Graphcomm } from './graphcomm';
export { Distgraphcomm } from './distgraphcomm';
export { UNWEIGHTED, WEIGHTS_EMPTY } from './topoargs';
export type { Weights, GraphOptions, DistGraphOptions, DistGraphAdjacentOptions } from './topoargs';
export { Intercomm } from './intercomm';
export type { CreateFromGroupsOptions } from './intercomm';
export type {
  SendOptions, RecvOptions, IrecvOptions, SendrecvOptions, TagOptions, RecvTagOptions, StatusOptions, IrecvTagOptions,
  BufSendrecvOptions, SplitOptions, SplitTypeOptions, CartOptions, RootOptions, ReduceOptions, ReduceScatterOptions, OpOptions,
} from './options';
export type { CreateGroupOptions } from './options';
