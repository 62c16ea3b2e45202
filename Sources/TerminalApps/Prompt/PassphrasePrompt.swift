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

    /// The fewest characters a new passphrase may have (NIST SP 800-63B's minimum for a chosen secret).
    public static let minimumLength = 8

    /// A new passphrase to seal a key with, from the terminal (`HiddenLine`).
    public static func choosing() throws(SessionError) -> String {
        try choosing(read: HiddenLine.read(prompt:), isTyped: HiddenLine.isTyped)
    }

    /// A new passphrase: at least ``minimumLength`` characters, and typed twice by a person (a typo would lock the
    /// key away). A short one or two that differ are asked for again, with the reason in the next prompt, three
    /// times at most; a script (one line, no repeat) gets no second chance.
    public static func choosing(read: (String) -> String?, isTyped: Bool, attempts: Int = 3) throws(SessionError)
        -> String
    {
        var problem = ""
        for _ in 0..<max(1, attempts) {
            guard let passphrase = read(problem + "New passphrase: "), !passphrase.isEmpty else {
                throw SessionError("no passphrase given; nothing changed")
            }
            if passphrase.count < minimumLength {
                problem = "That passphrase is too short: use at least \(minimumLength) characters. "
                guard isTyped else { break }
                continue
            }
            guard isTyped else { return passphrase }
            if read("Repeat the passphrase: ") == passphrase { return passphrase }
            problem = "The two passphrases differ; type it again. "
        }
        throw SessionError(
            problem.hasPrefix("That")
                ? "a passphrase needs at least \(minimumLength) characters; nothing changed"
                : "the passphrases differ; nothing changed")
    }
}
