extension StringProtocol {
    /// The text's lines, split at LF and at CRLF (which Swift reads as one
    /// `Character`, so splitting at `"\n"` alone would miss it); empty lines
    /// kept. Works on the UTF-8 bytes: no grapheme breaking.
    var lines: [SubSequence] {
        var result: [SubSequence] = []
        let bytes = utf8
        var start = bytes.startIndex
        var carriageReturn: String.Index?
        var index = start
        while index != bytes.endIndex {
            let byte = bytes[index]
            if byte == 0x0A {
                result.append(self[start..<(carriageReturn ?? index)])
                start = bytes.index(after: index)
            }
            carriageReturn = byte == 0x0D ? index : nil
            index = bytes.index(after: index)
        }
        result.append(self[start..<bytes.endIndex])
        return result
    }
}

extension String {
    /// Whether the text holds `needle`, compared byte by byte: no Foundation
    /// bridging, no generic searcher; for the hot paths of loading files.
    package func containsBytes(of needle: String) -> Bool {
        Array(utf8)[...].containsBytes(of: Array(needle.utf8))
    }
}

extension Collection where Element == UInt8, Index == Int {
    /// Whether the bytes hold `pattern` somewhere (array slices, buffers).
    @inlinable
    package func containsBytes(of pattern: [UInt8]) -> Bool {
        guard let first = pattern.first else { return true }
        guard count >= pattern.count else { return false }
        for start in startIndex...(endIndex - pattern.count) where self[start] == first {
            if self[start..<start + pattern.count].elementsEqual(pattern) { return true }
        }
        return false
    }
}

extension String {
    /// The text with every ASCII `mark` written twice, as SQL quoting wants;
    /// returned as it is, without a copy, when it holds none.
    package func doubling(_ mark: UInt8) -> String {
        guard utf8.contains(mark) else { return self }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(utf8.count + 4)
        for byte in utf8 {
            bytes.append(byte)
            if byte == mark { bytes.append(byte) }
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
