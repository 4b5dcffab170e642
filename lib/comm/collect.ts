/**
 * Frees the communicators JavaScript dropped. mpi4py 4 never frees a dropped
 * communicator (its collector's "collecting object with handle" path is
 * disabled): a loop of Dups runs MPI out of communicators (MPICH has 2048
 * context ids). Here a FinalizationRegistry notes each dropped communicator,
 * but never calls MPI from the finalizer (MPI_Comm_free is a collective call
 * in the standard, and a finalizer runs at no defined point): the handle is
 * queued and freed at the next explicit creation of a communicator, where the
 * program is in an MPI call anyway. Never freed: the predefined ones, one that
 * another object still holds (the objects of a handle are counted), one freed
 * already, and one a request in flight still uses (it waits for a later pass).
 */
import { native } from '../native';

const C = native.comm;

/** The objects that hold one handle; `freed`: freed explicitly, so their registrations no longer count. */
interface Holders {
  id: number;
  count: number;
  freed: boolean;
}

/** The largest id of a predefined communicator (COMM_NULL 0, COMM_WORLD 1, COMM_SELF 2: src-native/handles.h). */
const PREDEFINED = 2;

const holders = new Map<number, Holders>();
/** Handles every object of which was collected, to free at the next drain. */
let queue: number[] = [];
let freed = 0;

const registry = new FinalizationRegistry<Holders>((h) => {
  if (h.freed || --h.count > 0) return;
  if (holders.get(h.id) === h) holders.delete(h.id);
  queue.push(h.id);
});

/** Frees what was collected and may be freed now; the rest waits for a later pass. */
function drain(): void {
  if (queue.length === 0) return;
  const pending = queue;
  queue = [];
  for (const id of pending) {
    // Another object may have taken the handle since (a wrapper made from the id).
    if (holders.has(id)) continue;
    let ok: boolean;
    try {
      ok = C.collectable(id);
    } catch {
      continue; // MPI finalized: nothing can be freed any more
    }
    if (!ok) {
      if (isKnown(id)) queue.push(id);
      continue;
    }
    try {
      C.Free(id);
      if (freed++ === 0) warnCollected(id);
    } catch (e) {
      process.emitWarning(`mpi4js: could not free a collected communicator: ${(e as Error).message}`, 'ResourceWarning');
    }
  }
}

/**
 * mpi4py's warning for an MPI object collected with a live handle
 * (RuntimeWarning "collecting object with MPI_Comm handle 0x…"), with what
 * mpi4js did: once per process, as a loop of dropped Dups would repeat it.
 */
function warnCollected(id: number): void {
  process.emitWarning(
    `collecting object with MPI_Comm handle ${id}: freed with MPI_Comm_free (Free() the communicators you make; ` +
      'further ones are freed without a warning)',
    { type: 'RuntimeWarning', code: 'MPI4JS_COMM_COLLECTED' },
  );
}

/** Whether id may still become collectable (its handle lives): a stale id is dropped from the queue. */
function isKnown(id: number): boolean {
  try {
    C.rank(id);
    return true;
  } catch {
    return false;
  }
}

/**
 * @internal Called by every communicator object made: frees what was
 * collected, then counts this object as a holder of its handle.
 */
export function adopt(comm: object, id: number): void {
  if (id <= PREDEFINED) return;
  drain();
  let h = holders.get(id);
  if (!h) holders.set(id, (h = { id, count: 0, freed: false }));
  h.count++;
  registry.register(comm, h, comm);
}

/** @internal comm's handle was freed explicitly (Free): no collection of it may free it again. */
export function forget(comm: object, id: number): void {
  registry.unregister(comm);
  const h = holders.get(id);
  if (!h) return;
  h.freed = true;
  holders.delete(id);
}

/** @internal for tests: communicators freed after their objects were collected, and those still queued. */
export function collected(): { freed: number; queued: number; live: number } {
  return { freed, queued: queue.length, live: C.live() };
}
