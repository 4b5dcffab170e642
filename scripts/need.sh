# Sourced by the other scripts (POSIX sh); its names start with need_ so as not
# to clobber theirs.
#
# need PACKAGE… installs the Debian packages that are missing: as root with
# apt-get, else through passwordless sudo, else stops with the command to run.
# apt-get update runs once, before the first install; an index that fails to
# download (a mirror mid-sync, say) only warns, since the packages wanted are
# usually in the indexes that did arrive.
#
# need_arch ARCH makes another architecture's packages (arm64, armhf) known to
# apt, for apt-get download into a sysroot (root only).
need() {
  need_missing=""
  for need_p in "$@"; do
    dpkg-query -W -f='${Status}' "$need_p" 2>/dev/null | grep -q 'ok installed' || need_missing="$need_missing $need_p"
  done
  [ -z "$need_missing" ] && return 0
  if ! command -v apt-get >/dev/null 2>&1; then
    echo "mpi4js: needs$need_missing; install the equivalent packages, then run this again." >&2
    exit 1
  fi
  if [ "$(id -u)" = 0 ]; then
    need_sudo=""
  elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
    need_sudo="sudo"
  else
    echo "mpi4js: needs$need_missing. Install them with:" >&2
    echo "  sudo apt-get install -y$need_missing" >&2
    echo "then run this again." >&2
    exit 1
  fi
  echo "mpi4js: installing$need_missing ..." >&2
  need_update
  $need_sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $need_missing >/dev/null
}

need_update() {
  [ -n "${NEED_UPDATED:-}" ] && return 0
  ${need_sudo:-} apt-get update -qq || echo "mpi4js: apt-get update reported errors; going on with the indexes that arrived" >&2
  NEED_UPDATED=1
}

need_arch() {
  dpkg --print-foreign-architectures | grep -qx "$1" && return 0
  dpkg --add-architecture "$1"
  NEED_UPDATED=""
  need_update
}
