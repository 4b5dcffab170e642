# need PACKAGE… — installs the Debian packages that are missing: as root with
# apt-get, else through passwordless sudo, else stops with the command to run.
# Sourced by the other scripts (POSIX sh). apt-get update runs once, before the
# first install; an index that fails to download (a mirror mid-sync, say) only
# warns, since the packages wanted are usually in the indexes that did arrive.
need() {
  missing=""
  for p in "$@"; do dpkg -s "$p" >/dev/null 2>&1 || missing="$missing $p"; done
  [ -z "$missing" ] && return 0
  if ! command -v apt-get >/dev/null 2>&1; then
    echo "mpi4js: needs$missing; install the equivalent packages, then run this again." >&2
    exit 1
  fi
  if [ "$(id -u)" = 0 ]; then
    sudo=""
  elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
    sudo="sudo"
  else
    echo "mpi4js: needs$missing. Install them with:" >&2
    echo "  sudo apt-get install -y$missing" >&2
    echo "then run this again." >&2
    exit 1
  fi
  echo "mpi4js: installing$missing ..." >&2
  if [ -z "${NEED_UPDATED:-}" ]; then
    $sudo apt-get update -qq || echo "mpi4js: apt-get update reported errors; trying the install anyway" >&2
    NEED_UPDATED=1
  fi
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq $missing >/dev/null
}
