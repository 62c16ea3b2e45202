import Foundation

/// What the numbers were measured on, and the process's memory (Linux /proc; elsewhere 0).
enum Machine {
    static var cpuModel: String {
        guard let cpuinfo = try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8) else { return "unknown" }
        let line = cpuinfo.split(separator: "\n").first { $0.hasPrefix("model name") }
        return line.flatMap { $0.split(separator: ":", maxSplits: 1).last }.map {
            $0.trimmingCharacters(in: .whitespaces)
        } ?? "unknown"
    }

    static var build: String {
        #if DEBUG
            "debug (numbers are meaningless: use -c release)"
        #else
            "release"
        #endif
    }

    static var residentMegabytes: Int { statusValue("VmRSS:") / 1024 }
    static var peakResidentMegabytes: Int { statusValue("VmHWM:") / 1024 }

    /// A kB value from /proc/self/status.
    private static func statusValue(_ key: String) -> Int {
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return 0 }
        let line = status.split(separator: "\n").first { $0.hasPrefix(key) }
        return line.flatMap {
            Int($0.dropFirst(key.count).trimmingCharacters(in: .whitespaces).split(separator: " ")[0])
        }
            ?? 0
    }
}
