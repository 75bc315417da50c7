import Foundation

/// Reads and writes the timestamp texts databases hand back
/// (`2024-01-15 12:00:00.123`, `2024-01-15T12:00:00Z`, `...+00`), always in UTC.
package enum Timestamp {
    /// `2024-01-15 12:00:00.123` in UTC.
    package static func format(_ date: Date) -> String {
        let totalMilliseconds = Int64((date.timeIntervalSince1970 * 1000).rounded())
        let (seconds, milliseconds) = floorDivision(totalMilliseconds, 1000)
        let (days, secondOfDay) = floorDivision(seconds, 86_400)
        let (year, month, day) = civilDate(fromDays: days)
        var text: [UInt8] = []
        text.reserveCapacity(23)
        appendDecimal(year, width: 4, then: "-", to: &text)
        appendDecimal(month, width: 2, then: "-", to: &text)
        appendDecimal(day, width: 2, then: " ", to: &text)
        appendDecimal(secondOfDay / 3600, width: 2, then: ":", to: &text)
        appendDecimal(secondOfDay / 60 % 60, width: 2, then: ":", to: &text)
        appendDecimal(secondOfDay % 60, width: 2, then: ".", to: &text)
        appendDecimal(milliseconds, width: 3, to: &text)
        return String(decoding: text, as: UTF8.self)
    }

    /// `2024-01-15 12:00:00.123456+00`: UTC to the microsecond, with its zone,
    /// as a database reads a timestamp parameter.
    package static func formatWithZone(_ date: Date) -> String {
        formatMicroseconds(date) + "+00"
    }

    /// `2024-01-15 12:00:00.123456`: UTC to the microsecond; SQLite's date
    /// functions read it, and such texts sort as the instants do.
    package static func formatMicroseconds(_ date: Date) -> String {
        let totalMicroseconds = Int64((date.timeIntervalSince1970 * 1_000_000).rounded())
        let (seconds, microseconds) = floorDivision(totalMicroseconds, 1_000_000)
        let (days, secondOfDay) = floorDivision(seconds, 86_400)
        let (year, month, day) = civilDate(fromDays: days)
        var text: [UInt8] = []
        text.reserveCapacity(29)
        appendDecimal(year, width: 4, then: "-", to: &text)
        appendDecimal(month, width: 2, then: "-", to: &text)
        appendDecimal(day, width: 2, then: " ", to: &text)
        appendDecimal(secondOfDay / 3600, width: 2, then: ":", to: &text)
        appendDecimal(secondOfDay / 60 % 60, width: 2, then: ":", to: &text)
        appendDecimal(secondOfDay % 60, width: 2, then: ".", to: &text)
        appendDecimal(microseconds, width: 6, to: &text)
        return String(decoding: text, as: UTF8.self)
    }

    /// `value` in decimal, zero-padded to `width` digits, then `separator`.
    private static func appendDecimal(_ value: Int64, width: Int, then separator: Unicode.Scalar? = nil, to text: inout [UInt8]) {
        if value < 0 { text.append(UInt8(ascii: "-")) }
        var digits = 1
        var power: UInt64 = 1
        while digits < 19, value.magnitude / power >= 10 {
            digits += 1
            power *= 10
        }
        for _ in digits..<max(width, digits) { text.append(UInt8(ascii: "0")) }
        var rest = value.magnitude
        while power > 0 {
            text.append(UInt8(ascii: "0") + UInt8(rest / power))
            rest %= power
            power /= 10
        }
        if let separator { text.append(UInt8(ascii: separator)) }
    }

    /// Parses `YYYY-MM-DD[ T]HH:MM:SS[.fff][Z|±HH[:MM[:SS]]]` (PostgreSQL's
    /// ISO output among them); text without a zone is UTC. `nil` for
    /// anything else (`infinity`, years BC).
    package static func parse(_ text: String) -> Date? {
        let bytes = Array(text.utf8)
        var index = 0
        func number(_ width: Int) -> Int? {
            guard index + width <= bytes.count else { return nil }
            var value = 0
            for byte in bytes[index..<index + width] {
                guard byte >= 48, byte <= 57 else { return nil }
                value = value * 10 + Int(byte - 48)
            }
            index += width
            return value
        }
        func expect(_ allowed: Set<UInt8>) -> Bool {
            guard index < bytes.count, allowed.contains(bytes[index]) else { return false }
            index += 1
            return true
        }
        guard let year = number(4), expect([45]), let month = number(2), expect([45]), let day = number(2),
              expect([32, 84]), let hour = number(2), expect([58]), let minute = number(2), expect([58]),
              let second = number(2)
        else { return nil }
        var fraction = 0.0
        if index < bytes.count, bytes[index] == 46 {
            index += 1
            var scale = 0.1
            while index < bytes.count, bytes[index] >= 48, bytes[index] <= 57 {
                fraction += Double(bytes[index] - 48) * scale
                scale /= 10
                index += 1
            }
        }
        var offsetSeconds = 0
        if index < bytes.count {
            if bytes[index] == 90 { // Z
                index += 1
            } else if bytes[index] == 43 || bytes[index] == 45 { // + or -
                let sign = bytes[index] == 45 ? -1 : 1
                index += 1
                guard let hours = number(2) else { return nil }
                var minutes = 0
                var seconds = 0
                if index < bytes.count, bytes[index] == 58 { index += 1 }
                if index < bytes.count { minutes = number(2) ?? 0 }
                if index < bytes.count, bytes[index] == 58 {
                    index += 1
                    seconds = number(2) ?? 0
                }
                offsetSeconds = sign * (hours * 3600 + minutes * 60 + seconds)
            }
        }
        guard index == bytes.count, (1...12).contains(month), (1...31).contains(day), hour < 24, minute < 60, second < 61
        else { return nil }
        let days = daysFromCivil(year: Int64(year), month: Int64(month), day: Int64(day))
        let whole = days * 86_400 + Int64(hour * 3600 + minute * 60 + second) - Int64(offsetSeconds)
        return Date(timeIntervalSince1970: Double(whole) + fraction)
    }

    /// Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's
    /// `days_from_civil`, no calendar object needed).
    static func daysFromCivil(year: Int64, month: Int64, day: Int64) -> Int64 {
        let shiftedYear = month <= 2 ? year - 1 : year
        let era = floorDivision(shiftedYear, 400).quotient
        let yearOfEra = shiftedYear - era * 400
        let dayOfYear = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    /// The date of a day count since 1970-01-01 (`civil_from_days`).
    static func civilDate(fromDays days: Int64) -> (year: Int64, month: Int64, day: Int64) {
        let shifted = days + 719_468
        let era = floorDivision(shifted, 146_097).quotient
        let dayOfEra = shifted - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthIndex = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * monthIndex + 2) / 5 + 1
        let month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }

    private static func floorDivision(_ value: Int64, _ divisor: Int64) -> (quotient: Int64, remainder: Int64) {
        let quotient = value >= 0 ? value / divisor : -((-value + divisor - 1) / divisor)
        return (quotient, value - quotient * divisor)
    }

}
