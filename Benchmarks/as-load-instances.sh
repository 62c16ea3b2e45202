#!/usr/bin/env bash
# The AS on PostgreSQL and in several instances (docs/performance.md, "AS on PostgreSQL, one and two instances"):
# grant creation and continuation polling measured in one run, one after another on the same machine, on
#   1. SQLite under --data-dir (the embedded default),
#   2. one `gnapterm serve --database` on a throw-away PostgreSQL cluster (scripts/postgres-cluster, loopback),
#   3. two `serve --database` instances on that cluster, wrk's threads split between them (no load balancer process
#      in between, so the figure is the AS's and the database's, not a proxy's),
# each with ASLoadBenchmark (as in Benchmarks/as-load.sh) on a fresh data directory or schema; the cluster's CPU is
# reported beside the AS's.
#
#   Benchmarks/as-load-instances.sh [ASLoadBenchmark options, e.g. --requests 5000]
#
# The RESULT lines of the three runs are repeated together at the end.
set -euo pipefail
benchmarks="$(cd "$(dirname "$0")" && pwd)"
root="$(dirname "$benchmarks")"

# Built once, so the three runs measure the same binaries: gnapterm as a product of the root package built inside the
# Benchmarks package (one release build tree for both), and wrk from Debian as in as-load.sh.
if ! command -v wrk >/dev/null; then
    as_root=()
    [ "$(id -u)" -eq 0 ] || as_root=(sudo)
    "${as_root[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y wrk >&2
fi
swift build -c release --package-path "$benchmarks" --product gnapterm >&2
swift build -c release --package-path "$benchmarks" --product ASLoadBenchmark >&2
bin="$(swift build -c release --package-path "$benchmarks" --show-bin-path)"
gnapterm="$bin/gnapterm"
benchmark="$bin/ASLoadBenchmark"
echo "$(swift --version 2>&1 | head -1); $(wrk --version 2>&1 | head -1 | cut -d' ' -f1-2); $(uname -srm)"

cluster=$(mktemp -d "${TMPDIR:-/tmp}/gnapterm-bench-postgres.XXXXXX")
[ "$(id -u)" -eq 0 ] && chmod 0755 "$cluster"
results="$cluster/results.txt"
stop_cluster() {
    "$root/scripts/postgres-cluster" stop "$cluster/pg" || true
    rm -rf "$cluster"
}
trap stop_cluster EXIT
url=$("$root/scripts/postgres-cluster" start "$cluster/pg")
# The password stays out of command lines: serve reads it from the cluster's file.
url=$(printf '%s' "$url" | sed -E 's#://([^:@/]+):[^@]*@#://\1@#')
postmaster=$(head -1 "$cluster/pg/data/postmaster.pid")
database=(--database "$url" --database-password-file "$cluster/pg/password" --postgres-pid "$postmaster")
scenarios=(--scenarios grant-create,continuation-poll)

run() {
    echo
    echo "=== $1"
    shift
    "$benchmark" --gnapterm "$gnapterm" --wrk "$(command -v wrk)" --lua "$benchmarks/as-load.lua" "${scenarios[@]}" "$@" \
        | tee -a "$results"
}
run "SQLite, one instance" "$@"
run "PostgreSQL, one instance" "${database[@]}" --instances 1 "$@"
run "PostgreSQL, two instances" "${database[@]}" --instances 2 "$@"

echo
grep '^RESULT' "$results"
