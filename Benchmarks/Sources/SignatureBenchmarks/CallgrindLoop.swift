/// Runs one operation `iterations` times for instruction counting.
///
/// The function has a fixed, unmangled symbol so that callgrind can count only what runs inside it
/// (`--collect-atstart=no --toggle-collect=gnapterm_bench_callgrind_loop`), excluding key generation and setup.
/// Instruction counts, unlike times, repeat exactly from run to run on a busy machine.
@_silgen_name("gnapterm_bench_callgrind_loop")
@inline(never)
func callgrindLoop(_ operation: BenchmarkOperation, iterations: Int) -> Int {
    var sink = 0
    for _ in 0..<iterations { sink &+= operation.run() }
    return sink
}
