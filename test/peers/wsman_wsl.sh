#!/bin/bash
# bmcbridge's driver for the Debian "wsl" WS-Man client in the interop tests
# (test/frontends/wsman/peers.test.ts).
#
#   wsman_wsl.sh [--https] [--show-requests] HOST:PORT USER PASSWORD WSL-ARGS...
#
# wsl takes its target from WSENDPOINT/WSUSER/WSPASS, uses HTTPS (curl --insecure) unless
# WSNOSSL is set, asks questions unless IPINTERACTIVE=0, and writes request-N.xml,
# response-N.xml, log.txt, .wslrun (with the password) and ~/.wsl-config into its working
# directory and HOME. So each run gets a fresh temporary directory as both, removed afterwards.
# With --show-requests the requests it sent are printed after its output, between
# "=== request-N.xml" lines. A first WSL-ARG naming one of wsl's scripts (wslenum, wslget ...)
# runs that script directly: the "wsl" front command always asks for an optimized
# enumeration (MaxElements 512), wslenum alone sends Enumerate and then Pulls.
set -u
tls=""
show=""
while [ $# -gt 0 ] && [ "${1#--}" != "$1" ]; do
  case "$1" in
    --https) tls=1 ;;
    --show-requests) show=1 ;;
    *) echo "unknown option $1" >&2; exit 64 ;;
  esac
  shift
done
if [ $# -lt 4 ]; then
  echo "usage: $0 [--https] [--show-requests] HOST:PORT USER PASSWORD WSL-ARGS..." >&2
  exit 64
fi
run_dir=$(mktemp -d "${TMPDIR:-/tmp}/bmcbridge-wsl.XXXXXX")
trap 'rm -rf "$run_dir"' EXIT
export WSENDPOINT="$1" WSUSER="$2" WSPASS="$3"
shift 3
if [ -z "$tls" ]; then export WSNOSSL=true; else unset WSNOSSL; fi
export IPINTERACTIVE=0 OUTLEVEL=1 HOME="$run_dir" OUTPREFIX="$run_dir" SHELL=/bin/bash
cd "$run_dir" || exit 70
status=0
case "$1" in
  wslenum|wslget|wslput|wslinvoke|wslid) cmd="$1"; shift; "$cmd" "$@" || status=$? ;;
  *) wsl "$@" || status=$? ;;
esac
if [ -n "$show" ]; then
  for f in $(ls "$run_dir"/request-*.xml 2>/dev/null | sort -t- -k2 -n); do
    echo "=== $(basename "$f")"
    cat "$f"
  done
fi
exit $status
