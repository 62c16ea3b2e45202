import Foundation

/// Switches callgrind's instrumentation of the AS on and off (`callgrind_control -i on|off PID`), so the profile
/// holds only what the AS did during the timed scenarios, not its start or the set-up traffic.
struct CallgrindControl: Sendable {
    let pid: Int32

    func instrumentation(_ on: Bool) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["callgrind_control", "-i", on ? "on" : "off", String(pid)]
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw BenchmarkFailure("callgrind_control -i \(on ? "on" : "off") \(pid) failed")
        }
    }
}
