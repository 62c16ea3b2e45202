import TerminalSession
import TerminalUI

/// Asks for the passphrase of a sealed device key: typed on the terminal with echo off, or one line of standard
/// input from a script (`HiddenLine`).
public enum PassphrasePrompt {
    /// The prompt for the `attempt`th try at opening a sealed key (what `ApproverSetup`, `AdminSession` and the
    /// admin view take as `passphrase`).
    public static func unlocking(attempt: Int) -> String? {
        HiddenLine.read(
            prompt: attempt == 1 ? "Passphrase of the device key: " : "Wrong passphrase. Passphrase of the device key: "
        )
    }

    /// The passphrase of a sealed key, to take the seal off.
    public static func current() throws(SessionError) -> String {
        guard let passphrase = HiddenLine.read(prompt: "Passphrase of the device key: ") else {
            throw SessionError("no passphrase given; nothing changed")
        }
        return passphrase
    }

    /// A new passphrase to seal a key with: asked twice when a person types it (a typo would lock the key away),
    /// once from a script.
    public static func choosing() throws(SessionError) -> String {
        guard let passphrase = HiddenLine.read(prompt: "New passphrase: "), !passphrase.isEmpty else {
            throw SessionError("no passphrase given; nothing changed")
        }
        if HiddenLine.isTyped, HiddenLine.read(prompt: "Repeat the passphrase: ") != passphrase {
            throw SessionError("the passphrases differ; nothing changed")
        }
        return passphrase
    }
}
