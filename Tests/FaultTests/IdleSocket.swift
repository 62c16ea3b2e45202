import Glibc

/// A TCP connection to 127.0.0.1 that a test holds open doing nothing (or trickling one byte at a time), as an
/// idle or slowloris client would. The connect does not block: a listener that has not accepted it yet still holds
/// it in its backlog.
final class IdleSocket: @unchecked Sendable {
    let descriptor: Int32

    init(port: Int) throws {
        descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_NONBLOCK.rawValue), 0)
        guard descriptor >= 0 else { throw FaultError("socket: errno \(errno)") }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let result = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard result == 0 || errno == EINPROGRESS else {
            close(descriptor)
            throw FaultError("connect: errno \(errno)")
        }
    }

    deinit { close(descriptor) }

    /// Sends one byte; false once the peer has closed the connection.
    @discardableResult
    func trickle(_ byte: UInt8) -> Bool {
        var value = byte
        return send(descriptor, &value, 1, Int32(MSG_NOSIGNAL)) == 1
    }

    /// Whether the peer closed the connection (end of stream or reset), without waiting.
    var isClosedByPeer: Bool {
        var buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            let count = recv(descriptor, &buffer, buffer.count, Int32(MSG_DONTWAIT))
            if count == 0 { return true }
            if count < 0 { return errno != EAGAIN && errno != EWOULDBLOCK }
        }
    }

    /// Raises this process's soft open-file limit so that it can hold `count` more descriptors than the AS may.
    static func allowOpenFiles(_ count: Int) {
        var limit = rlimit()
        guard getrlimit(Int32(RLIMIT_NOFILE.rawValue), &limit) == 0, limit.rlim_cur < rlim_t(count) else { return }
        limit.rlim_cur = min(limit.rlim_max, rlim_t(count))
        _ = setrlimit(Int32(RLIMIT_NOFILE.rawValue), &limit)
    }
}
