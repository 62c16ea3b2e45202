import Foundation
import GNAP
import TerminalUI

/// An `InteractionReview` in words, shared by the review screen and plain mode so that both say the same things.
/// Texts from the client and the AS are kept as they are here; the screen and plain mode sanitize what they print.
struct ReviewDescription: Sendable {
    /// Who vouches for a piece of information.
    enum Provenance: Sendable {
        /// The AS vouches for it (a pre-registered client).
        case vetted
        /// The client merely claims it.
        case selfAsserted
        /// A fact the AS observed or verified itself (a key, an address), or nothing to vouch for.
        case plain

        /// The tag shown after the value, if any.
        var tag: String? {
            switch self {
            case .vetted: "(vetted)"
            case .selfAsserted: "(self-asserted)"
            case .plain: nil
            }
        }

        /// The style of the value and its tag.
        var style: Style {
            switch self {
            case .vetted: .vetted
            case .selfAsserted: .selfAsserted
            case .plain: .normal
            }
        }
    }

    /// A labelled value.
    struct Field: Sendable {
        var label: String
        var value: String
        var provenance: Provenance = .plain
    }

    /// One requested right.
    struct Right: Sendable {
        /// The type of an object, or the reference.
        var name: String
        /// The AS's description of the type or reference.
        var description: String?
        /// Actions, locations, data types, identifier, privileges and API-specific members of an object.
        var details: [Field]
        /// Set on the first right of each token when the request has several tokens, labels or flags.
        var tokenHeading: String?

        /// False when the AS has no description of the type or reference.
        var isDescribed: Bool { description != nil }

        /// `name — description`, or just the name when there is no description.
        var described: String { name + (description.map { " — " + $0 } ?? "") }

        /// `name — description`, or `name (no description from the AS)`.
        var title: String { isDescribed ? described : name + " " + ReviewDescription.noDescription }
    }

    static let heading = "A device is asking for access to your account"
    static let antiPhishing = "Approve only if you started this on a device you control."
    /// The same warning for a footer of one row on a narrow screen.
    static let antiPhishingShort = "Approve only if you started this on your own device."
    static let clientHeading = "Client"
    static let rightsHeading = "Access requested"
    static let subjectHeading = "Information about you"
    static let userHeading = "For user"
    static let noDescription = "(no description from the AS)"

    /// True when the AS vouches for the client's display information.
    var isVetted: Bool
    /// The sentence about vetting: a reassurance when vetted, a warning when not.
    var vettingLine: String
    /// Name, address, key and proof.
    var clientFields: [Field]
    /// "Requested from 192.0.2.7 at 2026-01-01 08:55:00 UTC".
    var requestedLine: String
    var rights: [Right]
    /// `email — your e-mail address`, one per requested subject identifier format.
    var subjectFormats: [String]
    /// `id_token — a statement signed …`, one per requested assertion format.
    var assertionFormats: [String]
    /// The user the request names (§2.4), if any.
    var namedUser: NamedUser?
    /// "Preferred languages: en-US, fr-CA" (§2.5.3 `ui_locales`).
    var localesLine: String?

    /// The end user a request names, as the approver sees it.
    struct NamedUser: Sendable {
        /// Whether the approver is that user.
        var isApprover: Bool
        /// "✓ This request is for you." or a warning that it is for someone else.
        var verdict: String
        /// The identifiers (client-supplied hints, a user reference, a verified assertion's subject).
        var identifiers: [String]
        /// A note about assertions the server could not verify and ignored.
        var ignoredNote: String?
    }

    /// True when the review has an "Information about you" section.
    var hasSubjectSection: Bool { !subjectFormats.isEmpty || !assertionFormats.isEmpty }

    init(_ review: InteractionReview, timeZone: TimeZone) {
        let client = review.client
        isVetted = client.vetted
        vettingLine =
            client.vetted
            ? "✓ Vetted: the server vouches for this client's name and address."
            : "⚠ Not vetted: the server does not vouch for this client's name or address."
        let provenance: Provenance = client.vetted ? .vetted : .selfAsserted
        var fields: [Field] = []
        if let name = client.display?.name {
            fields.append(Field(label: "Name", value: name, provenance: provenance))
        } else {
            fields.append(Field(label: "Name", value: "(no name given)"))
        }
        if let uri = client.display?.uri {
            fields.append(Field(label: "Address", value: uri, provenance: provenance))
        }
        fields.append(
            Field(label: "Key", value: "\(client.keyThumbprint) (\(client.proofMethod), \(client.algorithm))"))
        // RFC 9635 §2.5.2: the callback URI "SHOULD be presented to the RO during the interaction phase".
        if let finish = review.finish {
            fields.append(
                Field(
                    label: finish.method == .redirect ? "Return to" : "Notifies", value: finish.uri,
                    provenance: .selfAsserted))
        }
        // The agent behind the request comes first and apart from the client application.
        clientFields = Self.agentFields(review.agent) + fields
        let time = TimeText.format(review.requestedAt, in: timeZone)
        requestedLine = review.requestedFrom.map { "Requested from \($0) at \(time)" } ?? "Requested at \(time)"
        rights = Self.rights(of: review.tokens)
        subjectFormats = (review.subject?.subIDFormats ?? []).map(SubjectFormatNames.title(of:))
        assertionFormats = (review.subject?.assertionFormats ?? []).map(SubjectFormatNames.assertionTitle(of:))
        namedUser = review.user.map(Self.namedUser(_:))
        localesLine =
            (review.uiLocales ?? []).isEmpty
            ? nil : "Preferred languages: " + (review.uiLocales ?? []).joined(separator: ", ")
    }

    private static func namedUser(_ user: UserReview) -> NamedUser {
        var identifiers = user.subIDs.map(SubjectFormatNames.identifierText(_:))
        if let reference = user.reference {
            // The reference is the user's opaque identifier; say so once rather than listing it twice.
            identifiers.removeAll { $0 == "opaque " + reference }
            identifiers.insert("user reference " + reference, at: 0)
        }
        if !user.verifiedAssertionFormats.isEmpty {
            identifiers.append("verified assertion: " + user.verifiedAssertionFormats.joined(separator: ", "))
        }
        let ignored =
            user.ignoredAssertionFormats.isEmpty
            ? nil
            : "Ignored assertions this server cannot verify: " + user.ignoredAssertionFormats.joined(separator: ", ")
        let verdict: String
        if identifiers.isEmpty {
            verdict = "The device names no user this server can check."
        } else if user.matchesApprover {
            verdict = "✓ This request is for you."
        } else {
            verdict = "⚠ This request is for another user: approving it refuses it (the device is told unknown_user)."
        }
        return NamedUser(
            isApprover: user.matchesApprover, verdict: verdict, identifiers: identifiers, ignoredNote: ignored)
    }

    private static func rights(of tokens: [TokenReview]) -> [Right] {
        let headed = tokens.count > 1 || tokens.contains { $0.label != nil || !$0.flags.isEmpty }
        var result: [Right] = []
        for (index, token) in tokens.enumerated() {
            for (position, review) in token.rights.enumerated() {
                var right = Self.right(review)
                if headed, position == 0 {
                    var heading = token.label.map { "Token “\($0)”" } ?? "Token \(index + 1)"
                    if !token.flags.isEmpty { heading += " — flags: " + token.flags.joined(separator: ", ") }
                    right.tokenHeading = heading
                }
                result.append(right)
            }
        }
        return result
    }

    private static func right(_ review: RightReview) -> Right {
        let name: String
        var details: [Field] = []
        switch review.right {
        case .reference(let reference):
            name = reference
        case .object(let object):
            name = object.type
            func add(_ label: String, _ values: [String]?) {
                if let values, !values.isEmpty {
                    details.append(Field(label: label, value: values.joined(separator: ", ")))
                }
            }
            add("Actions", object.actions)
            add("Locations", object.locations)
            add("Data types", object.datatypes)
            add("Identifier", object.identifier.map { [$0] })
            add("Privileges", object.privileges)
            for key in object.additional.keys.sorted() {
                details.append(Field(label: key, value: object.additional[key]!.displayText))
            }
        }
        return Right(name: name, description: review.description, details: details)
    }

    /// "Expires in 09:41", or "Expired" once `now` reaches `expiresAt`.
    static func expiryText(expiresAt: WallInstant, now: WallInstant) -> String {
        let text = Countdown.format(now.duration(to: expiresAt))
        return text == "expired" ? "Expired" : "Expires in " + text
    }
}
