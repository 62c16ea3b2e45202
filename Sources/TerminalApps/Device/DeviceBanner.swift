import GNAP
import TerminalUI

/// What `gnapterm device` prints on a terminal while it waits: the user code in block letters (or spaced out when
/// the terminal is too narrow), where to enter it, the interaction URL when there is one, and a one-line status. Pure: lines of plain text, no escape
/// sequences; the URI comes from the AS and is sanitized.
public struct DeviceBanner: Sendable, Hashable {
    /// Where the device is in its wait.
    public enum Status: Sendable, Hashable {
        case waiting
        case approved
        case denied
        case expired
        /// Polling failed for a moment and is tried again.
        case retrying
    }

    /// The user code, if the AS gave one.
    public var userCode: UserCode?
    /// The AS's `user_code_uri`, if it gave one.
    public var userCodeURI: String?
    /// The interaction URL (`redirect` start mode), if the AS gave one.
    public var interactionURL: String?
    /// The application URI (`app` start mode), if the AS gave one.
    public var appURI: String?
    /// The AS base URL, for the `gnapterm approve --as` instruction.
    public var serverURL: String
    public var expiresAt: WallInstant
    /// An asynchronous request (RFC 9635 §1.6.3): the user it waits for, who approves on their own terminal.
    public var approver: String?

    public init(
        userCode: UserCode?, userCodeURI: String?, interactionURL: String? = nil, appURI: String? = nil,
        serverURL: String, expiresAt: WallInstant
    ) {
        self.userCode = userCode
        self.userCodeURI = userCodeURI
        self.interactionURL = interactionURL
        self.appURI = appURI
        self.serverURL = serverURL
        self.expiresAt = expiresAt
    }

    /// The banner at `width` columns: block letters when they fit, else the code spaced out (`A B C D - E F G H`).
    /// Sentences wrap at `width`; the URI and the command are never cut (they go on a line of their own when the
    /// line would be too wide), so those lines may be wider than `width`. No line has trailing spaces.
    /// With `blockLetters` false the code is always spelled out on one line (plain output).
    public func lines(now: WallInstant, width: Int, blockLetters: Bool = true) -> [String] {
        var lines: [String] = []
        let approve = "gnapterm approve --as " + TextSanitizer.sanitize(serverURL)
        if let approver = approver.map({ TextSanitizer.sanitize($0) }) {
            lines += DisplayWidth.wrap(
                "Waiting for \(approver) to approve on their terminal: the request is in their inbox "
                    + "(gnapterm approve --watch); there is no code to enter here.", width: max(1, width))
        }
        if let userCode {
            lines += DisplayWidth.wrap("To let this device in, enter this code:", width: max(1, width))
            lines.append("")
            let big = BigText(userCode.display)
            if !blockLetters {
                lines.append("  " + userCode.display)
            } else if big.size.width + 2 <= width {
                lines += big.rows.map { "  " + $0.trimmingTrailingSpaces }
                lines += ["", "  " + userCode.display]
            } else {
                lines.append("  " + userCode.display.map(String.init).joined(separator: " "))
            }
            lines.append("")
            if let uri = userCodeURI {
                lines += Self.labelled("Enter it at", TextSanitizer.sanitize(uri), width: width)
            }
            lines += Self.labelled("Approve with:", approve, width: width)
        }
        if let link = interactionURL ?? appURI {
            let link = TextSanitizer.sanitize(link)
            if userCode != nil {
                lines += Self.labelled("Or open the request directly:", approve + " " + link, width: width)
            } else {
                lines += DisplayWidth.wrap("To let this device in, approve this request:", width: max(1, width))
                lines.append("")
                lines.append("  " + link)
                lines.append("")
                lines += Self.labelled("Approve with:", approve + " " + link, width: width)
            }
            if let appURI, interactionURL != nil {
                lines += Self.labelled("App link:", TextSanitizer.sanitize(appURI), width: width)
            }
        }
        let remaining = now.duration(to: expiresAt)
        let noun = userCode != nil ? "code" : "request"
        let expiry =
            remaining > .zero
            ? "The \(noun) expires in " + Countdown.format(remaining) + "." : "The \(noun) has expired."
        lines += DisplayWidth.wrap(expiry, width: max(1, width))
        return lines
    }

    /// `label value` on one line when it fits `width`, else the label and the value indented on the next line.
    private static func labelled(_ label: String, _ value: String, width: Int) -> [String] {
        let line = label + " " + value
        return DisplayWidth.of(line) <= width ? [line] : [label, "  " + value]
    }

    /// One line of status: "Waiting for approval… 09:41 left", "Approved", "Denied", "Expired", "Retrying… 09:41
    /// left". Waiting past `expiresAt` reads "Expired".
    public static func statusLine(status: Status, expiresAt: WallInstant, now: WallInstant) -> String {
        let remaining = now.duration(to: expiresAt)
        let left = Countdown.format(remaining) + " left"
        switch status {
        case .waiting: return remaining > .zero ? "Waiting for approval… " + left : "Expired"
        case .approved: return "Approved"
        case .denied: return "Denied"
        case .expired: return "Expired"
        case .retrying: return remaining > .zero ? "Retrying… " + left : "Expired"
        }
    }
}

extension String {
    fileprivate var trimmingTrailingSpaces: String {
        var text = self
        while text.last == " " { text.removeLast() }
        return text
    }
}
