import ChildProcessTestSupport
import Foundation
import Glibc

/// Plain HTTP from the tests with curl: the status, the response fields and the body.
struct CurlResponse {
    var status: Int
    var headers: [String: String]
    var body: String

    /// `curl` with `arguments` (method, headers, data) against `url`.
    static func fetch(_ url: String, _ arguments: [String] = []) throws -> CurlResponse {
        let output = try ChildProcess.run(
            ["curl", "-sS", "-i", "--max-time", "20"] + arguments + [url])
        guard output.status == 0 else { throw E2EError("curl \(url) failed: \(output.stderr)") }
        let text = output.stdoutText.replacingOccurrences(of: "\r\n", with: "\n")
        let parts = text.components(separatedBy: "\n\n")
        let head = parts.first ?? ""
        let statusLine = head.split(separator: "\n").first ?? ""
        var headers: [String: String] = [:]
        for line in head.split(separator: "\n").dropFirst() {
            guard let colon = line.firstIndex(of: ":") else { continue }
            headers[line[..<colon].lowercased()] = line[line.index(after: colon)...].trimmingCharacters(
                in: .whitespaces)
        }
        return CurlResponse(
            status: Int(statusLine.split(separator: " ").dropFirst().first ?? "") ?? 0, headers: headers,
            body: parts.dropFirst().joined(separator: "\n\n"))
    }
}

/// A loopback TCP port nothing listens on now (the kernel's choice for port 0).
func freePort() throws -> Int {
    let socket = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    guard socket >= 0 else { throw E2EError("socket() failed") }
    defer { close(socket) }
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    address.sin_port = 0
    let bound = withUnsafePointer(to: &address) {
        $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
            bind(socket, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
        }
    }
    guard bound == 0 else { throw E2EError("bind() failed") }
    var length = socklen_t(MemoryLayout<sockaddr_in>.size)
    let named = withUnsafeMutablePointer(to: &address) {
        $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(socket, $0, &length) }
    }
    guard named == 0 else { throw E2EError("getsockname() failed") }
    return Int(UInt16(bigEndian: address.sin_port))
}
