import GNAP

/// The subject identifiers (RFC 9635 §3.4, RFC 9493) this AS can release for an account.
enum SubjectRelease {
    static func identifiers(for account: Account, issuer: String) -> [SubjectIdentifier] {
        var identifiers: [SubjectIdentifier] = [
            .opaque(account.opaqueSubject), .issuerSubject(issuer: issuer, subject: account.opaqueSubject),
        ]
        if let email = account.email { identifiers.append(.email(email)) }
        return identifiers
    }
}
