import GNAP

/// The client instance of a grant request (RFC 9635 §2.3): found or prepared before the key proof is checked, stored
/// only after it passed.
extension GrantService {
    /// The client instance a request names, and whether it must be stored (a new dynamic instance).
    struct ResolvedInstance: Sendable {
        var instance: ClientInstanceRecord
        var isNew: Bool
    }

    /// §2.3: a key by value gets (or reuses) a dynamic instance; a reference must name a known instance. Only reads:
    /// a new instance is stored by ``store(_:)`` once the request's signature verified.
    func resolveInstance(_ validated: ValidatedGrantRequest) async throws(APIError) -> ResolvedInstance {
        do {
            if let reference = validated.clientReference {
                guard let instance = try await clients.clientInstance(id: reference) else {
                    throw APIError(GNAPError(.invalidClient, "unknown client instance '\(reference)'"))
                }
                return ResolvedInstance(instance: instance, isNew: false)
            }
            guard let key = validated.clientKey else {
                throw APIError(GNAPError(.invalidClient, "the client key is missing"))
            }
            var display: ClientDisplay?
            if case .value(let value) = validated.request.client { display = value.display }
            if let existing = try await clients.clientInstance(thumbprint: key.thumbprint),
                existing.registered || (existing.key == key && existing.display == display)
            {
                // §2.3: the same key is the same instance, and a pre-registered instance's values take precedence
                // over the ones given at runtime.
                return ResolvedInstance(instance: existing, isNew: false)
            }
            let instance = ClientInstanceRecord(
                id: Secrets.identifier(), key: key, display: display, createdAt: clock.now)
            return ResolvedInstance(instance: instance, isNew: true)
        } catch let error as APIError {
            throw error
        } catch {
            throw APIError(.internalServerError, GNAPError(.requestDenied, "the AS could not look up the client"))
        }
    }

    /// Stores a new dynamic instance (called only after the key proof verified).
    func store(_ resolved: ResolvedInstance) async throws(APIError) -> ClientInstanceRecord {
        guard resolved.isNew else { return resolved.instance }
        do {
            try await clients.insertClientInstance(resolved.instance)
        } catch {
            throw APIError(.internalServerError, GNAPError(.requestDenied, "the AS could not store the client"))
        }
        return resolved.instance
    }
}
