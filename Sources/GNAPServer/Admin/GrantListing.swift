import GNAP
import Hummingbird

/// Reads the listing parameters of `GET /admin/v1/grants` (and the approver's listings): filters, `cursor`, `limit`.
/// Anything unknown or malformed is `invalid_request`, never ignored.
struct GrantListing: Sendable {
    static let filters: Set<String> = [
        "state", "client", "account", "min_age", "max_age", "cursor", "limit", "via",
    ]

    static func query(
        _ parameters: [String: String], now: WallInstant, allowed: Set<String> = filters,
        account: (String) async throws(APIError) -> String
    ) async throws(APIError) -> GrantQuery {
        if let unknown = parameters.keys.sorted().first(where: { !allowed.contains($0) }) {
            throw APIError(GNAPError(.invalidRequest, "unknown query parameter '\(unknown)'"))
        }
        var query = GrantQuery()
        if let state = parameters["state"] {
            if state == "expired" {
                query.outcome = .expired
            } else if let status = GrantStatus(rawValue: state) {
                query.status = status
            } else {
                throw APIError(
                    GNAPError(.invalidRequest, "state must be pending, approved, denied, finalized or expired"))
            }
        }
        query.instanceID = parameters["client"]
        if let via = parameters["via"] {
            guard let channel = GrantChannel(rawValue: via) else {
                throw APIError(GNAPError(.invalidRequest, "via must be policy, inbox or interaction"))
            }
            query.via = channel
        }
        if let username = parameters["account"] { query.accountID = try await account(username) }
        if let text = parameters["min_age"] {
            query.createdBefore = now.advanced(by: .zero - .seconds(try seconds(text, "min_age")))
        }
        if let text = parameters["max_age"] {
            query.createdAfter = now.advanced(by: .zero - .seconds(try seconds(text, "max_age")))
        }
        query.cursor = parameters["cursor"]
        if let text = parameters["limit"] {
            guard let limit = Int(text), (1...500).contains(limit) else {
                throw APIError(GNAPError(.invalidRequest, "limit must be 1 to 500"))
            }
            query.limit = limit
        }
        return query
    }

    private static func seconds(_ text: String, _ name: String) throws(APIError) -> Int64 {
        guard let value = Int64(text), value >= 0, value <= 10 * 365 * 86_400 else {
            throw APIError(GNAPError(.invalidRequest, "\(name) must be a number of seconds"))
        }
        return value
    }

    static func page(_ store: any AdministrationStore, _ query: GrantQuery, inbox: (any InboxStore)? = nil)
        async throws(APIError) -> GrantList
    {
        do {
            let page = try await store.grants(query)
            var summaries = page.grants.map(GrantSummary.init)
            if let inbox { try await addDeliveries(to: &summaries, from: inbox) }
            return GrantList(grants: summaries, nextCursor: page.nextCursor)
        } catch StoreError.notFound {
            throw APIError(GNAPError(.invalidRequest, "the cursor is not one this AS returned"))
        } catch {
            throw APIError(.internalServerError, GNAPError(.requestDenied, "the AS could not list requests"))
        }
    }
}

extension GrantListing {
    /// Adds which terminals received each asynchronous request (RFC 9635 §1.6.3) from the delivery log.
    static func addDeliveries(to summaries: inout [GrantSummary], from inbox: any InboxStore) async throws {
        let ids = summaries.filter { $0.inbox != nil }.map(\.id)
        guard !ids.isEmpty else { return }
        let receipts = try await inbox.inboxDeliveries(grantIDs: ids)
        for index in summaries.indices {
            if let received = receipts[summaries[index].id] { summaries[index].inbox?.add(received) }
        }
    }
}

extension Request {
    /// The query parameters as a dictionary; a repeated parameter is `invalid_request`.
    func queryDictionary() throws(APIError) -> [String: String] {
        var result: [String: String] = [:]
        for (key, value) in uri.queryParameters {
            guard result[String(key)] == nil else {
                throw APIError(GNAPError(.invalidRequest, "query parameter '\(key)' appears twice"))
            }
            result[String(key)] = String(value)
        }
        return result
    }
}
