import Foundation
import GNAP
import Testing

/// §3.2.1: an issued token names its key by value or by reference; both decode and encode back the same.
@Suite struct AccessTokenResponseTests {
    @Test func aKeyByReferenceIsKept() throws {
        let json = #"{"value":"OS9M2PMHKUR64TB8N6BW","access":["read"],"key":"S-P4XJQ_RYJCRTSU1.63N3E"}"#
        let token = try GNAPJSON.decode(AccessTokenResponse.self, from: Array(json.utf8))
        #expect(token.keyReference == "S-P4XJQ_RYJCRTSU1.63N3E" && token.key == nil)
        let again = try JSONSerialization.jsonObject(with: Data(try GNAPJSON.encode(token))) as? [String: Any]
        #expect(again?["key"] as? String == "S-P4XJQ_RYJCRTSU1.63N3E")
    }

    @Test func aKeyByValueAndNoKeyStillDecode() throws {
        let byValue =
            #"{"value":"v","access":["read"],"key":{"proof":"httpsig","jwk":{"kty":"OKP","crv":"Ed25519","#
            + #""x":"_LgaDjAOb_jRJAAffz9Sb_BKFaCqOzssOsDnoMpSSOQ"}}}"#
        let token = try GNAPJSON.decode(AccessTokenResponse.self, from: Array(byValue.utf8))
        #expect(token.key?.proof.method == "httpsig" && token.keyReference == nil)
        let bare = try GNAPJSON.decode(AccessTokenResponse.self, from: Array(#"{"value":"v","access":[]}"#.utf8))
        #expect(bare.key == nil && bare.keyReference == nil)
        // The members present are written back, and only those.
        let written = try JSONSerialization.jsonObject(with: Data(try GNAPJSON.encode(bare))) as? [String: Any]
        #expect(Set(written?.keys.map { $0 } ?? []) == ["value", "access"])
    }
}
