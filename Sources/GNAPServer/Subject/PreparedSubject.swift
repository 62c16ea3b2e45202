import GNAP

/// The subject information (RFC 9635 §3.4) an approval releases, made ready before the continuation transaction
/// (which cannot read accounts or sign): the approving account's identifiers, the assertions signed for it, and when
/// the account last changed.
struct PreparedSubject: Sendable {
    /// The approval this was built for; nil when the grant was not approved yet when it was read.
    var selection: ApprovalSelection?
    var identifiers: [SubjectIdentifier] = []
    var assertions: [Assertion] = []
    /// RFC 3339 (§3.4 `updated_at`).
    var updatedAt: String?

    /// The `subject` member for `selection`: only the formats the approver released, nothing they withheld.
    func response(for selection: ApprovalSelection) -> SubjectResponse? {
        let identifiers = identifiers.filter { selection.subjectFormats.contains($0.format) }
        let assertions = assertions.filter { selection.assertionFormats.contains($0.format) }
        guard !identifiers.isEmpty || !assertions.isEmpty else { return nil }
        return SubjectResponse(
            subIDs: identifiers.isEmpty ? nil : identifiers, assertions: assertions.isEmpty ? nil : assertions,
            updatedAt: updatedAt)
    }
}
