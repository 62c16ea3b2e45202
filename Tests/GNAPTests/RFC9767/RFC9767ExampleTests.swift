import Foundation
import GNAP
import RFCExampleSupport
import Testing

/// Every example of RFC 9767 is accounted for, and each decodes into the wire type it shows (request examples are
/// sent to the AS by the AS's own tests).
@Suite("RFC 9767 examples")
struct RFC9767ExampleTests {
    @Test func everyExampleIsCataloguedOnce() {
        let fixture = RFC9767Examples.all.map(\.id)
        let catalogued = RFC9767ExampleCatalog.entries.map(\.id)
        #expect(fixture.count == 11, "the fixture holds every example block of the RFC text")
        #expect(Set(catalogued).count == catalogued.count, "an example is catalogued twice")
        #expect(Set(catalogued) == Set(fixture))
    }

    static let withErrata = RFC9767ExampleCatalog.entries.filter { !$0.errata.isEmpty }.map(\.id)

    @Test("the listed errata are real and the repair fixes them", arguments: withErrata)
    func errata(id: String) throws {
        let example = RFC9767Examples.named(id)
        let entry = RFC9767ExampleCatalog.entry(id)
        let printed = Data(example.json.utf8)
        for erratum in entry.errata {
            if let member = erratum.member {
                // Valid JSON that the wire type refuses, naming the member the RFC's own text requires.
                #expect(throws: Never.self) { try JSONSerialization.jsonObject(with: printed) }
                let error = #expect(throws: GNAPError.self) { try RFC9767ExampleDecoding.decode(entry.role, printed) }
                #expect(error?.code == .invalidRequest)
                #expect(
                    error?.errorDescription?.contains("'\(member)'") == true
                        || error?.errorDescription?
                            .contains(".\(member)'") == true,
                    "\(error?.description ?? "")")
            } else {
                #expect(throws: (any Error).self) { try JSONSerialization.jsonObject(with: printed) }
            }
        }
        let repaired = try RFC9767Erratum.repair(example.json, entry.errata)
        #expect(throws: Never.self) { try RFC9767ExampleDecoding.decode(entry.role, Data(repaired.utf8)) }
    }

    @Test("examples without errata decode as printed", arguments: RFC9767ExampleCatalog.entries.map(\.id))
    func decodes(id: String) throws {
        let entry = RFC9767ExampleCatalog.entry(id)
        let json = try RFC9767Erratum.repair(RFC9767Examples.named(id).json, entry.errata)
        let decoded = try RFC9767ExampleDecoding.decode(entry.role, Data(json.utf8))
        // Round trip: encoding gives the same JSON back, except the error string form, which is written as an
        // object (the catalog notes it).
        let reencoded = try JSONSerialization.jsonObject(with: Data(try GNAPJSON.encode(decoded)))
        let original = try JSONSerialization.jsonObject(with: Data(json.utf8))
        if entry.role == .errorResponse, let object = original as? [String: Any], let code = object["error"] as? String
        {
            #expect((reencoded as? NSDictionary) == (["error": ["code": code]] as NSDictionary))
        } else {
            #expect((reencoded as? NSDictionary) == (original as? NSDictionary), "\(id) does not round-trip")
        }
    }

    @Test func identificationExamples() throws {
        // §3.2 by value: a secp256k1 key has no HTTP signature algorithm (RFC 9421 §6.2), so the AS cannot check it.
        let byValue = try RFC9767ExampleDecoding.identification(RFC9767Examples.named("L500").json)
        guard case .value(let value) = byValue else {
            Issue.record("L500 is by value")
            return
        }
        #expect(value.key.proof == .httpsig && value.key.jwk?.crv == "secp256k1")
        let refusal = #expect(throws: GNAPError.self) { try byValue.validated() }
        #expect(refusal?.code == .invalidResourceServer)
        #expect(refusal?.errorDescription?.contains("resource_server.key") == true)
        // §3.2 by reference, with and without a management access token.
        for id in ["L524", "L547"] {
            let byReference = try RFC9767ExampleDecoding.identification(RFC9767Examples.named(id).json)
            #expect(try byReference.validated() == .reference("7C7C4AZ9KHRS6X63AJAO"))
        }
        let management = try #require(RFC9767Examples.named("L547").message?.field("Authorization"))
        #expect(try AccessTokenPresentation.parse(management).get() == .gnap("80UPRY5NM33OMUKMKSKU"))
        #expect(RFC9767Examples.named("L524").message?.field("Authorization") == nil)
    }

    @Test func introspectionExamples() throws {
        let request = try GNAPJSON.decodeRequest(
            TokenIntrospectionRequest.self, from: Array(RFC9767Examples.named("L616").json.utf8))
        try request.validate()
        #expect(request.accessToken == "OS9M2PMHKUR64TB8N6BW7OZB8CDFONP219RP1LT0")
        #expect(request.proof == "httpsig" && request.resourceServer == .reference("7C7C4AZ9KHRS6X63AJAO"))
        let message = try #require(RFC9767Examples.named("L616").message)
        #expect(message.method == "POST" && message.target == "/introspect")

        let repaired = try RFC9767Erratum.repair(RFC9767Examples.named("L706").json, [.missingIssuer])
        let response = try GNAPJSON.decode(TokenIntrospectionResponse.self, from: Array(repaired.utf8))
        let token = try #require(response.token)
        #expect(token.access == [.reference("dolphin-metadata"), .reference("some other thing")])
        guard case .value(let key) = token.key else {
            Issue.record("the example's key is by value")
            return
        }
        #expect(key.proof == .httpsig && key.jwk?.kty == "RSA" && key.jwk?.kid == "xyz-1")
        #expect(!token.isBearer && token.iss == "https://server.example.com/tx")
        let headers = try #require(RFC9767Examples.named("L706").message)
        #expect(headers.status == 200 && headers.field("Cache-Control") == "no-store")
    }

    @Test func registrationExamples() throws {
        let repaired = try RFC9767Erratum.repair(RFC9767Examples.named("L767").json, [.accessRightWithoutType])
        let request = try GNAPJSON.decodeRequest(ResourceSetRegistrationRequest.self, from: Array(repaired.utf8))
        try request.validate()
        #expect(request.access.count == 2 && request.resourceServer == .reference("7C7C4AZ9KHRS6X63AJAO"))
        let response = try GNAPJSON.decode(
            ResourceSetRegistrationResponse.self, from: Array(RFC9767Examples.named("L821").json.utf8))
        #expect(response.resourceReference == "FWWIKYBQ6U56NL1")
        // §3.4: the client asks for the registered set by its reference, beside other rights.
        let grant = try GNAPJSON.decodeRequest(GrantRequest.self, from: Array(RFC9767Examples.named("L841").json.utf8))
        #expect(grant.accessToken?.requests.first?.access.first == .reference(response.resourceReference))
        #expect(grant.client == .reference("client-12351.bdxqf") && !grant.isTokenChaining)
    }

    @Test func errorExamples() throws {
        let stringForm = try RFC9767Erratum.repair(RFC9767Examples.named("L876").json, [.unquotedMemberName])
        let objectForm = RFC9767Examples.named("L894").json
        let bare = try GNAPJSON.decode(GNAPErrorResponse.self, from: Array(stringForm.utf8))
        let described = try GNAPJSON.decode(GNAPErrorResponse.self, from: Array(objectForm.utf8))
        #expect(bare.error == GNAPError(.invalidAccess))
        #expect(described.error == GNAPError(.invalidAccess, "Access to 'foo' is not permitted for this RS."))
    }

    @Test func chainingExample() throws {
        let repaired = try RFC9767Erratum.repair(RFC9767Examples.named("L976").json, [.accessRightWithoutType])
        let request = try GNAPJSON.decodeRequest(GrantRequest.self, from: Array(repaired.utf8))
        #expect(request.isTokenChaining)
        #expect(try request.validateChaining() == "OS9M2PMHKUR64TB8N6BW7OZB8CDFONP219RP1LT0")
        #expect(request.client == .reference("7C7C4AZ9KHRS6X63AJAO"))
        #expect(RFC9767Examples.named("L976").message?.field("Detached-JWS") == "ejy0...")
    }
}
