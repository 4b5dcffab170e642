/**
 * Persistent requests (mpi4py: `MPI.Prequest`, made by `Comm.Send_init`,
 * `Recv_init`, `Bcast_init` …). One addon slot serves every round: `Start()`
 * makes the request active; wait, test or await completes one round, leaving
 * it inactive (not null) until the next Start. The slot keeps the buffers
 * alive and pinned until the request is freed or collected.
 */
import { describe } from './args';
import { ERR_REQUEST } from './constants';
import { argumentError } from './errors';
import * as P from './msgpickle';
import { native } from './native';
import { nothing, Request } from './request';

const R = native.request;

/** The persistent slot a Prequest owns, shared with the finalizer. */
interface Owned {
  id: number;
}

/**
 * Prequests collected without Free: an inactive one is freed now, an active
 * one once MPI completes its round (the progress engine). Never throws.
 */
const owned = new FinalizationRegistry<Owned>((slot) => {
  if (slot.id >= 0) R.drop(slot.id);
});

/** mpi4py: `MPI.Prequest`: a persistent request. Inactive until `Start()`. */
export class Prequest extends Request<undefined> {
  private readonly persistent: Owned;
  /** The communicator of a persistent collective, whose Start keeps collectives in one order (P.flush). */
  private readonly comm?: number;

  /** A null persistent request: inactive, and Start refuses it (MPI.Exception ERR_REQUEST). */
  constructor();
  /** @internal */
  constructor(id: number, comm?: number);
  constructor(id = -1, comm?: number) {
    super(-1, nothing, comm !== undefined);
    this.persistent = { id };
    this.comm = comm;
    if (id >= 0) owned.register(this, this.persistent, this.persistent);
  }

  protected override get singleStage(): boolean {
    return true;
  }

  /** The slot to start: MPI.Exception ERR_REQUEST once freed (MPI_Start on MPI_REQUEST_NULL). */
  private startable(call: string): number {
    if (this.persistent.id < 0) throw argumentError(ERR_REQUEST, call, 'the request is null (freed)');
    return this.persistent.id;
  }

  /**
   * Starts a round; starting an active request is MPI.Exception ERR_REQUEST.
   * mpi4py: `Start()`.
   */
  Start(): void {
    const id = this.startable('Prequest.Start');
    // A persistent collective starts in the same order as the other collectives on every rank.
    if (this.comm !== undefined) P.flush(this.comm);
    R.start(id);
    this.restart(id);
  }

  /** Starts them all (MPI_Startall). mpi4py: `Prequest.Startall(requests)`. */
  static Startall(requests: readonly Prequest[]): void {
    if (!Array.isArray(requests)) throw new TypeError(`Prequest.Startall: requests must be an array of MPI.Prequest, got ${describe(requests)}`);
    requests.forEach((r, i) => {
      if (!(r instanceof Prequest)) throw new TypeError(`Prequest.Startall: requests[${i}] must be an MPI.Prequest, got ${describe(r)}`);
    });
    const ids = Int32Array.from(requests, (r) => r.startable('Prequest.Startall'));
    for (const r of requests) if (r.comm !== undefined) P.flush(r.comm);
    R.startall(ids);
    requests.forEach((r, i) => r.restart(ids[i]));
  }

  /**
   * Frees the request, also while active (MPI completes that round in the
   * background; a persistent collective must be inactive). mpi4py: `Free()`.
   */
  override Free(): void {
    if (this.persistent.id < 0) return;
    if (this.active) super.Free();
    else R.free(this.persistent.id);
    this.persistent.id = -1;
    owned.unregister(this.persistent);
  }
}
