/// Whitespace and comments between statements, as PostgreSQL and SQLite read them.
package enum SQLComments {
    package static func isWhitespace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D || byte == 0x0C || byte == 0x0B
    }

    /// The first byte at or after `start` that is neither whitespace nor inside
    /// a `--` or `/* */` comment. PostgreSQL nests block comments; SQLite ends
    /// one at the first `*/` (pass `nestedBlockComments: false`).
    package static func skipWhitespaceAndComments(
        _ bytes: [UInt8], from start: Int, to end: Int, nestedBlockComments: Bool = true
    ) -> Int {
        var index = start
        while index < end {
            if isWhitespace(bytes[index]) {
                index += 1
            } else if bytes[index] == 0x2D, index + 1 < end, bytes[index + 1] == 0x2D {
                while index < end, bytes[index] != 0x0A { index += 1 }
            } else if bytes[index] == 0x2F, index + 1 < end, bytes[index + 1] == 0x2A {
                var depth = 1
                index += 2
                while index < end, depth > 0 {
                    if nestedBlockComments, bytes[index] == 0x2F, index + 1 < end, bytes[index + 1] == 0x2A {
                        depth += 1
                        index += 2
                    } else if bytes[index] == 0x2A, index + 1 < end, bytes[index + 1] == 0x2F {
                        depth -= 1
                        index += 2
                    } else {
                        index += 1
                    }
                }
            } else {
                break
            }
        }
        return index
    }
}
