import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// CPU time a process has used so far (user + system), from `/proc/PID/stat` (proc(5): fields 14 `utime` and 15
/// `stime`, in clock ticks). The resolution is one tick (10 ms at the usual 100 Hz), so a measured interval should
/// hold seconds of CPU.
struct ProcessCPU: Sendable {
    let pid: Int32

    struct Sample: Sendable {
        var userSeconds: Double
        var systemSeconds: Double
        var totalSeconds: Double { userSeconds + systemSeconds }
    }

    func sample() throws -> Sample {
        let text = try String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8)
        // The command name (field 2) is in parentheses and may contain spaces: count fields after the last ')'.
        guard let close = text.lastIndex(of: ")") else { throw CPUReadError(pid: pid) }
        let fields = text[text.index(after: close)...].split(separator: " ")
        // fields[0] is field 3 (state), so field N is fields[N - 3].
        guard fields.count > 12, let user = Double(fields[11]), let system = Double(fields[12]) else {
            throw CPUReadError(pid: pid)
        }
        let ticks = Double(sysconf(Int32(_SC_CLK_TCK)))
        return Sample(userSeconds: user / ticks, systemSeconds: system / ticks)
    }

    struct CPUReadError: Error, CustomStringConvertible {
        let pid: Int32
        var description: String { "cannot read the CPU time of process \(pid) from /proc" }
    }
}

extension ProcessCPU {
    /// User + system CPU time of this process's children that have exited and been waited for (getrusage(2)
    /// `RUSAGE_CHILDREN`): the difference around one wrk run is wrk's CPU time.
    static func reapedChildrenSeconds() -> Double {
        var usage = rusage()
        getrusage(Int32(RUSAGE_CHILDREN.rawValue), &usage)
        return Double(usage.ru_utime.tv_sec) + Double(usage.ru_utime.tv_usec) / 1e6 + Double(usage.ru_stime.tv_sec)
            + Double(usage.ru_stime.tv_usec) / 1e6
    }
}

/// CPU time of the calling thread, for timing a tight loop on one core independently of other jobs' load.
enum ThreadCPU {
    static func now() -> Duration {
        var spec = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &spec)
        return .seconds(Int64(spec.tv_sec)) + .nanoseconds(Int64(spec.tv_nsec))
    }
}

/// CPU time of a process and its children that are alive at the moment of sampling: the PostgreSQL server, whose
/// backends (one per connection of the AS's pools) are children of its main process and live for the whole run.
struct ProcessTreeCPU: Sendable {
    let root: Int32

    init(root: Int32) { self.root = root }

    func seconds() throws -> Double {
        var total = try ProcessCPU(pid: root).sample().totalSeconds
        let entries = try FileManager.default.contentsOfDirectory(atPath: "/proc")
        for entry in entries {
            guard let pid = Int32(entry), pid != root, parent(of: pid) == root,
                let sample = try? ProcessCPU(pid: pid).sample()
            else { continue }
            total += sample.totalSeconds
        }
        return total
    }

    /// Field 4 of `/proc/PID/stat` (proc(5)), nil when the process is gone.
    private func parent(of pid: Int32) -> Int32? {
        guard let text = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
            let close = text.lastIndex(of: ")")
        else { return nil }
        let fields = text[text.index(after: close)...].split(separator: " ")
        return fields.count > 1 ? Int32(fields[1]) : nil
    }
}
