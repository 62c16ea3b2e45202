/// The `--at` text: a moment as Unix seconds (`1618884473`) or as an RFC 3339 date-time (`2021-04-20T02:07:53Z`,
/// `2021-04-20T04:07:53.5+02:00`), read as whole Unix seconds (fractions are dropped).
public enum TimeText {
    public static func parse(_ text: String) throws(HTTPSigToolError) -> Int64 {
        let bytes = Array(text.utf8)
        if !bytes.isEmpty, bytes.allSatisfy(HTTPSyntax.isDigit), let seconds = Int64(text) { return seconds }
        guard let seconds = dateTime(bytes) else { throw .invalidTime(text) }
        return seconds
    }

    /// RFC 3339 §5.6: `full-date "T" partial-time time-offset`, where `T` and `Z` may be lowercase and `T` a space
    /// (§5.6 NOTE); `time-second` may be 60 (a leap second, counted as the next minute's first).
    private static func dateTime(_ bytes: [UInt8]) -> Int64? {
        var reader = DigitReader(bytes: bytes)
        guard let year = reader.number(4), reader.skip("-"), let month = reader.number(2), (1...12).contains(month),
            reader.skip("-"), let day = reader.number(2), (1...daysIn(month: month, year: year)).contains(day),
            reader.skip("T") || reader.skip("t") || reader.skip(" "),
            let hour = reader.number(2), hour < 24, reader.skip(":"), let minute = reader.number(2), minute < 60,
            reader.skip(":"), let second = reader.number(2), second <= 60
        else { return nil }
        if reader.skip(".") {
            guard reader.number(1) != nil else { return nil }
            while reader.number(1) != nil {}
        }
        var offset: Int64 = 0
        if !(reader.skip("Z") || reader.skip("z")) {
            let sign: Int64
            if reader.skip("+") {
                sign = 1
            } else if reader.skip("-") {
                sign = -1
            } else {
                return nil
            }
            guard let hours = reader.number(2), hours < 24, reader.skip(":"), let minutes = reader.number(2),
                minutes < 60
            else { return nil }
            offset = sign * (hours * 3_600 + minutes * 60)
        }
        guard reader.isAtEnd else { return nil }
        return daysSinceEpoch(year: year, month: month, day: day) * 86_400 + hour * 3_600 + minute * 60 + second
            - offset
    }

    private static func daysIn(month: Int64, year: Int64) -> Int64 {
        switch month {
        case 2: year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    /// Days from 1970-01-01 to the proleptic Gregorian date (H. Hinnant's `days_from_civil`).
    private static func daysSinceEpoch(year: Int64, month: Int64, day: Int64) -> Int64 {
        let shiftedYear = month <= 2 ? year - 1 : year
        let era = (shiftedYear >= 0 ? shiftedYear : shiftedYear - 399) / 400
        let yearOfEra = shiftedYear - era * 400
        let dayOfYear = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    private struct DigitReader {
        let bytes: [UInt8]
        var position = 0

        var isAtEnd: Bool { position == bytes.count }

        /// Exactly `count` decimal digits as a number, or nil (and nothing is consumed).
        mutating func number(_ count: Int) -> Int64? {
            guard bytes.count - position >= count else { return nil }
            let digits = bytes[position..<position + count]
            guard digits.allSatisfy(HTTPSyntax.isDigit) else { return nil }
            position += count
            return digits.reduce(0) { $0 * 10 + Int64($1 - UInt8(ascii: "0")) }
        }

        /// Consumes `character` if the input continues with it.
        mutating func skip(_ character: Unicode.Scalar) -> Bool {
            guard position < bytes.count, bytes[position] == UInt8(ascii: character) else { return false }
            position += 1
            return true
        }
    }
}
