import ChildProcessTestSupport

/// Runs the `gnapterm` binary to completion with the given bytes on standard input, keeping standard output and
/// standard error apart.
enum PipedCommand {
    static func run(_ arguments: [String], stdin: [UInt8]) throws -> ChildProcess.Output {
        try ChildProcess.run([Binary.path] + arguments, stdin: stdin)
    }
}
