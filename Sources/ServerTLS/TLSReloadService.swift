import Logging
import ServiceLifecycle
import UnixSignals

/// Reloads the TLS certificate and key on SIGHUP, the usual signal for "read your files again" (certificate renewal
/// tools send it). A file that cannot be used is logged and the current certificate stays in use.
public struct TLSReloadService: Service {
    let holder: TLSContextHolder
    let logger: Logger
    /// Called after each reload attempt with its outcome (for the operator's log and for tests).
    let reloaded: @Sendable (Result<Void, TLSSetupError>) -> Void

    public init(
        holder: TLSContextHolder, logger: Logger,
        reloaded: @escaping @Sendable (Result<Void, TLSSetupError>) -> Void = { _ in }
    ) {
        self.holder = holder
        self.logger = logger
        self.reloaded = reloaded
    }

    public func run() async throws {
        for await _ in await UnixSignalsSequence(trapping: .sighup).cancelOnGracefulShutdown() {
            do {
                try holder.reload()
                logger.notice("TLS certificate reloaded")
                reloaded(.success(()))
            } catch {
                logger.error(
                    "TLS certificate reload failed; the previous certificate stays in use",
                    metadata: ["reason": "\(error.description)"])
                reloaded(.failure(error))
            }
        }
    }
}
