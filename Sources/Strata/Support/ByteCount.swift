/// Sizes for people: `812 B`, `12 KB`, `3.4 MB` (1 KB = 1024 bytes).
///
/// ```swift
/// ByteCount.text(12_288)   // "12 KB"
/// ```
public enum ByteCount {
    public static func text(_ bytes: Int64) -> String {
        let units = ["B", "KB", "MB", "GB", "TB"]
        var value = Double(bytes)
        var unit = 0
        while value >= 1024, unit < units.count - 1 {
            value /= 1024
            unit += 1
        }
        if unit == 0 { return "\(bytes) B" }
        let rounded = value < 10 ? (value * 10).rounded() / 10 : value.rounded()
        let digits = rounded == rounded.rounded() ? String(Int(rounded)) : String(rounded)
        return "\(digits) \(units[unit])"
    }
}
