#!/usr/bin/env bash
# AS load benchmark (see docs/performance.md, "AS throughput"): a release `gnapterm serve` on a fresh data
# directory on loopback, pre-signed requests driven by wrk, and the AS's requests/s, latency and CPU per request next
# to the bare Ed25519 verification measured in the same run.
#
#   Benchmarks/as-load.sh [ASLoadBenchmark options]
#
# e.g. --requests 5000, --scenarios grant-create,continuation-poll, --connections 16 --threads 2 (the defaults),
# --listed-grants 50000, --listing-passes 2, --keep-data. Every scenario prints a RESULT line with its ratios, so
# two versions compare with `Benchmarks/as-load.sh | grep '^RESULT'`. A later --gnapterm PATH measures another
# binary (Benchmarks/as-callgrind.sh passes a copy without debug information).
set -euo pipefail
benchmarks="$(cd "$(dirname "$0")" && pwd)"
root="$(dirname "$benchmarks")"

# wrk from Debian's package, installed when missing (as root, or through sudo).
if ! command -v wrk >/dev/null; then
    echo "installing wrk (Debian package)" >&2
    as_root=()
    [ "$(id -u)" -eq 0 ] || as_root=(sudo)
    "${as_root[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y wrk >&2 \
        || { "${as_root[@]}" apt-get update >&2 && "${as_root[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y wrk >&2; }
fi

swift build -c release --package-path "$root" --product gnapterm >&2
swift build -c release --package-path "$benchmarks" --product ASLoadBenchmark >&2
gnapterm="$(swift build -c release --package-path "$root" --show-bin-path)/gnapterm"
benchmark="$(swift build -c release --package-path "$benchmarks" --show-bin-path)/ASLoadBenchmark"

echo "$(swift --version 2>&1 | head -1); $(wrk --version 2>&1 | head -1 | cut -d' ' -f1-2); $(uname -srm)"
exec "$benchmark" --gnapterm "$gnapterm" --wrk "$(command -v wrk)" --lua "$benchmarks/as-load.lua" "$@"
