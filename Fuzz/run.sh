#!/usr/bin/env bash
# Builds the fuzz targets with libFuzzer (-sanitize=fuzzer) and runs each for SECONDS (default 60) on its committed
# corpus, Fuzz/Corpus/<target>/. Prints executions and crashes per target. A crash, timeout or out-of-memory input is
# kept in Fuzz/Findings/<target>/ (gitignored) with the fuzzer's log, and the script exits 1. New inputs that reach
# new code go to Fuzz/Findings/<target>/corpus/ (see docs/fuzzing.md to merge them into the committed corpus).
#
#   Fuzz/run.sh [SECONDS] [TARGET...]
set -euo pipefail
cd "$(dirname "$0")"

seconds="${1:-60}"
shift || true
if ! [[ "$seconds" =~ ^[0-9]+$ ]]; then
    echo "usage: Fuzz/run.sh [SECONDS] [TARGET...]" >&2
    exit 64
fi

if ! command -v swift >/dev/null 2>&1 && [ -x /opt/swift/usr/bin/swift ]; then
    export PATH="/opt/swift/usr/bin:$PATH"
fi

# Every Swift module, the package's and its dependencies', is instrumented for coverage; -enable-testing lets the
# differential target reach the internal fast Dictionary parser (@testable import). lld links: gold fails on the
# libFuzzer runtime beside SwiftPM's renamed entry point.
build=(swift build -c release -Xswiftc -sanitize=fuzzer -Xswiftc -enable-testing -Xswiftc -use-ld=lld)
echo "Building the fuzz targets: ${build[*]}"
start=$(date +%s)
"${build[@]}"
echo "Built in $(($(date +%s) - start)) s"
bin="$(swift build -c release --show-bin-path)"

if [ $# -gt 0 ]; then
    targets=("$@")
else
    targets=()
    for source in Sources/*Fuzzer; do targets+=("$(basename "$source")"); done
fi

dictionary() {
    case "$1" in
    StructuredDictionaryFuzzer | SignatureFieldsFuzzer) echo Dictionaries/structured-fields.dict ;;
    MessageSignatureFuzzer | HTTPMessageTextFuzzer) echo Dictionaries/http-messages.dict ;;
    GrantRequestFuzzer) echo Dictionaries/grant-requests.dict ;;
    UserCodeFuzzer) echo Dictionaries/codes.dict ;;
    esac
}

failed=()
printf '\n%-28s %12s %8s %9s %s\n' target executions crashes coverage "new inputs"
for target in "${targets[@]}"; do
    findings="Findings/$target"
    mkdir -p "$findings/corpus" "Corpus/$target"
    rm -f "$findings"/crash-* "$findings"/timeout-* "$findings"/oom-* "$findings"/leak-*
    before=$(find "$findings/corpus" -type f | wc -l)
    options=(
        -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -max_len=16384 -print_final_stats=1
        -artifact_prefix="$findings/"
    )
    dict="$(dictionary "$target")"
    [ -n "$dict" ] && options+=(-dict="$dict")
    # New inputs are written to the first directory; the committed corpus is only read.
    status=0
    # Without Swift's own crash handler, libFuzzer's catches the trap of a failed invariant and keeps the input.
    SWIFT_BACKTRACE=enable=no "$bin/$target" "${options[@]}" "$findings/corpus" "Corpus/$target" >"$findings/log" 2>&1 || status=$?
    executions=$(sed -n 's/^stat::number_of_executed_units: *//p' "$findings/log" | tail -1)
    coverage=$(sed -n 's/.* cov: \([0-9]*\) .*/\1/p' "$findings/log" | tail -1)
    crashes=$(find "$findings" -maxdepth 1 -type f \( -name 'crash-*' -o -name 'timeout-*' -o -name 'oom-*' -o -name 'leak-*' \) | wc -l)
    after=$(find "$findings/corpus" -type f | wc -l)
    if [ "$status" -ne 0 ] && [ "$crashes" -eq 0 ]; then crashes=1; fi
    printf '%-28s %12s %8s %9s %s\n' "$target" "${executions:-?}" "$crashes" "${coverage:-?}" "$((after - before))"
    if [ "$crashes" -ne 0 ]; then failed+=("$target"); fi
done

if [ ${#failed[@]} -gt 0 ]; then
    for target in "${failed[@]}"; do
        echo
        echo "== $target crashed; the input is in Fuzz/Findings/$target/:"
        find "Findings/$target" -maxdepth 1 -type f ! -name log
        grep -a -m1 -B1 -A1 'Fatal error\|ERROR: libFuzzer' "Findings/$target/log" || tail -20 "Findings/$target/log"
        echo "Reproduce with: Fuzz/.build/release/$target FILE (the whole log: Fuzz/Findings/$target/log)"
    done
    exit 1
fi
