// A JavaScript user: `require` is typed from the package's declarations (checkJs).
const { MPI } = require('mpi4js');

/** @returns {import('mpi4js').MPI.Intracomm} */
function fromRequire() {
  /** @type {number} */
  const rank = MPI.COMM_WORLD.rank;
  if (rank < 0) throw new Error('no rank');
  return MPI.COMM_WORLD;
}

module.exports = { fromRequire };
