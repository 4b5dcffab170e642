/**
 * @internal Which Open MPI component serves one-sided communication (MPI.Win).
 *
 * Open MPI 4.1 picks osc/rdma first, which cannot make a window over a
 * communicator of one process, nor one whose transports lack RDMA (TCP between
 * hosts); its fallback osc/pt2pt refuses MPI_THREAD_MULTIPLE, mpi4js's default
 * level. Without osc/rdma, osc/ucx serves every flavour on one machine and
 * across TCP hosts (osc/sm still takes Allocate_shared on a node). So, before
 * MPI starts, OMPI_MCA_osc=^rdma — unless the user chose (OMPI_MCA_osc set, as
 * `mpirun --mca osc …` sets it), the library is not Open MPI 4, or osc/ucx is
 * not installed beside it (then osc/rdma is still the best there is).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

import { native } from './native';

/** Where Open MPI keeps its components, from the libmpi this process mapped: <libdir>/openmpi, or Debian's <libdir>/openmpi/lib/openmpi3. */
function componentDirs(): string[] {
  let maps = '';
  try {
    maps = fs.readFileSync('/proc/self/maps', 'utf8');
  } catch {
    return [];
  }
  const m = /\s(\/\S*\/libmpi\.so[.\d]*)\n/.exec(maps);
  if (!m) return [];
  const libdir = path.dirname(m[1]);
  return ['openmpi', 'openmpi3', 'openmpi/lib/openmpi3', 'openmpi/lib/openmpi'].map((d) => path.join(libdir, d));
}

/** Sets OMPI_MCA_osc=^rdma where that makes every window flavour work (see above); what it set, or undefined. */
export function defaultOsc(env: NodeJS.ProcessEnv = process.env): string | undefined {
  if (env.OMPI_MCA_osc !== undefined) return undefined;
  if (!/^Open MPI v4\./.test(native.environment.libraryVersion())) return undefined;
  if (!componentDirs().some((d) => fs.existsSync(path.join(d, 'mca_osc_ucx.so')))) return undefined;
  env.OMPI_MCA_osc = '^rdma';
  return env.OMPI_MCA_osc;
}
