import Foundation

/// Reads and writes the timestamp texts databases hand back
/// (`2024-01-15 12:00:00.123`, `2024-01-15T12:00:00Z`, `...+00`), always in UTC.
enum Timestamp {
    /// `2024-01-15 12:00:00.123` in UTC.
    static func format(_ date: Date) -> String {
        let totalMilliseconds = (date.timeIntervalSince1970 * 1000).rounded()
        let wholeSeconds = (totalMilliseconds / 1000).rounded(.down)
        let milliseconds = Int(totalMilliseconds - wholeSeconds * 1000)
        let components = calendar.dateComponents(
            [.year, .month, .day, .hour, .minute, .second], from: Date(timeIntervalSince1970: wholeSeconds))
        return String(
            format: "%04d-%02d-%02d %02d:%02d:%02d.%03d",
            components.year ?? 0, components.month ?? 0, components.day ?? 0,
            components.hour ?? 0, components.minute ?? 0, components.second ?? 0, milliseconds)
    }

    /// Parses `YYYY-MM-DD[ T]HH:MM:SS[.fff][Z|±HH[:MM]]`; text without a zone is UTC.
    static func parse(_ text: String) -> Date? {
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
                if index < bytes.count, bytes[index] == 58 { index += 1 }
                if index < bytes.count { minutes = number(2) ?? 0 }
                offsetSeconds = sign * (hours * 3600 + minutes * 60)
            }
        }
        guard index == bytes.count else { return nil }
        var components = DateComponents()
        (components.year, components.month, components.day) = (year, month, day)
        (components.hour, components.minute, components.second) = (hour, minute, second)
        guard let whole = calendar.date(from: components) else { return nil }
        return whole.addingTimeInterval(fraction - Double(offsetSeconds))
    }

    private static let calendar: Calendar = {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        return calendar
    }()
}
