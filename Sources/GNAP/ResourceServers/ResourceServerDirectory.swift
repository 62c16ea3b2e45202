/// Every resource server the AS knows with the resource sets each registered: what the AS consults to decide which
/// rights concern which RS (RFC 9767 §3.3: introspection discloses only those; §5.11), whom an RS may register rights
/// for (§3.4), and which RS an approver is told a right is served by.
public struct ResourceServerDirectory: Sendable, Hashable {
    public var servers: [ResourceServerRecord]
    public var sets: [ResourceSetRecord]

    public init(servers: [ResourceServerRecord] = [], sets: [ResourceSetRecord] = []) {
        self.servers = servers
        self.sets = sets
    }

    public func server(id: String) -> ResourceServerRecord? { servers.first { $0.id == id } }

    /// What `server` serves: its registered types and locations, and its resource sets.
    public func scope(of server: ResourceServerRecord) -> ResourceServerScope {
        ResourceServerScope(server: server, sets: sets.filter { $0.resourceServerID == server.id })
    }

    /// The RSes `right` concerns, pre-registered ones first.
    public func servers(concerning right: AccessRight) -> [ResourceServerRecord] {
        servers.filter { scope(of: $0).concerns(right) }.sorted { $0.registered && !$1.registered }
    }

    /// Why `server` may not register `access` as a resource set (§3.5 `invalid_access`), or nil when it may. A
    /// pre-registered RS registers within the types, locations and reference strings the operator gave it; an RS
    /// trusted on first use registers only access objects of types no pre-registered RS serves, so it cannot pose as
    /// one (§5.13), and no reference strings (they mean what the AS says they mean, not what an RS says).
    public func registrationProblem(_ access: [AccessRight], by server: ResourceServerRecord) -> String? {
        for (index, right) in access.enumerated() {
            guard case .object(let object) = right else {
                if case .reference(let reference) = right, server.serves(reference: reference) { continue }
                return "'access[\(index)]' is a reference string this resource server is not registered for"
            }
            if server.registered {
                guard server.serves(object) else {
                    return "'access[\(index)]' (\(right.summary)) is outside the types and locations this resource "
                        + "server is registered for"
                }
            } else if let owner = servers.first(where: { $0.registered && $0.accessTypes.contains(object.type) }) {
                return "'access[\(index)]' has the type '\(object.type)' of the pre-registered resource server "
                    + "'\(owner.id)'"
            }
        }
        return nil
    }
}

/// The rights one RS serves (RFC 9767 §3.3 "appropriate for presentation at the identified RS").
public struct ResourceServerScope: Sendable, Hashable {
    public var server: ResourceServerRecord
    public var sets: [ResourceSetRecord]

    public init(server: ResourceServerRecord, sets: [ResourceSetRecord]) {
        self.server = server
        self.sets = sets
    }

    /// Whether `right` is one this RS serves: an object of a type and location it is registered for, a right one
    /// of its resource sets covers (RFC 9635 §8), or the reference of one of its sets.
    public func concerns(_ right: AccessRight) -> Bool {
        switch right {
        case .object(let object):
            if server.serves(object) { return true }
            return sets.contains { set in set.access.contains { right.isCovered(by: $0) } }
        case .reference(let reference):
            if server.serves(reference: reference) { return true }
            return sets.contains { $0.reference == reference || $0.access.contains(right) }
        }
    }

    /// The rights of `access` this RS serves, in order: what introspection discloses to it.
    public func filter(_ access: [AccessRight]) -> [AccessRight] { access.filter(concerns) }
}

extension ResourceServerRecord {
    /// Whether the operator registers this RS for `object`: it is still ``registered``, the object's type is one of
    /// ``accessTypes`` and, when ``locations`` are given, every location of the object lies under one of them (an
    /// object without locations does not, since it could mean any).
    public func serves(_ object: AccessRightObject) -> Bool {
        guard registered, accessTypes.contains(object.type) else { return false }
        guard !locations.isEmpty else { return true }
        guard let wanted = object.locations, !wanted.isEmpty else { return false }
        return wanted.allSatisfy { location in locations.contains { Self.location(location, isUnder: $0) } }
    }

    /// Whether the operator registers this RS for the reference string `reference` (RFC 9635 §8.1).
    public func serves(reference: String) -> Bool { registered && references.contains(reference) }

    /// `location` is `prefix` itself or a path below it (`https://rs.example/notes` is under `https://rs.example`
    /// and `https://rs.example/`, but `https://rs.example.evil` is not).
    static func location(_ location: String, isUnder prefix: String) -> Bool {
        if location == prefix { return true }
        guard location.hasPrefix(prefix) else { return false }
        if prefix.hasSuffix("/") { return true }
        let next = location[location.index(location.startIndex, offsetBy: prefix.count)]
        return next == "/" || next == "?" || next == "#"
    }
}
