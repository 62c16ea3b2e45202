import GNAP

extension EventStreamResponse {
    /// The most digits an event id has (Assets/openapi.yaml: `Last-Event-ID` and `last_event_id`); far beyond any
    /// audit log, and always an `Int64`.
    static let maximumEventIDDigits = 18

    /// An event id as the header or the query parameter gives it: 1 to 18 ASCII digits, nothing else (no sign, no
    /// spaces). Nil when absent.
    static func eventID(_ text: String?, named name: String) throws(APIError) -> Int64? {
        guard let text else { return nil }
        guard !text.isEmpty, text.utf8.count <= maximumEventIDDigits,
            text.utf8.allSatisfy({ (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }), let value = Int64(text)
        else {
            throw APIError(GNAPError(.invalidRequest, "\(name) must be an event id: 1 to 18 digits"))
        }
        return value
    }
}
