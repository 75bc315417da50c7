/// A place in a file: 1-based line and column (columns count characters).
public struct SourceLocation: Sendable, Equatable, Hashable, CustomStringConvertible {
    public var line: Int
    public var column: Int

    public init(line: Int, column: Int) {
        self.line = line
        self.column = column
    }

    public var description: String { "\(line):\(column)" }
}

/// Maps UTF-8 byte offsets in a text to lines and columns, and character
/// positions (as databases count them) back to byte offsets.
public struct SourceText: Sendable {
    public let text: String
    private let bytes: [UInt8]
    private let lineStarts: [Int]

    public init(_ text: String) {
        self.text = text
        self.bytes = Array(text.utf8)
        var starts = [0]
        for (offset, byte) in bytes.enumerated() where byte == 0x0A {
            starts.append(offset + 1)
        }
        self.lineStarts = starts
    }

    /// The line and column of a byte offset.
    public func location(ofByte offset: Int) -> SourceLocation {
        let clamped = max(0, min(offset, bytes.count))
        var low = 0
        var high = lineStarts.count - 1
        while low < high {
            let middle = (low + high + 1) / 2
            if lineStarts[middle] <= clamped { low = middle } else { high = middle - 1 }
        }
        let lineStart = lineStarts[low]
        let prefix = String(decoding: bytes[lineStart..<clamped], as: UTF8.self)
        return SourceLocation(line: low + 1, column: prefix.unicodeScalars.count + 1)
    }

    /// The byte offset reached by moving `characters` Unicode scalars forward
    /// from `startByte` (databases count error positions in characters).
    public func byteOffset(from startByte: Int, advancingCharacters characters: Int) -> Int {
        var offset = startByte
        var remaining = characters
        while remaining > 0, offset < bytes.count {
            let byte = bytes[offset]
            offset += byte < 0x80 ? 1 : byte < 0xE0 ? 2 : byte < 0xF0 ? 3 : 4
            remaining -= 1
        }
        return min(offset, bytes.count)
    }

    /// Whether the bytes in `range` hold `needle`.
    public func contains(_ needle: [UInt8], inBytes range: Range<Int>) -> Bool {
        let lower = max(0, min(range.lowerBound, bytes.count))
        let upper = max(lower, min(range.upperBound, bytes.count))
        guard let first = needle.first, upper - lower >= needle.count else { return false }
        var index = lower
        while index + needle.count <= upper {
            if bytes[index] == first, bytes[index..<index + needle.count].elementsEqual(needle) { return true }
            index += 1
        }
        return false
    }

    /// The text between two byte offsets.
    public func text(bytes range: Range<Int>) -> String {
        let lower = max(0, min(range.lowerBound, bytes.count))
        let upper = max(lower, min(range.upperBound, bytes.count))
        return String(decoding: bytes[lower..<upper], as: UTF8.self)
    }

    /// The text of one line, without its line break.
    public func line(_ number: Int) -> String {
        guard number >= 1, number <= lineStarts.count else { return "" }
        let start = lineStarts[number - 1]
        var end = number < lineStarts.count ? lineStarts[number] - 1 : bytes.count
        if end > start, bytes[end - 1] == 0x0D { end -= 1 }
        return String(decoding: bytes[start..<max(start, end)], as: UTF8.self)
    }
}
