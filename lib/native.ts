/**
 * The compiled addon, loaded by node-gyp-build (a prebuild when one matches,
 * else the local build), and the shape of what it exports. Everything here is
 * internal: the public API is in the other files of lib/.
 * @internal
 * @packageDocumentation
 */
import { isMainThread } from 'node:worker_threads';

import { checkRuntime, loadAddon } from './load';

/** A buffer view as the addon takes it, or null, or the MPI.IN_PLACE marker. */
export type View = ArrayBufferView | null | object;
type Id = number;

export interface Native {
  IN_PLACE: object;
  buffer: {
    /** bytes count items of (trueLb, extent, trueExtent), offset bytes in, need from a buffer's start; -1 before it, -2 overflow */
    requiredBytes(trueLb: number, extent: number, trueExtent: number, count: number, offset?: number): number;
    /** bytes of one element of a napi_typedarray_type; 0 when refused */
    elementSize(kind: number): number;
    setUntransferable(mark: (ab: ArrayBuffer) => void): void;
  };
  environment: {
    initThread(required: number): number;
    finalize(): void;
    /** makes an MPI initialised by someone else usable here; false when MPI is not initialised */
    adopt(): boolean;
    isInitialized(): boolean;
    isFinalized(): boolean;
    queryThread(): number;
    isThreadMain(): boolean;
    libmpiIsGlobal(): boolean;
    wtime(): number;
    wtick(): number;
    processorName(): string;
    version(): [number, number];
    libraryVersion(): string;
    errorClass(code: number): number;
    errorString(code: number): string;
    computeDims(nnodes: number, dims: Int32Array): number[];
    /** the TAG_UB attribute of COMM_WORLD: the largest valid tag */
    tagUb(): number;
    constants: Record<string, number>;
    builtAgainst: { family: string; major: number; minor: number; release: number };
    /** what the MPI headers the addon was built against provide (src-native/implementation.h) */
    features: { mpi4: boolean; mpi41: boolean; largeCount: boolean };
  };
  errors: { setExceptionClass(cls: Function): void };
  // --- parallel I/O (issue 14)
  file: FileNative;
  datatype: {
    predefined(): Record<string, Id>;
    /** names of the predefined types the library lacks */
    missing(): string[];
    describe(type: Id): [size: number, lb: number, extent: number, trueLb: number, trueExtent: number, combiner: number, committed: number];
    dup(type: Id): Id;
    createContiguous(count: number, type: Id): Id;
    createVector(count: number, blocklength: number, stride: number, type: Id): Id;
    createHvector(count: number, blocklength: number, stride: number, type: Id): Id;
    createIndexed(blocklengths: Int32Array, displacements: Int32Array, type: Id): Id;
    createHindexed(blocklengths: Int32Array, displacements: BigInt64Array, type: Id): Id;
    createIndexedBlock(blocklength: number, displacements: Int32Array, type: Id): Id;
    createHindexedBlock(blocklength: number, displacements: BigInt64Array, type: Id): Id;
    createStruct(blocklengths: Int32Array, displacements: BigInt64Array, types: Int32Array): Id;
    createSubarray(sizes: Int32Array, subsizes: Int32Array, starts: Int32Array, order: number, type: Id): Id;
    createDarray(
      size: number, rank: number, gsizes: Int32Array, distribs: Int32Array, dargs: Int32Array, psizes: Int32Array,
      order: number, type: Id,
    ): Id;
    createResized(type: Id, lb: number, extent: number): Id;
    commit(type: Id): void;
    free(type: Id): void;
    getName(type: Id): string;
    setName(type: Id, name: string): void;
    // --- Pack, contents and decode (src-native/pack.cc, src-native/typecontents.cc)
    pack(type: Id, inbuf: Uint8Array, count: number, outbuf: Uint8Array, position: number, comm: Id): number;
    unpack(type: Id, inbuf: Uint8Array, position: number, outbuf: Uint8Array, count: number, comm: Id): number;
    packSize(count: number, type: Id, comm: Id): number;
    packExternal(datarep: string, type: Id, inbuf: Uint8Array, count: number, outbuf: Uint8Array, position: number): number;
    unpackExternal(datarep: string, type: Id, inbuf: Uint8Array, position: number, outbuf: Uint8Array, count: number): number;
    packExternalSize(datarep: string, count: number, type: Id): number;
    getAddress(location: Uint8Array): number;
    envelope(type: Id): [ni: number, na: number, nc: number, nd: number, combiner: number];
    /** datatypes as [id, shared, key]: shared ones (predefined, Match_size, f90) are never freed; key: the MPI handle */
    contents(type: Id): [integers: number[], addresses: number[], counts: number[], datatypes: [Id, boolean, number][]];
    matchSize(typeclass: number, size: number): [Id, boolean, number];
    /** kind 0 integer (r), 1 real, 2 complex */
    f90(kind: 0 | 1 | 2, p: number, r: number): [Id, boolean, number];
    /** drops a second id of a shared datatype (not freed in MPI) */
    forget(type: Id): void;
  };
  status: {
    layout: { bytes: number; source: number; tag: number; error: number };
    getCount(status: Uint8Array, type: Id): number;
    getElements(status: Uint8Array, type: Id): number;
    /** true once MPI runs: the bytes are then every fresh status's */
    reset(status: Uint8Array): boolean;
    setElements(status: Uint8Array, type: Id, count: number): void;
    isCancelled(status: Uint8Array): boolean;
    setCancelled(status: Uint8Array, flag: boolean): void;
  };
  op: {
    predefined: Record<string, Id>;
    /** A user op's MPI_Op (one of 32 trampolines) calling fn(invec, inoutvec, datatypeId) */
    create(fn: (invec: unknown, inoutvec: unknown, typeId: number) => void, commute: boolean): Id;
    free(op: Id): void;
    Reduce_local(inbuf: ArrayBufferView | null, incount: number, intype: Id, inoutbuf: ArrayBufferView | null, count: number, type: Id, op: Id): void;
  };
  group: {
    size(g: Id): number;
    rank(g: Id): number;
    incl(g: Id, ranks: Int32Array): Id;
    excl(g: Id, ranks: Int32Array): Id;
    translateRanks(g1: Id, ranks: Int32Array, g2: Id): number[];
    compare(g1: Id, g2: Id): number;
    union(g1: Id, g2: Id): Id;
    intersection(g1: Id, g2: Id): Id;
    difference(g1: Id, g2: Id): Id;
    free(g: Id): void;
  };
  comm: NativeComm;
  // --- info objects (issue 13): src-native/info.cc
  info: {
    create(): Id;
    dup(info: Id): Id;
    free(info: Id): void;
    set(info: Id, key: string, value: string): void;
    /** undefined: no such key */
    get(info: Id, key: string): string | undefined;
    delete(info: Id, key: string): void;
    nkeys(info: Id): number;
    nthkey(info: Id, n: number): string;
    /** info objects in the table, the null and predefined ones included (tests of leaks) */
    live(): number;
  };
  // --- send modes and collectives (issue 12, WP3)
  bsend: {
    Attach_buffer(buf: ArrayBufferView | ArrayBuffer | SharedArrayBuffer): void;
    /** the bytes detached */
    Detach_buffer(): number;
  };
  message: {
    /** -1: the timeout passed first */
    Mprobe(comm: Id, source: number, tag: number, status?: Uint8Array, timeoutMs?: number): Id;
    Improbe(comm: Id, source: number, tag: number, status?: Uint8Array): Id;
    isNoProc(msg: Id): boolean;
    /** probed: the Mprobe's status, to refuse a truncating receive before MPI takes the message */
    Mrecv(msg: Id, view: View, count: number, type: Id, status: Uint8Array | undefined, probed: Uint8Array): void;
    Imrecv(msg: Id, view: View, count: number, type: Id, probed: Uint8Array): Id;
    mrecvBytes(msg: Id, probed: Uint8Array, status?: Uint8Array): Buffer;
    imrecvBytes(msg: Id, probed: Uint8Array): Id;
    /** Whether the message is still there to receive. */
    held(msg: Id): boolean;
    /** its Message was collected unreceived: receive and discard it; whether there was a message (not NO_PROC) */
    drop(msg: Id, probed: Uint8Array): boolean;
    /** message ids in use, with the null one (tests of leaks) */
    live(): number;
  };
  request: {
    wait(req: Id, status?: Uint8Array): Buffer | undefined;
    /** whether the request completed within ms; then take() it */
    waitFor(req: Id, ms: number): boolean;
    test(req: Id, status?: Uint8Array): boolean | Buffer;
    done(req: Id): boolean;
    take(req: Id, status?: Uint8Array): Buffer | undefined;
    /** indices of the completed ones: at least one if block (and any given); call names the wait for the watchdog */
    waitsome(reqs: Int32Array, block: boolean, call: 'Request.waitall' | 'Request.waitany' | 'Request.waitsome'): Int32Array;
    cancel(req: Id): void;
    free(req: Id): void;
    watch(req: Id): void;
    /** its Request was collected: free the slot now if complete (false), else once complete (true: it was active); 2: an incomplete Grequest, freed now */
    drop(req: Id): boolean | 2;
    /** slots in use (tests of leaks) */
    live(): number;
    // --- persistent and generalized requests
    /** a new round of an inactive persistent request (MPI.Exception ERR_REQUEST if active) */
    start(req: Id): void;
    startall(reqs: Int32Array): void;
    /** whether it completed (its status filled then), leaving the outcome for wait/test */
    status(req: Id, status?: Uint8Array): boolean;
  };
  grequest: {
    /** dispatcher(kind 0 query | 1 free | 2 cancel, state, status bytes | completed flag) -> MPI error code */
    start(dispatcher: (kind: number, state: number, extra: Uint8Array | boolean | undefined) => number, state: number): Id;
    complete(req: Id): void;
  };
  progress: {
    /** fn(ids, count): the first count ids (a reused array) completed */
    setCallback(fn: (completed: Int32Array, count: number) => void): void;
    configure(spinMicroseconds: number, backoffMicroseconds: number): void;
    /** [completions found while spinning, completions found on a timer tick] */
    stats(): [number, number];
  };
  // --- attributes and error handlers (issue 13 part 3b)
  attributes: {
    /** state: lib/attributes.ts's id of the keyval's functions, handed back to every callback */
    createKeyval(state: number): number;
    freeKeyval(keyval: number): number;
    setAttr(comm: Id, keyval: number, raw: number | bigint): void;
    /** undefined when not set; a predefined attribute's int; else the integer stored */
    getAttr(comm: Id, keyval: number): number | bigint | undefined;
    deleteAttr(comm: Id, keyval: number): void;
    /** copy answers the new integer, or undefined for no copy */
    setDispatchers(
      copy: (comm: Id, keyval: number, state: number, raw: number | bigint) => number | bigint | undefined,
      del: (comm: Id, keyval: number, state: number, raw: number | bigint) => void,
    ): void;
    keyvals: Record<'KEYVAL_INVALID' | 'TAG_UB' | 'HOST' | 'IO' | 'WTIME_IS_GLOBAL' | 'UNIVERSE_SIZE' | 'APPNUM' | 'LASTUSEDCODE', number>;
    // window attributes (issue 14): the same integers and dispatchers, the window's id for the comm's
    winCreateKeyval(state: number): number;
    winFreeKeyval(keyval: number): number;
    winSetAttr(win: Id, keyval: number, raw: number | bigint): void;
    winGetAttr(win: Id, keyval: number): number | bigint | undefined;
    winDeleteAttr(win: Id, keyval: number): void;
  };
  errhandler: {
    /** kind: 0 Comm, 1 Win, 2 File, 3 Session; index: 0 to maxUser - 1, the dispatcher's argument when MPI calls the handler */
    create(kind: number, index: number): Id;
    free(eh: Id): void;
    get(kind: number, object: Id): Id;
    set(kind: number, object: Id, eh: Id): void;
    call(kind: number, object: Id, errorcode: number): void;
    setDispatcher(fn: (kind: number, index: number, object: Id, errorcode: number) => void): void;
    maxUser: number;
    hasErrorsAbort: boolean;
  };
  errorcode: {
    addErrorClass(): number;
    addErrorCode(errorclass: number): number;
    addErrorString(errorcode: number, text: string): void;
  };
  // --- sessions (issue 13 part 1): src-native/session.cc; the functions only where the library is MPI-4
  session: NativeSession;
}

export interface NativeSession {
  available: boolean;
  ERR_SESSION?: number;
  MAX_PSET_NAME_LEN?: number;
  init?(info: Id, errhandler: Id): Id;
  finalize?(session: Id): void;
  numPsets?(session: Id, info: Id): number;
  nthPset?(session: Id, n: number, info: Id): string;
  getInfo?(session: Id): Id;
  getPsetInfo?(session: Id, psetName: string): Id;
  createGroup?(session: Id, psetName: string): Id;
  commCreateFromGroup?(group: Id, stringtag: string, info: Id, errhandler: Id): Id;
  live?(): number;
}

type Msg3 = [view: View, count: number, type: Id];
type MsgV4 = [view: View, counts: Int32Array | null, displs: Int32Array | null, type: Id];
type P2P = (comm: Id, ...a: [...Msg3, number, number]) => void;
type P2PNonblocking = (comm: Id, ...a: [...Msg3, number, number]) => Id;
type Two = (comm: Id, ...a: [...Msg3, ...Msg3]) => void;
type TwoNonblocking = (comm: Id, ...a: [...Msg3, ...Msg3]) => Id;
type Rooted = (comm: Id, ...a: [...Msg3, ...Msg3, number]) => void;
type RootedNonblocking = (comm: Id, ...a: [...Msg3, ...Msg3, number]) => Id;
type Reduction = (comm: Id, ...a: [...Msg3, ...Msg3, Id]) => void;
type ReductionNonblocking = (comm: Id, ...a: [...Msg3, ...Msg3, Id]) => Id;

export interface NativeComm {
  rank(comm: Id): number;
  size(comm: Id): number;
  topoTest(comm: Id): number;
  getName(comm: Id): string;
  setName(comm: Id, name: string): void;
  Send: P2P;
  Ssend: P2P;
  /** false: the timeout passed first */
  Recv(comm: Id, view: View, count: number, type: Id, source: number, tag: number, status?: Uint8Array, timeoutMs?: number): boolean;
  Sendrecv(comm: Id, ...a: [...Msg3, number, number, ...Msg3, number, number, Uint8Array | undefined]): void;
  Isend: P2PNonblocking;
  Issend: P2PNonblocking;
  Irecv: P2PNonblocking;
  /** false: the timeout passed first */
  Probe(comm: Id, source: number, tag: number, status?: Uint8Array, timeoutMs?: number): boolean;
  Iprobe(comm: Id, source: number, tag: number, status?: Uint8Array): boolean;
  /** The message: its size when it fit pool (received there), else a new Buffer; null: the timeout passed first */
  recvBytes(comm: Id, source: number, tag: number, status?: Uint8Array, timeoutMs?: number, pool?: Uint8Array): Buffer | number | null;
  irecvBytes(comm: Id, source: number, tag: number): Id;
  /** A value's bytes, any length (a derived datatype above bytesLimit); null sends nothing (PROC_NULL) */
  /** mode: false or 0 standard, true or 1 synchronous, 2 buffered (SendMode) */
  sendBytes(comm: Id, bytes: Uint8Array | null, dest: number, tag: number, mode: boolean | number): void;
  isendBytes(comm: Id, bytes: Uint8Array | null, dest: number, tag: number, mode: boolean | number): Id;
  /** The root's bytes into every rank's, each already of the root's length */
  bcastBytes(comm: Id, bytes: Uint8Array, root: number): void;
  /** The largest byte count sent as plain MPI_BYTEs: INT_MAX, or MPI4JS_TEST_CHUNK */
  bytesLimit: number;
  Barrier(comm: Id): void;
  Ibarrier(comm: Id): Id;
  Bcast(comm: Id, ...a: [...Msg3, number]): void;
  Ibcast(comm: Id, ...a: [...Msg3, number]): Id;
  Gather: Rooted;
  Igather: RootedNonblocking;
  Scatter: Rooted;
  Iscatter: RootedNonblocking;
  Gatherv(comm: Id, ...a: [...Msg3, ...MsgV4, number]): void;
  Igatherv(comm: Id, ...a: [...Msg3, ...MsgV4, number]): Id;
  Scatterv(comm: Id, ...a: [...MsgV4, ...Msg3, number]): void;
  Iscatterv(comm: Id, ...a: [...MsgV4, ...Msg3, number]): Id;
  Allgather: Two;
  Iallgather: TwoNonblocking;
  Allgatherv(comm: Id, ...a: [...Msg3, ...MsgV4]): void;
  Iallgatherv(comm: Id, ...a: [...Msg3, ...MsgV4]): Id;
  Alltoall: Two;
  Ialltoall: TwoNonblocking;
  Alltoallv(comm: Id, ...a: [...MsgV4, ...MsgV4]): void;
  Ialltoallv(comm: Id, ...a: [...MsgV4, ...MsgV4]): Id;
  Reduce(comm: Id, ...a: [...Msg3, ...Msg3, Id, number]): void;
  Ireduce(comm: Id, ...a: [...Msg3, ...Msg3, Id, number]): Id;
  Allreduce: Reduction;
  Iallreduce: ReductionNonblocking;
  Scan: Reduction;
  Exscan: Reduction;
  Reduce_scatter_block: Reduction;
  Dup(comm: Id): Id;
  Split(comm: Id, color: number, key: number): Id;
  Split_type(comm: Id, type: number, key: number): Id;
  Create(comm: Id, group: Id): Id;
  Free(comm: Id): void;
  Compare(c1: Id, c2: Id): number;
  Get_group(comm: Id): Id;
  Abort(comm: Id, code: number): void;
  Create_cart(comm: Id, dims: Int32Array, periods: Int32Array, reorder: boolean): Id;
  Cart_get(comm: Id): [number[], number[], number[]];
  Cart_rank(comm: Id, coords: Int32Array): number;
  Cart_coords(comm: Id, rank: number): number[];
  Cart_shift(comm: Id, direction: number, disp: number): [number, number];
  Cart_sub(comm: Id, remain: Int32Array): Id;
  // --- persistent requests: inactive request ids; the collectives only where MPI-4.0 is (features.mpi4)
  Send_init: P2PNonblocking;
  Bsend_init: P2PNonblocking;
  Ssend_init: P2PNonblocking;
  Rsend_init: P2PNonblocking;
  Recv_init: P2PNonblocking;
  // ... each followed by its info's id (hints; INFO_NULL's for none)
  Barrier_init(comm: Id, info: Id): Id;
  Bcast_init(comm: Id, ...a: [...Msg3, number, Id]): Id;
  Gather_init(comm: Id, ...a: [...Msg3, ...Msg3, number, Id]): Id;
  Gatherv_init(comm: Id, ...a: [...Msg3, ...MsgV4, number, Id]): Id;
  Scatter_init(comm: Id, ...a: [...Msg3, ...Msg3, number, Id]): Id;
  Scatterv_init(comm: Id, ...a: [...MsgV4, ...Msg3, number, Id]): Id;
  Allgather_init(comm: Id, ...a: [...Msg3, ...Msg3, Id]): Id;
  Allgatherv_init(comm: Id, ...a: [...Msg3, ...MsgV4, Id]): Id;
  Alltoall_init(comm: Id, ...a: [...Msg3, ...Msg3, Id]): Id;
  Alltoallv_init(comm: Id, ...a: [...MsgV4, ...MsgV4, Id]): Id;
  Reduce_init(comm: Id, ...a: [...Msg3, ...Msg3, Id, number, Id]): Id;
  Allreduce_init(comm: Id, ...a: [...Msg3, ...Msg3, Id, Id]): Id;
  Scan_init(comm: Id, ...a: [...Msg3, ...Msg3, Id, Id]): Id;
  Exscan_init(comm: Id, ...a: [...Msg3, ...Msg3, Id, Id]): Id;
  Reduce_scatter_block_init(comm: Id, ...a: [...Msg3, ...Msg3, Id, Id]): Id;
  Reduce_scatter_init(comm: Id, ...a: [...Msg3, ...Msg3, Int32Array, Id, Id]): Id;
  Alltoallw_init(comm: Id, ...a: [...MsgW3, ...MsgW3, Id]): Id;
  // --- send modes and collectives (issue 12, WP3)
  Bsend: P2P;
  Rsend: P2P;
  Ibsend: P2PNonblocking;
  Irsend: P2PNonblocking;
  Sendrecv_replace(comm: Id, ...a: [...Msg3, number, number, number, number, Uint8Array | undefined]): void;
  /** MPI-4.0: absent from builds against an MPI-3 library */
  Isendrecv?(comm: Id, ...a: [...Msg3, number, number, ...Msg3, number, number]): Id;
  Isendrecv_replace?(comm: Id, ...a: [...Msg3, number, number, number, number]): Id;
  Reduce_scatter(comm: Id, ...a: [...Msg3, ...Msg3, Int32Array, Id]): void;
  Ireduce_scatter(comm: Id, ...a: [...Msg3, ...Msg3, Int32Array, Id]): Id;
  Ireduce_scatter_block: ReductionNonblocking;
  Iscan: ReductionNonblocking;
  Iexscan: ReductionNonblocking;
  /** each side (view, counts then byte displacements, datatype ids) */
  Alltoallw(comm: Id, ...a: [...MsgW3, ...MsgW3]): void;
  Ialltoallw(comm: Id, ...a: [...MsgW3, ...MsgW3]): Id;
  // --- largecount
  /** The largest count passed to MPI as is without `_c` routines: INT_MAX, or MPI4JS_TEST_CHUNK */
  countLimit: number;
  /** The v-variant agreement: MPI_Allreduce(MAX) of one int flag over comm */
  agreeMax(comm: Id, flag: number): number;
  /** For tests: what largecount::Fit hands MPI for count items of a datatype: [count, combiner, size, lb, extent] */
  fit(count: number, datatype: Id): [number, number, number, number, number];
  // --- topologies and neighbour collectives (issue 13): src-native/topology.cc, neighbor.cc
  Create_graph(comm: Id, index: Int32Array, edges: Int32Array, reorder: boolean): Id;
  Graph_get(comm: Id): [index: number[], edges: number[]];
  Graph_neighbors(comm: Id, rank: number): number[];
  /** weights: an Int32Array, 0 (MPI_UNWEIGHTED) or 1 (MPI_WEIGHTS_EMPTY) */
  Create_dist_graph_adjacent(comm: Id, sources: Int32Array, sourceweights: Int32Array | 0 | 1, destinations: Int32Array, destweights: Int32Array | 0 | 1, reorder: boolean, info: Id): Id;
  Create_dist_graph(comm: Id, sources: Int32Array, degrees: Int32Array, destinations: Int32Array, weights: Int32Array | 0 | 1, reorder: boolean, info: Id): Id;
  Dist_graph_neighbors_count(comm: Id): [indegree: number, outdegree: number, weighted: boolean];
  Dist_graph_neighbors(comm: Id): [sources: number[], destinations: number[], sourceweights: number[] | null, destweights: number[] | null];
  Cart_map(comm: Id, dims: Int32Array, periods: Int32Array): number;
  Graph_map(comm: Id, index: Int32Array, edges: Int32Array): number;
  /** [indegree, outdegree] of any topology; ERR_TOPOLOGY without one */
  degrees(comm: Id): [number, number];
  Neighbor_allgather: Two;
  Ineighbor_allgather: TwoNonblocking;
  Neighbor_allgatherv(comm: Id, ...a: [...Msg3, ...MsgV4]): void;
  Ineighbor_allgatherv(comm: Id, ...a: [...Msg3, ...MsgV4]): Id;
  Neighbor_alltoall: Two;
  Ineighbor_alltoall: TwoNonblocking;
  Neighbor_alltoallv(comm: Id, ...a: [...MsgV4, ...MsgV4]): void;
  Ineighbor_alltoallv(comm: Id, ...a: [...MsgV4, ...MsgV4]): Id;
  Neighbor_alltoallw(comm: Id, ...a: [...MsgW3, ...MsgW3]): void;
  Ineighbor_alltoallw(comm: Id, ...a: [...MsgW3, ...MsgW3]): Id;
  // --- info objects and communicator creation (issue 13): src-native/commcreate.cc
  Dup_with_info(comm: Id, info: Id): Id;
  /** [request, cell]: the new communicator's handle is in cell once the request completed */
  Idup(comm: Id, info?: Id): [Id, ArrayBuffer];
  idupResult(cell: ArrayBuffer): Id;
  Create_group(comm: Id, group: Id, tag: number): Id;
  Split_type_info(comm: Id, splitType: number, key: number, info: Id): Id;
  Set_info(comm: Id, info: Id): void;
  Get_info(comm: Id): Id;
  /** whether lib/comm/collect.ts may free comm now (live, not predefined, no request in flight on it) */
  collectable(comm: Id): boolean;
  /** communicators in the table, the null and predefined ones included (tests of leaks) */
  live(): number;
  // --- intercommunicators (src-native/intercomm.cc)
  testInter(comm: Id): boolean;
  remoteSize(comm: Id): number;
  remoteGroup(comm: Id): Id;
  Intercomm_create(comm: Id, localLeader: number, peer: Id, remoteLeader: number, tag: number): Id;
  Intercomm_merge(comm: Id, high: boolean): Id;
  /** MPI-4.0: absent from builds against an MPI-3 library */
  Intercomm_create_from_groups?(local: Id, localLeader: number, remote: Id, remoteLeader: number, stringtag: string): Id;
}

type MsgW3 = [view: View, countsDispls: Int32Array | null, types: Int32Array | null];

// --- parallel I/O (issue 14): src-native/file.cc, used by lib/file.ts
type FileAccess = 'Read' | 'Read_all' | 'Read_shared' | 'Read_ordered' | 'Write' | 'Write_all' | 'Write_shared' | 'Write_ordered';
type FileAccessAt = 'Read_at' | 'Read_at_all' | 'Write_at' | 'Write_at_all';
type FileSplit = 'Read_all' | 'Read_ordered' | 'Write_all' | 'Write_ordered';
type FileSplitAt = 'Read_at_all' | 'Write_at_all';
type FileNonblocking = 'Iread' | 'Iread_all' | 'Iread_shared' | 'Iwrite' | 'Iwrite_all' | 'Iwrite_shared';
type FileNonblockingAt = 'Iread_at' | 'Iread_at_all' | 'Iwrite_at' | 'Iwrite_at_all';
/** [id, shared, key] of a datatype MPI returned (lib/pack.ts fromNative) */
type ReturnedType = [Id, boolean, number];
export type FileNative = {
  open(comm: Id, filename: string, amode: number, info: Id): Id;
  close(file: Id): void;
  delete(filename: string, info: Id): void;
  setSize(file: Id, size: number): void;
  preallocate(file: Id, size: number): void;
  getSize(file: Id): number;
  getAmode(file: Id): number;
  getGroup(file: Id): Id;
  setInfo(file: Id, info: Id): void;
  getInfo(file: Id): Id;
  setView(file: Id, disp: number, etype: Id, filetype: Id, datarep: string, info: Id): void;
  getView(file: Id): [disp: number, etype: ReturnedType, filetype: ReturnedType, datarep: string];
  getTypeExtent(file: Id, type: Id): number;
  seek(file: Id, offset: number, whence: number): void;
  getPosition(file: Id): number;
  getByteOffset(file: Id, offset: number): number;
  seekShared(file: Id, offset: number, whence: number): void;
  getPositionShared(file: Id): number;
  setAtomicity(file: Id, flag: boolean): void;
  getAtomicity(file: Id): boolean;
  sync(file: Id): void;
  /** files in the table, the null one included (tests of leaks) */
  live(): number;
  /** MPI_Register_datarep; conversions: whether conversion functions were given (src-native/file.cc refuses them all) */
  registerDatarep(datarep: string, conversions: boolean): void;
  constants: Record<string, number>;
} & { [K in `File.${FileAccess}`]: (file: Id, ...a: [...Msg3, Uint8Array | undefined]) => void }
  & { [K in `File.${FileAccessAt}`]: (file: Id, offset: number, ...a: [...Msg3, Uint8Array | undefined]) => void }
  & { [K in `File.${FileNonblocking}`]: (file: Id, ...a: Msg3) => Id }
  & { [K in `File.${FileNonblockingAt}`]: (file: Id, offset: number, ...a: Msg3) => Id }
  & { [K in `File.${FileSplit}_begin`]: (file: Id, ...a: Msg3) => void }
  & { [K in `File.${FileSplitAt}_begin`]: (file: Id, offset: number, ...a: Msg3) => void }
  & { [K in `File.${FileSplit | FileSplitAt}_end`]: (file: Id, ...a: [...Msg3, Uint8Array | undefined]) => void };

/** Fixed ids of predefined handles (src-native/handles.h). */
export const COMM_NULL_ID = 0;
export const COMM_WORLD_ID = 1;
export const COMM_SELF_ID = 2;
export const GROUP_NULL_ID = 0;
export const GROUP_EMPTY_ID = 1;

/** Why a worker thread cannot load mpi4js (the addon says the same to a direct load). */
export const MAIN_THREAD_ONLY =
  'mpi4js: MPI can be used from the main thread only; load mpi4js there and pass data to workers with postMessage';

// MPI is one per process and its state (communicators, requests, the progress
// engine on the main loop) belongs to the main thread's Node environment; a
// worker's copy would share the process's MPI and finalise it when the worker exits.
if (!isMainThread) throw new Error(MAIN_THREAD_ONLY);

const loaded = loadAddon<Native>();

/** The addon file in use: a prebuild (prebuilds/…) or a local source build (build/Release/…). */
export const addonPath: string = loaded.path;

export const native: Native = loaded.addon;

// Two copies of the package whose addons are one file (a symlink, or the hard
// links of pnpm's store) share one native state, which each copy's JavaScript
// would claim for itself (the completion callback, the exception class): the
// second copy's requests would complete into the first's. Copies with their own
// addon files share MPI instead (the second adopts it).
const claim = native as unknown as { loadedBy?: string };
if (claim.loadedBy !== undefined && claim.loadedBy !== __dirname) {
  throw new Error(
    `mpi4js: another copy of mpi4js (${claim.loadedBy}) already uses this addon (${loaded.path}) in this process; ` +
      'load one copy (npm dedupe), or give each copy its own addon file',
  );
}
claim.loadedBy = __dirname;

checkRuntime(native.environment.builtAgainst, native.environment.libraryVersion());
