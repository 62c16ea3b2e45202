/// The tabs of the watch view.
public enum AdminTab: Int, Sendable, Hashable, CaseIterable {
    case pending, decisions, accounts, devices, events

    public var title: String {
        switch self {
        case .pending: "Pending"
        case .decisions: "Decisions"
        case .accounts: "Accounts"
        case .devices: "Devices"
        case .events: "Events"
        }
    }
}
