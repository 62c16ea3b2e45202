#!/usr/bin/env bash
# Where the AS spends its instructions in one scenario of the load benchmark: runs Benchmarks/as-load.sh with the
# AS under valgrind's callgrind, instrumentation switched on only while the scenario's requests are sent (not during
# start-up or set-up traffic), then prints instructions per request and the top functions, inclusive and self.
#
#   Benchmarks/as-callgrind.sh [REQUESTS] [SCENARIO] [TOP]        defaults: 2000 grant-create 40
#
# The profile and the report stay in the directory printed at the end (open it with callgrind_annotate or
# kcachegrind). Counts, unlike times, repeat from run to run on a busy machine (docs/performance.md).
set -euo pipefail
benchmarks="$(cd "$(dirname "$0")" && pwd)"
root="$(dirname "$benchmarks")"
requests="${1:-2000}"
scenario="${2:-grant-create}"
top="${3:-40}"

command -v valgrind >/dev/null || { echo "valgrind is not installed (apt-get install valgrind)" >&2; exit 1; }
swift build -c release --package-path "$root" --product gnapterm >&2
output="$(mktemp -d)"
# Valgrind before 3.20 cannot read the DWARF 5 debug information Swift emits; the symbol table names the functions.
strip --strip-debug -o "$output/gnapterm" "$(swift build -c release --package-path "$root" --show-bin-path)/gnapterm"
# Valgrind 3.19 also crashes in libdispatch's sigsuspend (see the file); preload a sigsuspend that avoids it.
gcc -shared -fPIC -O2 -o "$output/valgrind-sigsuspend.so" "$benchmarks/valgrind-sigsuspend.c" -ldl

# One wrk thread and 4 connections: under valgrind the AS runs one thread at a time anyway.
"$benchmarks/as-load.sh" --gnapterm "$output/gnapterm" --callgrind "$output/callgrind.out" \
    --callgrind-preload "$output/valgrind-sigsuspend.so" \
    --scenarios "$scenario" --requests "$requests" --threads 1 --connections 4 --bare-ms 200 \
    | tee "$output/report.txt"

total="$(sed -n 's/^totals: *\([0-9]*\).*/\1/p' "$output/callgrind.out")"
[ -n "$total" ] || total="$(sed -n 's/^summary: *\([0-9]*\).*/\1/p' "$output/callgrind.out")"
echo
echo "instructions in the AS while the $requests requests of $scenario were served: $total"
echo "instructions per request: $((total / requests))"
echo
# Annotate into files first: `head` closing the pipe early would fail the script (pipefail).
callgrind_annotate --inclusive=yes "$output/callgrind.out" 2>/dev/null | swift demangle --simplified >"$output/inclusive.txt"
callgrind_annotate "$output/callgrind.out" 2>/dev/null | swift demangle --simplified >"$output/self.txt"
# Inclusive costs of async Swift functions are blurred (callgrind charges a resumed task to whatever resumed it); the
# inclusive cost of synchronous entry points and the self costs are the ones to read (docs/performance.md).
echo "== inclusive (each function with everything it calls), top $top =="
sed -n '/file:function/,$p' "$output/inclusive.txt" | sed -n "2,$((top + 1))p"
echo
echo "== self (instructions in the function itself), top $top =="
sed -n '/file:function/,$p' "$output/self.txt" | sed -n "2,$((top + 1))p"
echo
echo "profile and report: $output"
