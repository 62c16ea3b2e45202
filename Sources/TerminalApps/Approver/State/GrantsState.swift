import Foundation
import TerminalSession
import TerminalUI

/// The approver's active grants, fetched from the AS, and the revocation of one.
public struct GrantsState: Equatable, Sendable {
    public var grants: [ActiveGrant]
    public var list: ListViewState
    public var isLoading: Bool
    /// Why loading failed.
    public var error: String?
    /// What the last revocation did.
    public var notice: String?
    /// The reason typed in the revoke dialog (optional; a default is sent when empty).
    public var reason: TextFieldState
    /// The grant being revoked, while the AS answers.
    public var revoking: String?

    public init() {
        grants = []
        list = ListViewState()
        isLoading = false
        error = nil
        notice = nil
        reason = TextFieldState(maxLength: 200)
        revoking = nil
    }

    public var selectedGrant: ActiveGrant? {
        list.clampedSelection(rowCount: grants.count).map { grants[$0] }
    }

    /// Sent when the person types no reason.
    public static let defaultReason = "Revoked by the approver from the terminal"

    /// The reason to send.
    public var reasonToSend: String {
        let text = reason.text.trimmingCharacters(in: .whitespaces)
        return text.isEmpty ? Self.defaultReason : text
    }
}

/// The approver's device keys and their rotation.
public struct KeysState: Equatable, Sendable {
    public var keys: [DeviceKeyInfo]
    public var list: ListViewState
    public var isLoading: Bool
    public var error: String?
    /// What the last rotation did.
    public var notice: String?
    /// True while the AS enrolls the new key.
    public var isRotating: Bool

    public init() {
        keys = []
        list = ListViewState()
        isLoading = false
        error = nil
        notice = nil
        isRotating = false
    }
}
