import AsyncHTTPClient
import Foundation
import GNAP
import NIOCore

/// Sends the set-up traffic whose answers the benchmark needs (enrolment, grants whose continuation tokens and user
/// codes it keeps, approvals, the admin listing walk). Never used for a timed scenario: those go through wrk.
struct SetupClient: Sendable {
    let baseURL: String
    let http: HTTPClient

    struct Response: Sendable {
        var status: Int
        var body: [UInt8]
        var text: String { String(decoding: body, as: UTF8.self) }
    }

    init(baseURL: String) {
        self.baseURL = baseURL
        var configuration = HTTPClient.Configuration()
        configuration.connectionPool.concurrentHTTP1ConnectionsPerHostSoftLimit = 16
        http = HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
    }

    func shutdown() async throws { try await http.shutdown() }

    func send(_ raw: RawRequest) async throws -> Response {
        var request = HTTPClientRequest(url: baseURL + raw.path)
        request.method = .init(rawValue: raw.method)
        for field in raw.fields { request.headers.add(name: field.name.rawName, value: field.value) }
        if !raw.body.isEmpty || raw.method == "POST" {
            request.body = .bytes(ByteBuffer(bytes: raw.body))
        }
        let response = try await http.execute(request, timeout: .seconds(60))
        let body = try await response.body.collect(upTo: 64 << 20)
        return Response(status: Int(response.status.code), body: Array(body.readableBytesView))
    }

    /// Sends `count` requests made by `make` (called just before each is sent, so signatures are fresh), at most
    /// `concurrency` at a time; the answers come back in request order.
    func sendAll(
        count: Int, concurrency: Int = 16, _ make: @escaping @Sendable (Int) throws -> RawRequest
    ) async throws -> [Response] {
        try await withThrowingTaskGroup(of: (Int, Response).self) { group in
            var responses = [Response?](repeating: nil, count: count)
            var next = 0
            while next < min(concurrency, count) {
                let index = next
                group.addTask { (index, try await send(try make(index))) }
                next += 1
            }
            while let (index, response) = try await group.next() {
                responses[index] = response
                if next < count {
                    let index = next
                    group.addTask { (index, try await send(try make(index))) }
                    next += 1
                }
            }
            return responses.map { $0! }
        }
    }

    /// Decodes a JSON answer that must have `status`, or fails with what the AS said instead.
    static func decode<T: Decodable>(_ type: T.Type, _ response: Response, status: Int = 200, _ what: String) throws
        -> T
    {
        guard response.status == status else {
            throw BenchmarkFailure("\(what): HTTP \(response.status) \(response.text.prefix(300))")
        }
        do {
            return try GNAPJSON.decode(type, from: response.body)
        } catch {
            throw BenchmarkFailure("\(what): unexpected answer \(response.text.prefix(300))")
        }
    }
}
