import CFuzzerDriver
import Foundation

/// Runs libFuzzer with the process's arguments (`-max_total_time=60 CORPUS...`, see libFuzzer's options) on `test`,
/// then exits with libFuzzer's status: 0, or non-zero after a crash (whose input libFuzzer writes to disk).
public func runFuzzer(_ test: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt) -> Never {
    var argc = CommandLine.argc
    var argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = CommandLine.unsafeArgv
    exit(LLVMFuzzerRunDriver(&argc, &argv, test))
}
