import Foundation
import GNAP
import TerminalSession

/// `gnapterm keys`: the device keys as text, one block per key.
public enum KeysPrinter {
    public static func text(_ keys: [DeviceKeyInfo], timeZone: TimeZone) -> String {
        guard !keys.isEmpty else { return "No device key: enroll with gnapterm approve --as URL --enroll CODE.\n" }
        var output = ""
        for key in keys {
            output += "\(key.server)\n"
            output += "    device      \(key.deviceID)\n"
            output += "    thumbprint  \(key.thumbprint)\n"
            if let enrolled = key.enrolledAt {
                output += "    enrolled    \(TimeText.format(enrolled, in: timeZone))\n"
            }
            output += "    at rest     \(key.isSealed ? "sealed with a passphrase" : "not sealed")\n"
        }
        return output
    }

    /// The keys as JSON for scripts: one object per enrolled identity.
    public static func json(_ keys: [DeviceKeyInfo]) throws -> String {
        let encoder = GNAPJSON.encoder()
        encoder.outputFormatting.insert(.prettyPrinted)
        return String(decoding: try encoder.encode(keys.map(Entry.init)), as: UTF8.self) + "\n"
    }

    struct Entry: Encodable {
        var server: String
        var deviceID: String
        var thumbprint: String
        var enrolledAt: String?
        var sealed: Bool

        init(_ key: DeviceKeyInfo) {
            server = key.server
            deviceID = key.deviceID
            thumbprint = key.thumbprint
            enrolledAt = key.enrolledAt?.iso8601
            sealed = key.isSealed
        }

        private enum CodingKeys: String, CodingKey {
            case server
            case deviceID = "device_id"
            case thumbprint
            case enrolledAt = "enrolled_at"
            case sealed
        }
    }
}
