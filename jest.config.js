// Every test runs real MPI programs under mpirun (test/mpirun.ts), one job at a
// time: these machines have 2 cores and the jobs oversubscribe them already.
module.exports = {
  testEnvironment: 'node',
  testMatch: ['<rootDir>/test/**/*.test.ts'],
  // Build output and scratch copies (.build/prebuild-src has a package.json too).
  modulePathIgnorePatterns: ['<rootDir>/.build/', '<rootDir>/dist/'],
  transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/test/tsconfig.json' }] },
  testTimeout: 180000,
  verbose: true,
  reporters: ['default', '<rootDir>/test/summary-reporter.js'],
};
