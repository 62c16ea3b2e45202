/// The one line a failing terminal command prints on standard error: what went wrong, or that it was cancelled.
package enum CommandFailure {
    package static func line(_ command: String, _ error: any Error) -> String {
        error is CancellationError ? "gnapterm \(command): cancelled\n" : "gnapterm \(command): \(error)\n"
    }
}
