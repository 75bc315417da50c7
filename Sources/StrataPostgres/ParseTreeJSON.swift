import Foundation
import Strata

/// A JSON value of libpg_query's parse tree. An object keeps its members in
/// order, as pairs: a node has a handful of fields, so a linear search beats
/// hashing, and building no dictionary is most of what reading a tree costs.
indirect enum JSONValue: Sendable, Equatable {
    case object([Member])
    case array([JSONValue])
    case string(String)
    case number(Double)
    case bool(Bool)
    case null

    subscript(key: String) -> JSONValue? {
        if case .object(let members) = self { return members.first { $0.key == key }?.value }
        return nil
    }

    struct Member: Sendable, Equatable {
        let key: String
        let value: JSONValue
    }

    /// An object's values, in order.
    var values: [JSONValue] {
        if case .object(let members) = self { return members.map(\.value) }
        return []
    }

    var bool: Bool? { if case .bool(let value) = self { value } else { nil } }
    var string: String? { if case .string(let value) = self { value } else { nil } }
    var array: [JSONValue]? { if case .array(let value) = self { value } else { nil } }
    var int: Int? { if case .number(let value) = self { Int(exactly: value) } else { nil } }
}

/// Reads libpg_query's JSON output: the statement list in full, and each
/// statement's node only when the classifier asks for that node type (the
/// rest is skipped without building anything). Foundation's
/// `JSONSerialization` built bridged dictionaries for every node and
/// dominated the cost of splitting a script.
struct ParseTreeReader {
    struct Statement {
        var node = ""
        var fields: JSONValue?
        var location = 0
        var length = 0
        /// Whether the statement's tree, at any depth, names `set_config`
        /// (a function body's text included) or holds a temporary relation.
        var mentionsSetConfig = false
        var mentionsTemporary = false
        /// The string constants (`A_Const` strings) anywhere in its tree.
        var stringConstants: Set<String> = []
    }

    struct Malformed: Error {}

    private let bytes: UnsafeBufferPointer<UInt8>
    private var index = 0

    /// Reads `{"version": ..., "stmts": [{"stmt": {"Node": {...}}, "stmt_location": n, "stmt_len": n}, ...]}`.
    ///
    /// - Parameter bounded: node types whose fields are kept when their JSON is at most that many bytes.
    static func statements(
        in json: UnsafeBufferPointer<UInt8>, keepingFieldsOf nodes: Set<String>, bounded: [String: Int] = [:]
    ) throws -> [Statement] {
        var reader = ParseTreeReader(bytes: json)
        var statements: [Statement] = []
        try reader.object { reader, key in
            guard key == "stmts" else { return try reader.skipValue() }
            try reader.array { reader in
                var statement = Statement()
                try reader.object { reader, key in
                    switch key {
                    case "stmt":
                        let start = reader.index
                        try reader.object { reader, node in
                            statement.node = node
                            if nodes.contains(node) {
                                statement.fields = try reader.value()
                            } else if let limit = bounded[node] {
                                // Kept only when small: an INSERT ... SELECT, not a seed file's VALUES.
                                let nodeStart = reader.index
                                try reader.skipValue()
                                if reader.index - nodeStart <= limit {
                                    reader.index = nodeStart
                                    statement.fields = try reader.value()
                                }
                            } else {
                                try reader.skipValue()
                            }
                        }
                        let tree = UnsafeBufferPointer(rebasing: reader.bytes[start..<reader.index])
                        statement.mentionsSetConfig = Self.find(Self.setConfig, in: tree, from: 0) != nil
                        statement.mentionsTemporary = Self.find(Self.temporary, in: tree, from: 0) != nil
                        statement.stringConstants = Self.stringConstants(in: tree)
                    case "stmt_location": statement.location = try reader.value().int ?? 0
                    case "stmt_len": statement.length = try reader.value().int ?? 0
                    default: try reader.skipValue()
                    }
                }
                statements.append(statement)
            }
        }
        return statements
    }

    private static let setConfig = Array("set_config".utf8)
    private static let temporary = Array(#""relpersistence":"t""#.utf8)
    private static let stringConstant = Array(#""sval":{"sval":""#.utf8)

    /// The `"sval":{"sval":"..."}` values of a tree: libpg_query's spelling of a string constant.
    private static func stringConstants(in tree: UnsafeBufferPointer<UInt8>) -> Set<String> {
        var found: Set<String> = []
        var index = 0
        while let match = find(stringConstant, in: tree, from: index) {
            var reader = ParseTreeReader(bytes: tree)
            reader.index = match + stringConstant.count - 1
            guard let value = try? reader.string() else { break }
            found.insert(value)
            index = reader.index
        }
        return found
    }

    /// Where `needle` first occurs in `tree` at or after `start`: libc's
    /// vectorized `memchr` finds each candidate first byte.
    private static func find(_ needle: [UInt8], in tree: UnsafeBufferPointer<UInt8>, from start: Int) -> Int? {
        guard let base = tree.baseAddress, let first = needle.first else { return nil }
        var index = start
        while index + needle.count <= tree.count {
            guard let hit = memchr(base + index, Int32(first), tree.count - index) else { return nil }
            let position = base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
            guard position + needle.count <= tree.count else { return nil }
            if memcmp(base + position, needle, needle.count) == 0 { return position }
            index = position + 1
        }
        return nil
    }

    private init(bytes: UnsafeBufferPointer<UInt8>) {
        self.bytes = bytes
    }

    // MARK: - Structure

    private mutating func object(_ member: (inout ParseTreeReader, String) throws -> Void) throws {
        try expect(UInt8(ascii: "{"))
        if try peek() == UInt8(ascii: "}") { index += 1; return }
        while true {
            let key = try string()
            try expect(UInt8(ascii: ":"))
            try member(&self, key)
            let separator = try next()
            if separator == UInt8(ascii: "}") { return }
            guard separator == UInt8(ascii: ",") else { throw Malformed() }
        }
    }

    private mutating func array(_ element: (inout ParseTreeReader) throws -> Void) throws {
        try expect(UInt8(ascii: "["))
        if try peek() == UInt8(ascii: "]") { index += 1; return }
        while true {
            try element(&self)
            let separator = try next()
            if separator == UInt8(ascii: "]") { return }
            guard separator == UInt8(ascii: ",") else { throw Malformed() }
        }
    }

    private mutating func value() throws -> JSONValue {
        switch try peek() {
        case UInt8(ascii: "{"):
            var members: [JSONValue.Member] = []
            members.reserveCapacity(6)
            try object { reader, key in members.append(JSONValue.Member(key: key, value: try reader.value())) }
            return .object(members)
        case UInt8(ascii: "["):
            var elements: [JSONValue] = []
            try array { reader in elements.append(try reader.value()) }
            return .array(elements)
        case UInt8(ascii: "\""):
            return .string(try string())
        case UInt8(ascii: "t"):
            try literal("true")
            return .bool(true)
        case UInt8(ascii: "f"):
            try literal("false")
            return .bool(false)
        case UInt8(ascii: "n"):
            try literal("null")
            return .null
        default:
            return .number(try number())
        }
    }

    /// Passes over a value, building nothing.
    private mutating func skipValue() throws {
        switch try peek() {
        case UInt8(ascii: "\""):
            try skipString()
        case UInt8(ascii: "{"), UInt8(ascii: "["):
            var depth = 0
            repeat {
                guard index < bytes.count else { throw Malformed() }
                switch bytes[index] {
                case UInt8(ascii: "\""):
                    try skipString()
                    continue
                case UInt8(ascii: "{"), UInt8(ascii: "["):
                    depth += 1
                case UInt8(ascii: "}"), UInt8(ascii: "]"):
                    depth -= 1
                default:
                    break
                }
                index += 1
            } while depth > 0
        default:
            // A number or a literal: up to the next delimiter.
            while index < bytes.count, !Self.isDelimiter(bytes[index]) { index += 1 }
        }
    }

    // MARK: - Scalars

    private mutating func string() throws -> String {
        try expect(UInt8(ascii: "\""))
        let start = index
        var plain = true
        while index < bytes.count, bytes[index] != UInt8(ascii: "\"") {
            if bytes[index] == UInt8(ascii: "\\") { plain = false; index += 1 }
            index += 1
        }
        guard index < bytes.count else { throw Malformed() }
        let end = index
        index += 1
        let raw = UnsafeBufferPointer(rebasing: bytes[start..<end])
        return plain ? String(decoding: raw, as: UTF8.self) : try unescape(raw)
    }

    private mutating func skipString() throws {
        index += 1
        while index < bytes.count, bytes[index] != UInt8(ascii: "\"") {
            index += bytes[index] == UInt8(ascii: "\\") ? 2 : 1
        }
        guard index < bytes.count else { throw Malformed() }
        index += 1
    }

    private func unescape(_ raw: UnsafeBufferPointer<UInt8>) throws -> String {
        var scalars = String.UnicodeScalarView()
        var utf8: [UInt8] = []
        var position = 0
        func flush() {
            scalars.append(contentsOf: String(decoding: utf8, as: UTF8.self).unicodeScalars)
            utf8.removeAll(keepingCapacity: true)
        }
        func hex4(_ at: Int) throws -> UInt32 {
            guard at + 4 <= raw.count, let value = UInt32(String(decoding: raw[at..<at + 4], as: UTF8.self), radix: 16)
            else { throw Malformed() }
            return value
        }
        while position < raw.count {
            let byte = raw[position]
            guard byte == UInt8(ascii: "\\"), position + 1 < raw.count else {
                utf8.append(byte)
                position += 1
                continue
            }
            let escaped = raw[position + 1]
            position += 2
            switch escaped {
            case UInt8(ascii: "n"): utf8.append(0x0A)
            case UInt8(ascii: "t"): utf8.append(0x09)
            case UInt8(ascii: "r"): utf8.append(0x0D)
            case UInt8(ascii: "b"): utf8.append(0x08)
            case UInt8(ascii: "f"): utf8.append(0x0C)
            case UInt8(ascii: "u"):
                var code = try hex4(position)
                position += 4
                if (0xD800..<0xDC00).contains(code), position + 6 <= raw.count, raw[position] == UInt8(ascii: "\\") {
                    let low = try hex4(position + 2)
                    code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00)
                    position += 6
                }
                flush()
                scalars.append(Unicode.Scalar(code) ?? "\u{FFFD}")
            default: utf8.append(escaped)
            }
        }
        flush()
        return String(scalars)
    }

    private mutating func number() throws -> Double {
        let start = index
        while index < bytes.count, Self.isNumberByte(bytes[index]) { index += 1 }
        guard let value = Double(String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self))
        else { throw Malformed() }
        return value
    }

    private mutating func literal(_ word: String) throws {
        for byte in word.utf8 {
            guard index < bytes.count, bytes[index] == byte else { throw Malformed() }
            index += 1
        }
    }

    // MARK: - Bytes

    private static func isDelimiter(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: ","), UInt8(ascii: "}"), UInt8(ascii: "]"), 0x20, 0x0A, 0x0D, 0x09: true
        default: false
        }
    }

    private static func isNumberByte(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "+"), UInt8(ascii: "."), UInt8(ascii: "e"), UInt8(ascii: "E"): true
        default: false
        }
    }

    private mutating func expect(_ byte: UInt8) throws {
        guard try next() == byte else { throw Malformed() }
    }

    private mutating func next() throws -> UInt8 {
        let byte = try peek()
        index += 1
        return byte
    }

    /// The next byte that is not whitespace (libpg_query writes none, but JSON allows it).
    private mutating func peek() throws -> UInt8 {
        while index < bytes.count, bytes[index] == 0x20 || bytes[index] == 0x0A || bytes[index] == 0x0D || bytes[index] == 0x09 {
            index += 1
        }
        guard index < bytes.count else { throw Malformed() }
        return bytes[index]
    }
}
