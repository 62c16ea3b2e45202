import GNAP

extension GrantChange {
    /// Audits a continuation answer without `continue` (RFC 9635 §3.1): the call that ended the grant, or its one
    /// repeat by a client whose first answer was lost (``GNAP/FinalAnswer``).
    mutating func auditFinalAnswer(_ error: GNAPError) {
        if repeatedFinalAnswerNow {
            audit(
                .continuationRepeated,
                "the client repeated the continuation call that ended the grant (the answer was lost); told again: "
                    + error.code.rawValue)
        } else if finalizedNow {
            audit(.grantFinalized, "client told: \(error.code.rawValue)")
        }
    }
}
