/// psql's backslash commands (`\echo`, `\quit`, `\set`), which scripts
/// written for psql hold (PostgreSQL's own extension scripts begin with
/// one). The server never sees them, so the linter reads past them.
enum PsqlMetaCommands {
    /// The script with every line that starts with a backslash turned into
    /// spaces (byte offsets stay), and those lines' numbers.
    static func blanked(in script: String) -> (script: String, lines: [Int]) {
        var bytes = Array(script.utf8)
        var lines: [Int] = []
        var line = 1
        var index = 0
        var lineStart = true
        while index < bytes.count {
            let byte = bytes[index]
            if byte == 0x0A {
                line += 1
                lineStart = true
                index += 1
                continue
            }
            if lineStart, byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") {
                index += 1
                continue
            }
            if lineStart, byte == UInt8(ascii: "\\") {
                lines.append(line)
                while index < bytes.count, bytes[index] != 0x0A {
                    bytes[index] = UInt8(ascii: " ")
                    index += 1
                }
                continue
            }
            lineStart = false
            index += 1
        }
        return (String(decoding: bytes, as: UTF8.self), lines)
    }
}
