/// How the AS carries out `push` interaction finishes (RFC 9635 §4.2.2).
public struct FinishPushSettings: Sendable, Hashable {
    /// Whether clients may ask for pushes to loopback addresses.
    public enum LoopbackPush: Sendable, Hashable {
        /// Only when the AS itself listens on a loopback address: then every client runs on this machine and could
        /// reach those addresses itself, so the AS opens no new path (§11.34).
        case whenListeningOnLoopback
        case allowed
        case refused
    }

    public var loopback: LoopbackPush
    /// Longest time one push may take (connect, send, answer).
    public var timeout: Duration
    /// Longest time the approver's decision answer waits for the push's outcome; after that it says `pending`.
    public var approverWait: Duration
    /// How many times one push is tried in all: a network failure, a 5xx or a 429 answer is tried again, any other
    /// answer is final.
    public var attempts: Int
    /// The wait before the second attempt; it doubles before each further one.
    public var retryDelay: Duration

    /// - Parameters:
    ///   - loopback: default ``LoopbackPush/whenListeningOnLoopback``.
    ///   - timeout: default 5 seconds.
    ///   - approverWait: default 2 seconds.
    ///   - attempts: default 3.
    ///   - retryDelay: default 1 second (so at most 1 + 2 seconds of waiting between three attempts).
    public init(
        loopback: LoopbackPush = .whenListeningOnLoopback, timeout: Duration = .seconds(5),
        approverWait: Duration = .seconds(2), attempts: Int = 3, retryDelay: Duration = .seconds(1)
    ) {
        self.loopback = loopback
        self.timeout = timeout
        self.approverWait = approverWait
        self.attempts = max(1, attempts)
        self.retryDelay = retryDelay
    }

    /// Whether loopback pushes are allowed for an AS listening on `host`.
    func allowsLoopback(listeningOn host: String) -> Bool {
        switch loopback {
        case .allowed: true
        case .refused: false
        case .whenListeningOnLoopback:
            host == "localhost" || host == "::1" || host.hasPrefix("127.")
        }
    }
}
