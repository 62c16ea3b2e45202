import Foundation

/// What the numbers were measured on, printed with every report.
enum MachineInfo {
    static var cpuModel: String {
        guard let cpuinfo = try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8) else { return "unknown" }
        for line in cpuinfo.split(separator: "\n") where line.hasPrefix("model name") {
            if let colon = line.firstIndex(of: ":") {
                return line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
            }
        }
        return "unknown"
    }

    static var logicalCores: Int { ProcessInfo.processInfo.activeProcessorCount }

    static var kernel: String { ProcessInfo.processInfo.operatingSystemVersionString }

    /// The 1-minute load average from /proc/loadavg: how busy the shared machine was.
    static var loadAverage: Double {
        guard let text = try? String(contentsOfFile: "/proc/loadavg", encoding: .utf8),
            let first = text.split(separator: " ").first, let value = Double(first)
        else { return .nan }
        return value
    }

    static var buildConfiguration: String {
        #if DEBUG
            "debug (numbers are meaningless: use -c release)"
        #else
            "release"
        #endif
    }
}
