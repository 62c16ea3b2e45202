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
}
