/// Splits a `schema.prisma` into tokens, keeping `///` comments (they
/// document what follows) and dropping `//` ones.
struct PrismaLexer {
    enum Kind: Equatable {
        case identifier(String)
        case string(String)
        case number(String)
        /// One of `{ } ( ) [ ] , : = ? . @` or `@@`.
        case symbol(String)
        /// The text of a `///` comment line, without the slashes.
        case documentation(String)
        case end
    }

    struct Token {
        var kind: Kind
        /// Byte offset of its first character.
        var offset: Int
        /// Whether a line break separates it from the token before.
        var startsLine: Bool
    }

    /// A token that cannot be read, at its byte offset.
    struct Failure: Error {
        var offset: Int
        var problem: String
    }

    static func tokens(_ text: String) throws(Failure) -> [Token] {
        let bytes = Array(text.utf8)
        var tokens: [Token] = []
        var index = 0
        var startsLine = true
        func isIdentifierByte(_ byte: UInt8) -> Bool {
            (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A) || byte == 0x5F
                || byte >= 0x80
        }
        while index < bytes.count {
            let byte = bytes[index]
            switch byte {
            case 0x0A:
                startsLine = true
                index += 1
                continue
            case 0x20, 0x09, 0x0D:
                index += 1
                continue
            case UInt8(ascii: "/") where index + 1 < bytes.count && bytes[index + 1] == UInt8(ascii: "/"):
                let start = index
                while index < bytes.count, bytes[index] != 0x0A { index += 1 }
                // A `///` line documents what follows; one after code on its line is a plain comment.
                if startsLine, index - start >= 3, bytes[start + 2] == UInt8(ascii: "/") {
                    var body = bytes[(start + 3)..<index]
                    if body.first == 0x20 { body = body.dropFirst() }
                    if body.last == 0x0D { body = body.dropLast() }
                    tokens.append(Token(kind: .documentation(String(decoding: body, as: UTF8.self)), offset: start, startsLine: startsLine))
                }
                continue
            case UInt8(ascii: "\""):
                let start = index
                let text = try string(bytes, from: &index)
                tokens.append(Token(kind: .string(text), offset: start, startsLine: startsLine))
            case UInt8(ascii: "@"):
                let double = index + 1 < bytes.count && bytes[index + 1] == UInt8(ascii: "@")
                tokens.append(Token(kind: .symbol(double ? "@@" : "@"), offset: index, startsLine: startsLine))
                index += double ? 2 : 1
            case UInt8(ascii: "{"), UInt8(ascii: "}"), UInt8(ascii: "("), UInt8(ascii: ")"), UInt8(ascii: "["), UInt8(ascii: "]"),
                 UInt8(ascii: ","), UInt8(ascii: ":"), UInt8(ascii: "="), UInt8(ascii: "?"), UInt8(ascii: "."):
                tokens.append(Token(kind: .symbol(String(UnicodeScalar(byte))), offset: index, startsLine: startsLine))
                index += 1
            case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
                let start = index
                index += 1
                while index < bytes.count, (bytes[index] >= 0x30 && bytes[index] <= 0x39) || bytes[index] == UInt8(ascii: ".") {
                    index += 1
                }
                let text = String(decoding: bytes[start..<index], as: UTF8.self)
                guard text != "-", Double(text) != nil else { throw Failure(offset: start, problem: "`\(text)` is not a number") }
                tokens.append(Token(kind: .number(text), offset: start, startsLine: startsLine))
            default:
                guard isIdentifierByte(byte) else {
                    throw Failure(offset: index, problem: "unexpected character `\(String(decoding: [byte], as: UTF8.self))`")
                }
                let start = index
                while index < bytes.count, isIdentifierByte(bytes[index]) { index += 1 }
                tokens.append(Token(
                    kind: .identifier(String(decoding: bytes[start..<index], as: UTF8.self)), offset: start, startsLine: startsLine))
            }
            startsLine = false
        }
        tokens.append(Token(kind: .end, offset: bytes.count, startsLine: true))
        return tokens
    }

    /// A string literal starting at `index` (its opening quote), with
    /// JSON's escapes; `index` ends past the closing quote.
    private static func string(_ bytes: [UInt8], from index: inout Int) throws(Failure) -> String {
        let start = index
        index += 1
        var scalars = String.UnicodeScalarView()
        var run = index
        func flush(_ end: Int) { scalars.append(contentsOf: String(decoding: bytes[run..<end], as: UTF8.self).unicodeScalars) }
        while index < bytes.count {
            switch bytes[index] {
            case UInt8(ascii: "\""):
                flush(index)
                index += 1
                return String(scalars)
            case 0x0A:
                throw Failure(offset: start, problem: "this string is not closed on its line")
            case UInt8(ascii: "\\"):
                flush(index)
                guard index + 1 < bytes.count else { throw Failure(offset: index, problem: "a `\\` ends the file") }
                let escaped = bytes[index + 1]
                index += 2
                switch escaped {
                case UInt8(ascii: "n"): scalars.append("\n")
                case UInt8(ascii: "t"): scalars.append("\t")
                case UInt8(ascii: "r"): scalars.append("\r")
                case UInt8(ascii: "u"):
                    guard index + 4 <= bytes.count, let code = UInt32(String(decoding: bytes[index..<(index + 4)], as: UTF8.self), radix: 16),
                          let scalar = UnicodeScalar(code)
                    else { throw Failure(offset: index - 2, problem: "`\\u` takes four hexadecimal digits") }
                    scalars.append(scalar)
                    index += 4
                default: scalars.append(UnicodeScalar(escaped))
                }
                run = index
            default:
                index += 1
            }
        }
        throw Failure(offset: start, problem: "this string is not closed")
    }
}
