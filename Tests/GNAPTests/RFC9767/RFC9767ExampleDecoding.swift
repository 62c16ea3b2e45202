import Foundation
import GNAP
import RFCExampleSupport

/// Decodes an RFC 9767 example as the wire type its role names, with the AS's request decoding (so a refusal is the
/// `invalid_request` a peer would get, naming the member).
enum RFC9767ExampleDecoding {
    /// A call shown only for its `resource_server` member (§3.2).
    struct IdentifiedCall: Codable {
        var resourceServer: ResourceServerIdentification

        private enum CodingKeys: String, CodingKey {
            case resourceServer = "resource_server"
        }
    }

    static func decode(_ role: RFC9767ExampleRole, _ json: Data) throws(GNAPError) -> any Encodable {
        let bytes = Array(json)
        switch role {
        case .resourceServerIdentification: return try GNAPJSON.decodeRequest(IdentifiedCall.self, from: bytes)
        case .introspectionRequest: return try GNAPJSON.decodeRequest(TokenIntrospectionRequest.self, from: bytes)
        case .introspectionResponse: return try GNAPJSON.decodeRequest(TokenIntrospectionResponse.self, from: bytes)
        case .registrationRequest: return try GNAPJSON.decodeRequest(ResourceSetRegistrationRequest.self, from: bytes)
        case .registrationResponse:
            return try GNAPJSON.decodeRequest(ResourceSetRegistrationResponse.self, from: bytes)
        case .grantRequestWithResourceReference, .chainingRequest:
            return try GNAPJSON.decodeRequest(GrantRequest.self, from: bytes)
        case .errorResponse: return try GNAPJSON.decodeRequest(GNAPErrorResponse.self, from: bytes)
        }
    }

    static func identification(_ json: String) throws -> ResourceServerIdentification {
        try GNAPJSON.decodeRequest(IdentifiedCall.self, from: Array(json.utf8)).resourceServer
    }
}
