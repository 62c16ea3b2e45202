import Foundation
import TerminalUI

/// The deny dialog: a preset reason chosen with the arrows and free text.
public struct DenialState: Equatable, Sendable {
    /// The preset reasons; the last one asks for the text.
    public static let presets = [
        "I did not start this request", "The device is not mine", "Too much access requested", "Other…",
    ]

    /// Index into `presets`, nil until one is chosen.
    public var choice: Int?
    /// Free text: the reason for "Other…" (or without a choice), details for the other presets.
    public var details: TextFieldState
    /// Why the reason cannot be sent yet.
    public var error: String?

    /// Nothing chosen, nothing typed.
    public init() {
        choice = nil
        details = TextFieldState(maxLength: 200)
        error = nil
    }

    private var isOther: Bool { choice == Self.presets.count - 1 }

    /// The reason to send: the preset (followed by the text when there is some), or the text alone for
    /// "Other…" and when nothing is chosen. Nil when there is no reason yet.
    public var reason: String? {
        let text = details.text.trimmingCharacters(in: .whitespaces)
        if let choice, !isOther, Self.presets.indices.contains(choice) {
            return text.isEmpty ? Self.presets[choice] : Self.presets[choice] + ": " + text
        }
        return text.isEmpty ? nil : text
    }

    /// What to say when `reason` is nil.
    public var missingReasonMessage: String {
        isOther ? "Type the reason, or choose one of the others with ↑/↓." : "Choose a reason with ↑/↓, or type one."
    }
}
