import Foundation
import GNAP
import GNAPClient

/// The last line of `gnapterm call --json`: the RS's status and content (as JSON when it is JSON, else as text).
enum CallOutput {
    struct ResponseLine: Encodable {
        let event = "response"
        var status: Int
        var body: JSONValue?
        var text: String?
        var challenge: String?

        private enum CodingKeys: String, CodingKey {
            case event, status, body, text, challenge
        }
    }

    static func response(_ answer: ResourceClient.Answer) -> String {
        let body = try? GNAPJSON.decode(JSONValue.self, from: answer.body)
        let line = ResponseLine(
            status: answer.status, body: body,
            text: body == nil && !answer.body.isEmpty ? String(decoding: answer.body, as: UTF8.self) : nil,
            challenge: answer.challenge?.fieldValue)
        return (try? GNAPJSON.encode(line)).map { String(decoding: $0, as: UTF8.self) }
            ?? #"{"event":"response","status":\#(answer.status)}"#
    }
}
