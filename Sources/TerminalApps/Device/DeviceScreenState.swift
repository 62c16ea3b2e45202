import GNAP
import GNAPClient
import QRCode

/// Everything the full-screen device display shows. Pure and `Equatable`: the runner redraws when it changes.
public struct DeviceScreenState: Sendable, Equatable {
    /// The AS base URL (for the `gnapterm approve --as` line).
    public var serverURL: String
    /// How the person starts the interaction; nil until the AS has answered.
    public private(set) var interaction: DeviceInteraction?
    public private(set) var status: DeviceStatus
    /// Someone entered the code or opened the link (reported once by the flow).
    public private(set) var interactionStarted = false
    public var now: WallInstant
    /// The person pressed `q` or Ctrl-C on the device.
    public var cancelled: Bool
    /// The flow ended without a final status (an error, shown after the screen closes).
    public var flowEnded = false
    /// The QR code of the address the person opens (`user_code_uri`, else the interaction URL), made once.
    public private(set) var qrCode: QRCode?
    /// A short confirmation in the status bar (what was copied), until `noticeUntil`.
    public private(set) var notice: String?
    public private(set) var noticeUntil: WallInstant?

    /// What `y`, `l` and `c` copy.
    public enum Copyable: Hashable, Sendable {
        /// The user code (the link when there is none).
        case code
        /// The address to open: `user_code_uri`, else the interaction URL.
        case link
        /// The `gnapterm approve` command line.
        case command

        var name: String {
            switch self {
            case .code: "code"
            case .link: "link"
            case .command: "approve command"
            }
        }
    }

    /// How long a notice stays.
    static let noticeLifetime: Duration = .seconds(4)

    mutating func showNotice(_ text: String) {
        notice = text
        noticeUntil = now.advanced(by: Self.noticeLifetime)
    }

    mutating func clearNotice() {
        notice = nil
        noticeUntil = nil
    }

    /// The text `what` copies, if the request has it.
    public func text(of what: Copyable) -> String? {
        guard let interaction else { return nil }
        switch what {
        case .code: return interaction.userCode ?? Self.qrAddress(of: interaction) ?? interaction.app
        case .link: return Self.qrAddress(of: interaction) ?? interaction.app
        case .command: return approveCommand
        }
    }

    /// The command that approves this request from a terminal: `gnapterm approve --as AS`, and the link when the
    /// person has no code to type.
    public var approveCommand: String? {
        guard let interaction else { return nil }
        let command = "gnapterm approve --as " + serverURL
        guard interaction.userCode == nil, let link = interaction.redirect ?? interaction.app else { return command }
        return command + " " + link
    }

    public init(serverURL: String, now: WallInstant) {
        self.serverURL = serverURL
        status = .requesting
        self.now = now
        cancelled = false
    }

    /// Sets the interaction and encodes its address as a QR code (level L: a screen is not a worn sticker, and a
    /// smaller symbol fits more terminals; none when the address is too long for any version).
    public mutating func show(_ interaction: DeviceInteraction) {
        self.interaction = interaction
        qrCode = Self.qrAddress(of: interaction).flatMap { try? QRCode(encoding: $0, errorCorrection: .low) }
        if status == .requesting { status = .waiting }
    }

    /// Applies a status the flow reported (see `DeviceStatus.followed(by:started:)`).
    public mutating func apply(_ reported: DeviceStatus) {
        if reported == .codeEntered { interactionStarted = true }
        status = status.followed(by: reported, started: interactionStarted)
    }

    /// What the QR code holds: the `user_code_uri` as given (RFC 9635 §3.3.3: shown unmodified), else the
    /// interaction URL (§3.3.1). Never the `app` URI: a phone cannot open it.
    public static func qrAddress(of interaction: DeviceInteraction) -> String? {
        interaction.userCodeURI ?? interaction.redirect
    }

    /// True when the person enters a code (else they open a link).
    public var usesCode: Bool { interaction?.userCode != nil }
}
