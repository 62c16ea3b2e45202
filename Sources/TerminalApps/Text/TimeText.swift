import Foundation
import GNAP

/// Wall-clock instants as text for people: `2026-01-01 09:00:00 UTC`, or with the offset of the time zone,
/// `2026-01-01 10:00:00 UTC+01:00`. No locale involved, so the text is the same on every machine.
enum TimeText {
    /// The date and time of `instant` in `timeZone`; `seconds: false` drops the seconds, `zone: false` the zone.
    static func format(_ instant: WallInstant, in timeZone: TimeZone, seconds: Bool = true, zone: Bool = true)
        -> String
    {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        let date = instant.date
        let parts = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
        func two(_ value: Int?) -> String {
            let value = value ?? 0
            return value < 10 ? "0\(value)" : "\(value)"
        }
        var text = "\(parts.year ?? 0)-\(two(parts.month))-\(two(parts.day)) \(two(parts.hour)):\(two(parts.minute))"
        if seconds { text += ":\(two(parts.second))" }
        return zone ? text + " " + offsetName(timeZone.secondsFromGMT(for: date)) : text
    }

    /// `UTC` or `UTC+hh:mm` / `UTC-hh:mm`.
    static func offsetName(_ seconds: Int) -> String {
        guard seconds != 0 else { return "UTC" }
        let minutes = abs(seconds) / 60
        let hours = minutes / 60
        let rest = minutes % 60
        return "UTC" + (seconds < 0 ? "-" : "+") + (hours < 10 ? "0" : "") + "\(hours):" + (rest < 10 ? "0" : "")
            + "\(rest)"
    }
}
