import GNAP

/// Authenticates a call of the RS-facing API (RFC 9767 §3.2): the RS identified by key or by identifier, its
/// signature checked with the same proofing as a client's (``ClientProof``), and, when the operator allows it, an
/// unknown RS trusted on first use — stored only once its signature verified. Every refusal is
/// `invalid_resource_server` with status 400 (§3.5).
struct ResourceServerAuthenticator: Sendable {
    let servers: any ResourceServerStore
    let proof: ClientProof
    let allowsDynamic: Bool
    let clock: AnyWallClock

    /// Returns the RS that signed `signed`, after its signature verified.
    func authenticate(_ identification: ResourceServerIdentification, _ signed: SignedRequest)
        async throws(APIError) -> ResourceServerRecord
    {
        let validated: ValidatedResourceServer
        do {
            validated = try identification.validated()
        } catch {
            throw RSFacingError.refused(error)
        }
        let (server, isNew) = try await resolve(validated)
        do {
            try await proof.verify(signed, key: server.key)
        } catch {
            // The replay cache being full is the AS's problem, not the RS's: keep its 503.
            if error.status == .serviceUnavailable { throw error }
            throw RSFacingError.refused(
                GNAPError(.invalidResourceServer, (error.error.errorDescription ?? "the signature did not verify")))
        }
        AuditContext.current?.identify("rs:\(server.id)")
        guard isNew else { return server }
        do {
            try await servers.insertResourceServer(
                server,
                audit: [
                    AuditEvent(
                        grantID: nil, at: server.createdAt, kind: .resourceServerTrusted,
                        detail: "resource server \(server.id) (key \(server.key.thumbprint)) trusted on first use")
                ])
        } catch {
            throw RSFacingError.storeFailure("the AS could not store the resource server")
        }
        return server
    }

    /// The RS an identification names, or a new one to trust on first use; reads only.
    private func resolve(_ validated: ValidatedResourceServer) async throws(APIError)
        -> (ResourceServerRecord, isNew: Bool)
    {
        do {
            switch validated {
            case .reference(let id):
                guard let server = try await servers.resourceServer(id: id) else {
                    throw RSFacingError.refused(
                        GNAPError(.invalidResourceServer, "no resource server is known by this identifier"))
                }
                return (server, false)
            case .key(let key):
                if let server = try await servers.resourceServer(thumbprint: key.thumbprint) {
                    return (server, false)
                }
                guard allowsDynamic else {
                    throw RSFacingError.refused(
                        GNAPError(
                            .invalidResourceServer,
                            "this resource server's key is not registered with the AS, which trusts only "
                                + "pre-registered resource servers"))
                }
                let server = ResourceServerRecord(
                    id: Secrets.identifier(), key: key, displayName: nil, registered: false, createdAt: clock.now)
                return (server, true)
            }
        } catch let error as APIError {
            throw error
        } catch {
            throw RSFacingError.storeFailure("the AS could not look up the resource server")
        }
    }
}

/// Errors of the RS-facing API: RFC 9767 §3.5 answers every refusal with 400 and the error object.
enum RSFacingError {
    static func refused(_ error: GNAPError) -> APIError { APIError(.badRequest, error) }

    static func storeFailure(_ description: String) -> APIError {
        APIError(.internalServerError, GNAPError(.requestDenied, description))
    }

    /// Decodes and validates an RS-facing request body; every problem is a 400 with the code decoding chose.
    static func decode<T: Decodable>(_ type: T.Type, _ signed: SignedRequest) throws(APIError) -> T {
        do {
            return try GNAPJSON.decodeRequest(type, from: signed.body)
        } catch {
            throw refused(error)
        }
    }
}
