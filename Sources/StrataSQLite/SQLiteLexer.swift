import Strata

/// Splits SQLite scripts into statements: quotes (`'`, `"`, `` ` ``, `[]`),
/// `--` and `/* */` comments, and the `BEGIN ... END` body of `CREATE TRIGGER`,
/// whose inner `;` do not end the statement (`CASE ... END` inside it nests).
struct SQLiteLexer {
    /// A word or punctuation mark, with its byte range.
    struct Token {
        enum Kind { case word, quoted, semicolon, other }
        let kind: Kind
        let start: Int
        let end: Int
    }

    /// One statement: its tokens and byte range (without the `;`).
    struct Piece {
        let tokens: [Token]
        let start: Int
        let end: Int
    }

    let bytes: [UInt8]

    init(_ script: String) {
        bytes = Array(script.utf8)
    }

    /// The upper-cased text of a word token.
    func word(_ token: Token) -> String {
        text(token).uppercased()
    }

    /// The token's text as written.
    func text(_ token: Token) -> String {
        String(decoding: bytes[token.start..<token.end], as: UTF8.self)
    }

    /// The statements of the script.
    ///
    /// - Throws: ``ScriptSyntaxError`` for an unterminated quote.
    func pieces() throws -> [Piece] {
        var pieces: [Piece] = []
        var current: [Token] = []
        var triggerDepth = 0 // > 0 inside a trigger body
        var isTrigger = false
        var index = 0
        func finish(at end: Int) {
            if let first = current.first { pieces.append(Piece(tokens: current, start: first.start, end: end)) }
            current = []
            triggerDepth = 0
            isTrigger = false
        }
        while true {
            index = SQLComments.skipWhitespaceAndComments(bytes, from: index, to: bytes.count, nestedBlockComments: false)
            guard index < bytes.count else { break }
            let token = try nextToken(at: index)
            index = token.end
            if token.kind == .semicolon, triggerDepth == 0 {
                finish(at: current.last?.end ?? token.start)
                continue
            }
            current.append(token)
            guard token.kind == .word else { continue }
            let text = word(token)
            if current.count <= 3, text == "TRIGGER", word(current[0]) == "CREATE" { isTrigger = true }
            guard isTrigger else { continue }
            switch text {
            case "BEGIN" where triggerDepth == 0: triggerDepth = 1
            case "CASE" where triggerDepth > 0: triggerDepth += 1
            case "END" where triggerDepth > 0: triggerDepth -= 1
            default: break
            }
        }
        finish(at: current.last?.end ?? bytes.count)
        return pieces
    }

    private func nextToken(at start: Int) throws -> Token {
        let byte = bytes[start]
        switch byte {
        case UInt8(ascii: ";"):
            return Token(kind: .semicolon, start: start, end: start + 1)
        case UInt8(ascii: "'"), UInt8(ascii: "\""), UInt8(ascii: "`"):
            return Token(kind: .quoted, start: start, end: try endOfQuote(from: start, closing: byte))
        case UInt8(ascii: "["):
            return Token(kind: .quoted, start: start, end: try endOfQuote(from: start, closing: UInt8(ascii: "]")))
        default:
            guard Self.isWordByte(byte) else { return Token(kind: .other, start: start, end: start + 1) }
            var end = start + 1
            while end < bytes.count, Self.isWordByte(bytes[end]) { end += 1 }
            return Token(kind: .word, start: start, end: end)
        }
    }

    /// The end of a quoted token; a doubled closing quote is part of it (except for `]`).
    private func endOfQuote(from start: Int, closing: UInt8) throws -> Int {
        var index = start + 1
        while index < bytes.count {
            if bytes[index] == closing {
                if closing != UInt8(ascii: "]"), index + 1 < bytes.count, bytes[index + 1] == closing {
                    index += 2
                    continue
                }
                return index + 1
            }
            index += 1
        }
        let what = closing == UInt8(ascii: "'") ? "string literal" : "quoted identifier"
        throw ScriptSyntaxError(
            message: "unterminated \(what)", byteOffset: start,
            hint: "close the quote; a quote inside it is written twice")
    }

    private static func isWordByte(_ byte: UInt8) -> Bool {
        (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
            || byte == UInt8(ascii: "_") || byte == UInt8(ascii: "$") || byte >= 0x80
    }
}
