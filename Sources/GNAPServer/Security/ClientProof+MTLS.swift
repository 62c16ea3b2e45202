import GNAP

extension ClientProof {
    /// §7.3.2: the client certificate of the connection (or of a trusted proxy's header) must be the bound
    /// certificate, or carry the bound key. "Since the TLS connection covers the entire message, there are no
    /// additional requirements to check."
    func verifyClientCertificate(_ signed: SignedRequest, key: ClientKeyBinding) async throws(APIError) {
        let presented = await signed.clientCertificate.der()
        if case .failure(let failure) = MTLSProof.verify(clientCertificate: presented, binding: key) {
            throw APIError(failure.gnapError(.invalidClient))
        }
    }
}
