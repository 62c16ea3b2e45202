import Foundation
import GNAP
import Synchronization

/// The file in the data directory that holds the bootstrap enrollment code (mode 0600), for the operator who
/// missed it on the terminal. It lives only as long as the code can be used: it is removed once the code is
/// redeemed (by ``EnrollmentService``), once it expired (by the ``ExpiryService`` sweep) and, at start-up, when the
/// code of a file left from an earlier start was used or expired meanwhile (``reconcile(store:now:)``).
public final class BootstrapCodeFile: Sendable {
    /// The file's name inside the data directory.
    public static let fileName = "bootstrap-enrollment-code"

    public let url: URL
    /// The code's hash and expiry while the file exists.
    private let code = Mutex<(hash: String, expiresAt: WallInstant)?>(nil)

    public init(directory: URL) {
        url = directory.appendingPathComponent(Self.fileName)
    }

    /// Writes a new code (the first start), replacing any earlier file.
    public func write(_ result: Bootstrap.Result) throws {
        let manager = FileManager.default
        if manager.fileExists(atPath: url.path) { try manager.removeItem(at: url) }
        let text = "\(result.code.display)\n"
        guard manager.createFile(atPath: url.path, contents: Data(text.utf8), attributes: [.posixPermissions: 0o600])
        else {
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: url.path])
        }
        code.withLock { $0 = (Secrets.hash(result.code.normalized), result.expiresAt) }
    }

    /// At a start after the first: keeps a file whose code is still unused and valid and returns its expiry;
    /// removes one whose code was used or expired (or that holds no code the store knows) and returns nil.
    public func reconcile(store: any AccountStore, now: WallInstant) async throws -> WallInstant? {
        guard let data = FileManager.default.contents(atPath: url.path) else { return nil }
        let text = String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        guard let parsed = try? EnrollmentCode(parsing: text),
            let record = try await store.enrollmentCode(hash: Secrets.hash(parsed.normalized)),
            record.usedAt == nil, now < record.expiresAt
        else {
            remove()
            return nil
        }
        code.withLock { $0 = (record.codeHash, record.expiresAt) }
        return record.expiresAt
    }

    /// An enrollment redeemed the code hashing to `codeHash`: if it is this file's code, the file goes.
    func redeemed(codeHash: String) {
        guard code.withLock({ $0?.hash == codeHash }) else { return }
        remove()
    }

    /// The expiry sweep: the file goes once its code expired.
    func sweep(now: WallInstant) {
        guard code.withLock({ $0.map { now >= $0.expiresAt } ?? false }) else { return }
        remove()
    }

    private func remove() {
        code.withLock { $0 = nil }
        try? FileManager.default.removeItem(at: url)
    }
}
