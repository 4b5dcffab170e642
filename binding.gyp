# node-gyp build of the addon. MPI's compile and link flags come from the MPI
# compiler wrapper through scripts/mpi-config.js (MPI4JS_MPICC picks another one).
{
  "targets": [
    {
      "target_name": "mpi4js",
      "sources": [
        "src-native/addon.cc",
        "src-native/buffer.cc",
        "src-native/bytes.cc",
        "src-native/comm.cc",
        "src-native/datatype.cc",
        "src-native/environment.cc",
        "src-native/errors.cc",
        "src-native/group.cc",
        "src-native/grequest.cc",
        "src-native/largecount.cc",
        "src-native/libstdcxx_compat.cc",
        "src-native/message.cc",
        "src-native/op.cc",
        "src-native/predefined.cc",
        "src-native/pack.cc",
        "src-native/prequest.cc",
        "src-native/progress.cc",
        "src-native/request.cc",
        "src-native/status.cc",
        "src-native/typecontents.cc",
        "src-native/watchdog.cc",
        "src-native/sendmodes.cc",
        "src-native/bsend.cc",
        "src-native/reductions.cc",
        "src-native/alltoallw.cc",
        "src-native/attributes.cc",
        "src-native/errhandler.cc",
        "src-native/errorcode.cc",
        "src-native/topology.cc",
        "src-native/neighbor.cc",
        "src-native/info.cc",
        "src-native/commcreate.cc",
        "src-native/intercomm.cc",
        "src-native/session.cc",
        "src-native/win.cc",
        "src-native/file.cc",
        "src-native/inuse.cc",
        "src-native/spawn.cc"
      ],
      "dependencies": [
        "<!(node -p \"require('node-addon-api').targets\"):node_addon_api_except"
      ],
      "include_dirs": ["<!@(node scripts/mpi-config.js include_dirs)"],
      "defines": [
        "NAPI_VERSION=8",
        "NODE_API_SWALLOW_UNTHROWABLE_EXCEPTIONS",
        # mpi.h would otherwise pull in the removed C++ bindings, and the addon
        # would fail to load on an undefined MPI:: symbol.
        "OMPI_SKIP_MPICXX",
        "MPICH_SKIP_MPICXX"
      ],
      "cflags_cc": ["-std=c++17", "-fvisibility=hidden", "<!@(node scripts/mpi-config.js cflags)"],
      "cflags_cc!": ["-std=gnu++17"],
      "libraries": ["<!@(node scripts/mpi-config.js libraries)", "-ldl"]
    }
  ]
}
