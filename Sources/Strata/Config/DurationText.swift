import Foundation

/// Durations as people write them: `500ms`, `90s`, `2m`, `1h`, or bare seconds.
public enum DurationText {
    public static func parse(_ text: String) -> Duration? {
        let trimmed = text.trimmingCharacters(in: .whitespaces).lowercased()
        let digits = trimmed.prefix { $0.isNumber || $0 == "." }
        guard let value = Double(digits), value >= 0 else { return nil }
        switch trimmed.dropFirst(digits.count).trimmingCharacters(in: .whitespaces) {
        case "", "s", "sec", "secs", "second", "seconds": return .milliseconds(Int64(value * 1000))
        case "ms": return .milliseconds(Int64(value))
        case "m", "min", "mins", "minute", "minutes": return .milliseconds(Int64(value * 60_000))
        case "h", "hour", "hours": return .milliseconds(Int64(value * 3_600_000))
        default: return nil
        }
    }
}
