import Crypto
import Foundation
import GNAP
import GNAPServer
import HTTPMessageSignatures
import HTTPTypes
import Testing

/// Bad proofs on the AS (RFC 9635 §7.3), each refused with its §3.6 error before anything is written: JWS with
/// `alg: none` or an HMAC `alg` under a public key, a wrong `typ`, a `uri` or `htm` that is not the request's, a
/// missing `ath`, a `created` too old, a replayed JWS, a client certificate that is not the key's, none on an mtls
/// request, and content in the wrong form for the method.
@Suite("Proof methods: refusals")
struct ProofRefusalTests {
    /// A `jwsd` grant request whose JWS header is built by hand: the request's claims, changed by `change`, with
    /// `alg` and signature as given (by default the key's algorithm and a real signature).
    static func handmade(
        _ device: ProvingClient, body: [UInt8], now: WallInstant, alg: String? = nil, signature: [UInt8]? = nil,
        change: (inout [String: Any]) -> Void = { _ in }
    ) throws -> String {
        var header: [String: Any] = [
            "alg": alg ?? device.key.algorithm.jwsAlgorithm, "typ": "gnap-binding-jwsd",
            "kid": device.key.keyID ?? "", "htm": "POST", "uri": ASHarness.base + "/gnap",
            "created": now.unixSeconds,
        ]
        change(&header)
        let encodedHeader = Base64URL.encode(try JSONSerialization.data(withJSONObject: header, options: .sortedKeys))
        let encodedPayload = Base64URL.encode(SHA256.hash(data: body))
        let input = Array((encodedHeader + "." + encodedPayload).utf8)
        let signed = try signature ?? device.key.sign(input)
        return encodedHeader + "." + encodedPayload + "." + Base64URL.encode(signed)
    }

    /// Sends a `jwsd` grant request with `detached` as its `Detached-JWS`; expects the refusal and no write.
    static func expectRefused(
        _ harness: ASHarness, _ client: ASHarness.Client, _ device: ProvingClient, body: [UInt8], detached: String,
        status: HTTPResponse.Status = .unauthorized, code: GNAPError.Code = .invalidClient, mentioning text: String,
        sourceLocation: SourceLocation = #_sourceLocation
    ) async throws {
        let before = try await harness.rowCounts()
        let reply = try await client.send(.post, "/gnap", content: body) { request, _ in
            request.headerFields[JWSProof.detachedJWSField] = detached
        }
        #expect(reply.status == status, sourceLocation: sourceLocation)
        #expect(reply.error?.code == code, sourceLocation: sourceLocation)
        #expect(
            reply.error?.errorDescription?.contains(text) == true, "\(reply.error?.errorDescription ?? "")",
            sourceLocation: sourceLocation)
        #expect(try await harness.rowCounts() == before, sourceLocation: sourceLocation)
    }

    @Test func jwsHeadersThatLieAreRefused() async throws {
        let harness = try await ASHarness()
        try await harness.run { client in
            let device = try ProvingClient(.jwsd)
            let body = try GNAPJSON.encode(device.grantRequest())
            let now = client.clock.now
            func refused(_ detached: String, _ text: String, location: SourceLocation = #_sourceLocation)
                async throws
            {
                try await Self.expectRefused(
                    harness, client, device, body: body, detached: detached, mentioning: text, sourceLocation: location)
            }
            // The control: made by hand with nothing changed, it is accepted.
            let good = try await client.send(.post, "/gnap", content: body) { request, _ in
                request.headerFields[JWSProof.detachedJWSField] = try! Self.handmade(device, body: body, now: now)
            }
            #expect(good.status == .ok, "\(String(decoding: good.body, as: UTF8.self))")

            try await refused(try Self.handmade(device, body: body, now: now, alg: "none", signature: []), "'none'")
            try await refused(
                try Self.handmade(
                    device, body: body, now: now, alg: "HS256", signature: Array(repeating: 7, count: 32)),
                "is a MAC")
            try await refused(try Self.handmade(device, body: body, now: now) { $0["typ"] = "JWT" }, "'typ'")
            try await refused(
                try Self.handmade(device, body: body, now: now) { $0["uri"] = "https://other.example/gnap" }, "'uri'")
            try await refused(try Self.handmade(device, body: body, now: now) { $0["htm"] = "PUT" }, "'htm'")
            try await refused(
                try Self.handmade(device, body: body, now: now) { $0["created"] = now.unixSeconds - 400 }, "too old")
            try await refused(
                try Self.handmade(device, body: body, now: now) { $0["created"] = now.unixSeconds + 120 }, "future")
            try await refused(try Self.handmade(device, body: body, now: now) { $0["kid"] = "someone-else" }, "'kid'")
            // The body is not what the JWS signs.
            var other = body
            other.append(0x20)
            try await refused(try Self.handmade(device, body: other, now: now), "not the content")
        }
    }

    @Test func aReplayedJWSIsRefusedOnce() async throws {
        let harness = try await ASHarness()
        try await harness.run { client in
            let device = try ProvingClient(.jwsd)
            let body = try GNAPJSON.encode(device.grantRequest())
            let detached = try Self.handmade(device, body: body, now: client.clock.now)
            let first = try await client.send(.post, "/gnap", content: body) { request, _ in
                request.headerFields[JWSProof.detachedJWSField] = detached
            }
            #expect(first.status == .ok)
            try await Self.expectRefused(
                harness, client, device, body: body, detached: detached, status: .conflict,
                mentioning: "already received")
        }
    }

    @Test func aContinuationWithoutAthIsRefused() async throws {
        let harness = try await ASHarness()
        try await harness.run { client in
            let device = try ProvingClient(.jwsd)
            let response = try await device.send(
                client, .post, "/gnap", content: try GNAPJSON.encode(device.grantRequest())
            ).decode(GrantResponse.self)
            let continuation = try #require(response.continue)
            harness.clock.advance(by: .seconds(5))
            let path = String(continuation.uri.dropFirst(ASHarness.base.count))
            // Proven as if no token were presented: no `ath`, while `Authorization: GNAP` carries one.
            let target = JWSProofRequest(method: "POST", targetURI: continuation.uri)
            let proof = try JWSProof.sign(.jwsd, request: target, key: device.key, now: client.clock.now)
            let reply = try await client.send(.post, path, token: continuation.accessToken.value) { request, _ in
                request.headerFields[JWSProof.detachedJWSField] = proof.detachedJWS
            }
            #expect(reply.status == .unauthorized && reply.error?.code == .invalidClient)
            #expect(reply.error?.errorDescription?.contains("no 'ath'") == true)
            // With `ath` of another token.
            let wrong = JWSProofRequest(method: "POST", targetURI: continuation.uri, accessToken: "another-token")
            let wrongProof = try JWSProof.sign(.jwsd, request: wrong, key: device.key, now: client.clock.now)
            let mismatched = try await client.send(.post, path, token: continuation.accessToken.value) { request, _ in
                request.headerFields[JWSProof.detachedJWSField] = wrongProof.detachedJWS
            }
            #expect(mismatched.error?.errorDescription?.contains("'ath' is not the hash") == true)
        }
    }

    @Test func mtlsNeedsTheKeysCertificate() async throws {
        let harness = try await ASHarness.trustingClientCertificates()
        try await harness.run { client in
            let device = try ProvingClient(.mtls)
            let stranger = try ProvingClient(.mtls)
            let body = try GNAPJSON.encode(device.grantRequest())
            let before = try await harness.rowCounts()
            // Another certificate than the one the key names.
            let mismatched = try await client.send(.post, "/gnap", content: body) { request, _ in
                request.headerFields[ProvingClient.certificateHeader] = ProvingClient.clientCertField(
                    stranger.certificateDER!)
            }
            #expect(mismatched.status == .unauthorized && mismatched.error?.code == .invalidClient)
            #expect(mismatched.error?.errorDescription?.contains("not the client's certificate") == true)
            // No certificate at all.
            let absent = try await client.send(.post, "/gnap", content: body)
            #expect(absent.status == .unauthorized && absent.error?.code == .invalidClient)
            #expect(absent.error?.errorDescription?.contains("no TLS client certificate") == true)
            // A header that is not a certificate.
            let garbage = try await client.send(.post, "/gnap", content: body) { request, _ in
                request.headerFields[ProvingClient.certificateHeader] = ":bm90IGEgY2VydGlmaWNhdGU=:"
            }
            #expect(garbage.error?.code == .invalidClient)
            #expect(try await harness.rowCounts() == before)
            // The certificate of the key: accepted.
            #expect(try await device.send(client, .post, "/gnap", content: body).status == .ok)
        }
    }

    @Test func withoutTLSOrATrustedHeaderMTLSIsNotOffered() async throws {
        let harness = try await ASHarness()
        try await harness.run { client in
            let device = try ProvingClient(.mtls)
            // A certificate header from the client itself is not trusted: the AS names no such header.
            let reply = try await device.send(
                client, .post, "/gnap", content: try GNAPJSON.encode(device.grantRequest()))
            #expect(reply.status == .unauthorized && reply.error?.code == .invalidClient)
            #expect(reply.error?.errorDescription?.contains("proof method 'mtls' is not supported") == true)
        }
    }

    @Test func theContentFormMustBeTheMethods() async throws {
        let harness = try await ASHarness()
        try await harness.run { client in
            // A JWS body from a client whose key uses httpsig (signed both ways): 415, application/jose is for jws.
            let signer = try ProvingClient(.httpsig)
            let wrapped = try JWSProof.sign(
                .jws,
                request: JWSProofRequest(
                    method: "POST", targetURI: ASHarness.base + "/gnap",
                    content: try GNAPJSON.encode(signer.grantRequest())),
                key: signer.key, now: client.clock.now)
            let jose = try await client.send(
                .post, "/gnap", content: wrapped.body, key: signer.key, contentType: JWSProof.mediaType)
            #expect(jose.status == .unsupportedMediaType && jose.error?.code == .invalidRequest)
            // A jws client sending plain JSON (with a detached JWS): the method says the body is the JWS.
            let device = try ProvingClient(.jws)
            let json = try GNAPJSON.encode(device.grantRequest())
            let detached = try JWSProof.sign(
                .jwsd, request: JWSProofRequest(method: "POST", targetURI: ASHarness.base + "/gnap", content: json),
                key: device.key, now: client.clock.now)
            let plain = try await client.send(.post, "/gnap", content: json) { request, _ in
                request.headerFields[JWSProof.detachedJWSField] = detached.detachedJWS
            }
            #expect(plain.status == .unauthorized && plain.error?.code == .invalidClient)
            #expect(plain.error?.errorDescription?.contains("application/jose") == true)
            // application/jose is not accepted on the approver API at all.
            let approverAPI = try await client.send(
                .post, "/interact/v1/code", content: Array("x.y.z".utf8), contentType: JWSProof.mediaType)
            #expect(approverAPI.status == .unsupportedMediaType)
            // A body that is not a JWS.
            let notJWS = try await client.send(
                .post, "/gnap", content: Array("{}".utf8), contentType: JWSProof.mediaType)
            #expect(notJWS.status == .badRequest && notJWS.error?.code == .invalidRequest)
        }
    }

    @Test func aJWSRotationNeedsBothProofs() async throws {
        let harness = try await ASHarness()
        try await harness.run { client in
            let device = try ProvingClient(.jws)
            let response = try await device.send(
                client, .post, "/gnap", content: try GNAPJSON.encode(device.grantRequest())
            ).decode(GrantResponse.self)
            let instanceID = try #require(response.instanceID)
            let next = try device.withNewKey()
            let content = try GNAPJSON.encode(["key": try next.keyValue])
            // Only the current key's JWS (no nesting): not a rotation.
            let single = try await device.send(client, .post, "/gnap/instances/\(instanceID)/key", content: content)
            #expect(single.status == .badRequest && single.error?.code == .invalidRotation)
            // The nested JWS by a third key instead of the new one.
            let impostor = try device.withNewKey()
            let forged = try await device.send(
                client, .post, "/gnap/instances/\(instanceID)/key", content: content, rotatingTo: impostor.key)
            #expect(forged.status == .badRequest && forged.error?.code == .invalidRotation)
            #expect(forged.error?.errorDescription?.contains("new key") == true)
            let stored = try #require(try await harness.store.clientInstance(id: instanceID))
            #expect(stored.key.thumbprint == device.key.keyID)
        }
    }
}
