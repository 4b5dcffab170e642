# The Node-API floor addon (floor.c), built by bench/run.ts into .build/bench/floor.
{
  "targets": [
    {
      "target_name": "floor",
      "sources": ["floor.c"],
      "include_dirs": ["<!@(node ../../scripts/mpi-config.js include_dirs)"],
      "defines": ["NAPI_VERSION=8", "OMPI_SKIP_MPICXX", "MPICH_SKIP_MPICXX"],
      "cflags": ["-O2", "<!@(node ../../scripts/mpi-config.js cflags)"],
      "libraries": ["<!@(node ../../scripts/mpi-config.js libraries)"]
    }
  ]
}
