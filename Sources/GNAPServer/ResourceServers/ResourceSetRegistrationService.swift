import GNAP

/// Resource set registration (RFC 9767 §3.4, `POST /gnap/resource`): an authenticated RS registers access rights it
/// serves and gets a random `resource_reference` (§5.10) that clients can ask for as an access reference string
/// (RFC 9635 §8.1). Registering the same set again returns the same reference. Audited.
struct ResourceSetRegistrationService: Sendable {
    let authenticator: ResourceServerAuthenticator
    let servers: any ResourceServerStore
    /// For the audit entry of a repeated registration (a new set is audited with its insertion).
    let administration: any AdministrationStore
    let offersIntrospection: Bool
    let clock: AnyWallClock
    let publicURL: PublicURL

    func register(_ signed: SignedRequest) async throws(APIError) -> ResourceSetRegistrationResponse {
        let request = try RSFacingError.decode(ResourceSetRegistrationRequest.self, signed)
        do {
            try request.validate()
        } catch {
            throw RSFacingError.refused(error)
        }
        let server = try await authenticator.authenticate(request.resourceServer, signed)
        // §3.4: "If the AS does not support any of the requested token formats, the AS MUST return an error", and
        // likewise when the RS needs introspection and the AS does not offer it.
        let formats = request.tokenFormatsSupported?.filter(ResourceServerSettings.supportedTokenFormats.contains)
        if let formats, formats.isEmpty {
            throw RSFacingError.refused(
                GNAPError(
                    .invalidRequest,
                    "this AS issues none of the token formats listed; it supports "
                        + ResourceServerSettings.supportedTokenFormats.joined(separator: ", ")))
        }
        let introspection = request.tokenIntrospectionRequired ?? false
        if introspection, !offersIntrospection {
            throw RSFacingError.refused(GNAPError(.invalidRequest, "this AS does not offer token introspection"))
        }
        do {
            let directory = try await servers.resourceServerDirectory()
            if let problem = directory.registrationProblem(request.access, by: server) {
                throw RSFacingError.refused(GNAPError(.invalidAccess, problem))
            }
            let set = try await existingOrNew(
                request.access, formats: formats, introspection: introspection, server: server, directory: directory)
            return ResourceSetRegistrationResponse(
                resourceReference: set.reference, instanceID: server.id,
                introspectionEndpoint: offersIntrospection ? publicURL.introspectionEndpoint : nil)
        } catch let error as APIError {
            throw error
        } catch {
            throw RSFacingError.storeFailure("the AS could not store the resource set")
        }
    }

    /// §3.4: "If a resource was previously registered, the AS MAY return the same resource reference".
    private func existingOrNew(
        _ access: [AccessRight], formats: [String]?, introspection: Bool, server: ResourceServerRecord,
        directory: ResourceServerDirectory
    ) async throws -> ResourceSetRecord {
        if let known = directory.sets.first(where: {
            $0.resourceServerID == server.id && $0.access == access && $0.tokenFormats == formats
                && $0.introspectionRequired == introspection
        }) {
            try await administration.appendAudit([
                AuditEvent(
                    grantID: nil, at: clock.now, kind: .resourceSetRegistered,
                    detail: "resource server \(server.id) registered resource set \(known.reference) again")
            ])
            return known
        }
        let now = clock.now
        let set = ResourceSetRecord(
            reference: Secrets.identifier(), resourceServerID: server.id, access: access, tokenFormats: formats,
            introspectionRequired: introspection, createdAt: now)
        try await servers.insertResourceSet(
            set,
            audit: [
                AuditEvent(
                    grantID: nil, at: now, kind: .resourceSetRegistered,
                    detail: "resource server \(server.id) registered resource set \(set.reference): "
                        + access.map(\.summary).joined(separator: "; "))
            ])
        return set
    }
}
