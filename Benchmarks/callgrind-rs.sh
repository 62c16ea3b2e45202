#!/usr/bin/env bash
# Instruction counts of the RS request check under callgrind (see docs/performance.md): the full check with a cached
# introspection, the httpsig profile verification alone and the bare Ed25519 verification, per request. Unlike
# times, the counts repeat from run to run on a busy machine.
#
#   Benchmarks/callgrind-rs.sh [ITERATIONS]
set -euo pipefail
cd "$(dirname "$0")"

iterations="${1:-200}"
command -v valgrind >/dev/null || { echo "valgrind is not installed" >&2; exit 1; }
swift build -c release --product ResourceServerBenchmark >&2
output_dir="$(mktemp -d)"
trap 'rm -rf "$output_dir"' EXIT
# Valgrind before 3.20 cannot read the DWARF 5 debug information the toolchain emits; count on a stripped copy.
binary="$output_dir/ResourceServerBenchmark"
strip --strip-debug -o "$binary" "$(swift build -c release --show-bin-path)/ResourceServerBenchmark"

count() {
    local operation="$1" log="$output_dir/$1.log"
    valgrind --tool=callgrind --collect-atstart=no --toggle-collect=gnapterm_rs_callgrind_loop \
        --callgrind-out-file="$output_dir/$1.out" \
        "$binary" --callgrind "$operation" --iterations "$iterations" >/dev/null 2>"$log"
    local total
    total="$(sed -n 's/^==[0-9]*== Collected : //p' "$log")"
    [ -n "$total" ] || { cat "$log" >&2; exit 1; }
    echo $((total / iterations))
}

full="$(count full)"
profile="$(count profile)"
bare="$(count bare)"
echo "| RS check Ir | profile verify Ir | bare Ed25519 verify Ir | RS check / bare | profile / bare |"
echo "|---:|---:|---:|---:|---:|"
awk -v f="$full" -v p="$profile" -v b="$bare" 'BEGIN { printf "| %d | %d | %d | %.3f | %.3f |\n", f, p, b, f / b, p / b }'
