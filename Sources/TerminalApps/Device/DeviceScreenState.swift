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
