import Foundation
import GNAP
import HTTPMessageSignatures
import Testing

@Suite("mtls proof (RFC 9635 §7.3.2)")
struct MTLSProofTests {
    static let mtls = ProofMethod(method: "mtls")

    @Test func aCertificateKeyMatchesThatCertificateOnly() throws {
        let certified = try CertifiedKey.ed25519()
        let binding = try ClientKeyBinding(
            ClientKeyValue(proof: Self.mtls, jwk: nil, cert: certified.pem), accepting: ["mtls"])
        #expect(
            try MTLSProof.verify(clientCertificate: certified.certificateDER, binding: binding).get().der
                == certified.certificateDER)
        // Another certificate, even for the same key, is not the bound certificate.
        let reissued = try CertifiedKey.ed25519(name: "renewed")
        #expect(throws: MTLSProofFailure.certificateMismatch) {
            try MTLSProof.verify(clientCertificate: reissued.certificateDER, binding: binding).get()
        }
        #expect(throws: MTLSProofFailure.noClientCertificate) {
            try MTLSProof.verify(clientCertificate: nil, binding: binding).get()
        }
        #expect(throws: MTLSProofFailure.malformedCertificate(.malformed)) {
            try MTLSProof.verify(clientCertificate: [0x30, 0x03, 0x02, 0x01, 0x01], binding: binding).get()
        }
    }

    @Test func aThumbprintKeyMatchesByThumbprint() throws {
        let certified = try CertifiedKey.p256()
        let binding = try ClientKeyBinding(
            ClientKeyValue(proof: Self.mtls, jwk: nil, certS256: certified.certificate.thumbprintS256),
            accepting: ["mtls"], clientCertificate: certified.certificate)
        #expect(throws: Never.self) {
            try MTLSProof.verify(clientCertificate: certified.certificateDER, binding: binding).get()
        }
        #expect(throws: MTLSProofFailure.certificateMismatch) {
            try MTLSProof.verify(clientCertificate: try CertifiedKey.p256().certificateDER, binding: binding).get()
        }
    }

    @Test func aJWKKeyMatchesAnyCertificateForThatKey() throws {
        let certified = try CertifiedKey.ed25519()
        let binding = try ClientKeyBinding(
            ClientKeyValue(proof: Self.mtls, jwk: try certified.signingKey.publicJWK()), accepting: ["mtls"])
        #expect(throws: Never.self) {
            try MTLSProof.verify(clientCertificate: certified.certificateDER, binding: binding).get()
        }
        #expect(throws: MTLSProofFailure.keyMismatch) {
            try MTLSProof.verify(clientCertificate: try CertifiedKey.ed25519().certificateDER, binding: binding).get()
        }
    }

    @Test func onlyAnMTLSKeyIsCheckedThisWay() throws {
        let certified = try CertifiedKey.ed25519()
        let httpsig = try ClientKeyBinding(
            ClientKeyValue(proof: .httpsig, jwk: nil, cert: certified.pem), accepting: ["httpsig"])
        #expect(throws: MTLSProofFailure.notMTLS("httpsig")) {
            try MTLSProof.verify(clientCertificate: certified.certificateDER, binding: httpsig).get()
        }
        #expect(MTLSProofFailure.noClientCertificate.gnapError().code == .invalidClient)
        #expect(MTLSProofFailure.keyMismatch.gnapError(.invalidRotation).code == .invalidRotation)
    }

    @Test func theClientCertFieldOfATrustedProxyIsRead() throws {
        let certified = try CertifiedKey.ed25519()
        let field = ":" + certified.certificateBase64 + ":"
        #expect(MTLSProof.clientCertificate(fromField: field) == certified.certificateDER)
        #expect(MTLSProof.clientCertificate(fromField: " \(field) ") == certified.certificateDER)
        for bad in ["", ":", "::", certified.certificateBase64, ":" + certified.certificateBase64, ":a-b_:", ":!!!!:"] {
            #expect(MTLSProof.clientCertificate(fromField: bad) == nil, "\(bad)")
        }
    }
}
