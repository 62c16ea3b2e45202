#!/usr/bin/env bash
# Instruction counts per operation under callgrind (see docs/performance.md). Unlike times, these repeat exactly
# from run to run, so they can compare two versions of the library on a busy machine.
#
#   Benchmarks/callgrind.sh [ITERATIONS] [ALGORITHM...]
#
# Builds the benchmark in release mode, then, for each algorithm (default: ed25519) and each operation (httpsig sign
# and verify, jwsd and jws verify, each with its bare counterpart), runs ITERATIONS (default 200) iterations under
# callgrind, counting only inside the measured loop, and prints instructions per operation and the full/bare ratios.
set -euo pipefail
cd "$(dirname "$0")"

iterations="${1:-200}"
shift || true
algorithms=("$@")
[ ${#algorithms[@]} -eq 0 ] && algorithms=(ed25519)

command -v valgrind >/dev/null || { echo "valgrind is not installed" >&2; exit 1; }
swift build -c release --product SignatureBenchmarks >&2
output_dir="$(mktemp -d)"
trap 'rm -rf "$output_dir"' EXIT
# Valgrind before 3.20 cannot read the DWARF 5 debug information the toolchain emits; the symbol table is enough
# to name functions, so count on a copy without debug information.
binary="$output_dir/SignatureBenchmarks"
strip --strip-debug -o "$binary" "$(swift build -c release --show-bin-path)/SignatureBenchmarks"

# Instructions (Ir) collected inside the measured loop, divided by the iteration count.
count() {
    local algorithm="$1" operation="$2" log="$output_dir/$1-$2.log"
    valgrind --tool=callgrind --collect-atstart=no --toggle-collect=gnapterm_bench_callgrind_loop \
        --callgrind-out-file="$output_dir/$1-$2.out" \
        "$binary" --callgrind "$algorithm" "$operation" --iterations "$iterations" >/dev/null 2>"$log"
    local total
    total="$(sed -n 's/^==[0-9]*== Collected : //p' "$log")"
    [ -n "$total" ] || { cat "$log" >&2; exit 1; }
    echo $((total / iterations))
}

echo "| algorithm | full sign Ir | bare sign Ir | sign ratio | full verify Ir | bare verify Ir | verify ratio |"
echo "|---|---:|---:|---:|---:|---:|---:|"
for algorithm in "${algorithms[@]}"; do
    full_sign="$(count "$algorithm" full-sign)"
    bare_sign="$(count "$algorithm" bare-sign)"
    full_verify="$(count "$algorithm" full-verify)"
    bare_verify="$(count "$algorithm" bare-verify)"
    awk -v a="$algorithm" -v fs="$full_sign" -v bs="$bare_sign" -v fv="$full_verify" -v bv="$bare_verify" \
        'BEGIN { printf "| %s | %d | %d | %.3f | %d | %d | %.3f |\n", a, fs, bs, fs / bs, fv, bv, fv / bv }'
done

echo
echo "| algorithm | jwsd verify Ir | bare Ir | jwsd ratio | jws verify Ir | bare Ir | jws ratio |"
echo "|---|---:|---:|---:|---:|---:|---:|"
for algorithm in "${algorithms[@]}"; do
    jwsd="$(count "$algorithm" jwsd-verify)"
    jwsd_bare="$(count "$algorithm" jwsd-bare-verify)"
    jws="$(count "$algorithm" jws-verify)"
    jws_bare="$(count "$algorithm" jws-bare-verify)"
    awk -v a="$algorithm" -v d="$jwsd" -v db="$jwsd_bare" -v j="$jws" -v jb="$jws_bare" \
        'BEGIN { printf "| %s | %d | %d | %.3f | %d | %d | %.3f |\n", a, d, db, d / db, j, jb, j / jb }'
done
