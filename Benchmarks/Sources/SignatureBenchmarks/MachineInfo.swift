import Foundation

/// What the numbers were measured on, printed with every report.
enum MachineInfo {
    static var cpuModel: String {
        // Linux only; elsewhere the model is simply not reported.
        guard let cpuinfo = try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8) else { return "unknown" }
        for line in cpuinfo.split(separator: "\n") where line.hasPrefix("model name") {
            if let colon = line.firstIndex(of: ":") {
                return line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
            }
        }
        return "unknown"
    }

    static var logicalCores: Int { ProcessInfo.processInfo.activeProcessorCount }

    static var buildConfiguration: String {
        #if DEBUG
            "debug (numbers are meaningless: use -c release)"
        #else
            "release"
        #endif
    }
}
