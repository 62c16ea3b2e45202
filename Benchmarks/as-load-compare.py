#!/usr/bin/env python3
"""Compares two gnapterm binaries under the AS load benchmark (docs/performance.md, "Comparing two builds").

    Benchmarks/as-load-compare.py OLD-GNAPTERM NEW-GNAPTERM [--rounds N] [ASLoadBenchmark options]

One machine here moves by ±8 % between two runs of the same binary, more than most single changes gain. This runs
the two binaries alternately (old, new, new, old, old, new, ...), so that a drift of the machine's load hits both
alike, and reports for each scenario the median AS CPU per request, throughput and p99 latency (ms) of each binary
and the median of the paired new/old ratios (round by round), with their range. Options after the two paths go to every
ASLoadBenchmark run (for example --scenarios grant-create,continuation-poll --requests 10000); --rounds (default 4)
is the number of runs of each binary. It needs a release ASLoadBenchmark (Benchmarks/as-load.sh builds one) and wrk.
"""

import os
import re
import shutil
import statistics
import subprocess
import sys

BENCHMARKS = os.path.dirname(os.path.abspath(__file__))
RESULT = re.compile(r"^RESULT (\S+) (.*)$")


def benchmark_binary():
    path = subprocess.run(
        ["swift", "build", "-c", "release", "--package-path", BENCHMARKS, "--show-bin-path"],
        check=True, capture_output=True, text=True).stdout.strip()
    binary = os.path.join(path, "ASLoadBenchmark")
    if not os.access(binary, os.X_OK):
        sys.exit(f"no release ASLoadBenchmark at {binary}: run Benchmarks/as-load.sh once (it builds it)")
    return binary


def run_once(benchmark, gnapterm, options):
    """One benchmark run: {scenario: {field: value}} from its RESULT lines."""
    wrk = shutil.which("wrk") or sys.exit("wrk is not installed (Benchmarks/as-load.sh installs it)")
    command = [benchmark, "--gnapterm", gnapterm, "--wrk", wrk, "--lua", os.path.join(BENCHMARKS, "as-load.lua")]
    finished = subprocess.run(command + options, capture_output=True, text=True)
    if finished.returncode != 0:
        sys.stderr.write(finished.stdout + finished.stderr)
        sys.exit(f"ASLoadBenchmark failed for {gnapterm} (exit {finished.returncode})")
    results = {}
    for line in finished.stdout.splitlines():
        match = RESULT.match(line)
        if match:
            fields = dict(pair.split("=", 1) for pair in match.group(2).split())
            if fields.get("non2xx", "0") != "0":
                sys.exit(f"{gnapterm}: {match.group(1)} had {fields['non2xx']} answers that were not 2xx")
            results[match.group(1)] = fields
    if not results:
        sys.exit(f"no RESULT line from the run of {gnapterm}")
    return results


def main():
    arguments = sys.argv[1:]
    if len(arguments) < 2 or arguments[0] in ("-h", "--help"):
        sys.exit(__doc__)
    old, new, options = arguments[0], arguments[1], arguments[2:]
    rounds = 4
    if "--rounds" in options:
        index = options.index("--rounds")
        rounds = int(options[index + 1])
        del options[index:index + 2]
    for binary in (old, new):
        if not os.access(binary, os.X_OK):
            sys.exit(f"not an executable: {binary}")
    benchmark = benchmark_binary()
    runs = {old: [], new: []}
    for round_index in range(rounds):
        # ABBA order: each pair starts with the binary that ended the previous one.
        order = (old, new) if round_index % 2 == 0 else (new, old)
        for binary in order:
            print(f"round {round_index + 1}/{rounds}: {'old' if binary == old else 'new'}", file=sys.stderr, flush=True)
            runs[binary].append(run_once(benchmark, binary, options))
    scenarios = [name for name in runs[old][0] if all(name in run for run in runs[old] + runs[new])]
    print(f"old: {old}\nnew: {new}\n{rounds} runs each, alternating; medians over the runs")
    print(f"{'scenario':<20} {'old µs/req':>10} {'new µs/req':>10} {'new/old':>8} {'range':>13} "
          f"{'old req/s':>9} {'new req/s':>9} {'new/old':>8} {'old p99':>8} {'new p99':>8}")
    for name in scenarios:
        def series(binary, field):
            return [float(run[name][field]) for run in runs[binary]]
        old_cpu, new_cpu = series(old, "cpu_us_per_req"), series(new, "cpu_us_per_req")
        old_rps, new_rps = series(old, "rps"), series(new, "rps")
        ratios = [n / o for n, o in zip(new_cpu, old_cpu)]
        rps_ratios = [n / o for n, o in zip(new_rps, old_rps)]
        print(f"{name:<20} {statistics.median(old_cpu):>10.0f} {statistics.median(new_cpu):>10.0f} "
              f"{statistics.median(ratios):>8.3f} {min(ratios):>6.3f}-{max(ratios):<6.3f} "
              f"{statistics.median(old_rps):>9.0f} {statistics.median(new_rps):>9.0f} "
              f"{statistics.median(rps_ratios):>8.3f} "
              f"{statistics.median(series(old, 'p99_ms')):>8.1f} {statistics.median(series(new, 'p99_ms')):>8.1f}")
        print(f"COMPARE {name} cpu_ratio={statistics.median(ratios):.3f} rps_ratio={statistics.median(rps_ratios):.3f} "
              f"rounds={rounds}")


if __name__ == "__main__":
    main()
