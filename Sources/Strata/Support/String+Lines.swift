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
    public func containsBytes(of needle: String) -> Bool {
        let haystack = Array(utf8)
        let pattern = Array(needle.utf8)
        guard let first = pattern.first, haystack.count >= pattern.count else { return pattern.isEmpty }
        for start in 0...(haystack.count - pattern.count) where haystack[start] == first {
            if haystack[start..<start + pattern.count].elementsEqual(pattern) { return true }
        }
        return false
    }
}

extension String {
    /// The text with every ASCII `mark` written twice, as SQL quoting wants;
    /// returned as it is, without a copy, when it holds none.
    public func doubling(_ mark: UInt8) -> String {
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
