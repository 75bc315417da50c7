import Strata

/// Where in a statement each `ALTER TABLE` clause is. The parser gives no
/// location for `ALTER COLUMN ... SET NOT NULL`, `DROP COLUMN`, `DROP
/// CONSTRAINT` and the like, only for the table; a finding should point at
/// its clause (in a multi-line ALTER TABLE, at its line). The clauses come in
/// order, so each one's column or constraint name is looked up after the
/// previous one's, as an identifier token: quoted exactly, or bare in any case.
enum ClausePlaces {
    /// - Parameter tableOffset: where the table's name is: the place the clauses without their own were given.
    static func refine(_ actions: [StatementAction], tableOffset: Int, in bytes: [UInt8], statementEnd: Int) -> [StatementAction] {
        var cursor = tableOffset + 1
        let tableEnd = endOfName(at: tableOffset, in: bytes)
        return actions.map { located in
            if let offset = located.byteOffset, offset != tableOffset {
                cursor = max(cursor, offset)
                return located
            }
            guard let name = clauseName(located.action), let found = find(name, in: bytes, from: cursor, to: statementEnd) else { return located }
            cursor = found + 1
            return StatementAction(located.action, byteOffset: clauseStart(before: found, in: bytes, from: tableEnd))
        }
    }

    /// The column or constraint a clause names, for the clauses the parser gives no place for.
    private static func clauseName(_ action: SchemaAction) -> String? {
        switch action {
        case .dropColumn(_, let column, _), .setNotNull(_, let column), .dropNotNull(_, let column),
             .setDefault(_, let column, _), .dropDefault(_, let column):
            column
        case .validateConstraint(_, let name), .dropConstraint(_, let name, _):
            name
        default:
            nil
        }
    }

    /// The first token of the clause whose name is at `name`: back over
    /// `ALTER COLUMN`, `DROP COLUMN`, `DROP CONSTRAINT`, ... to the word after the previous comma.
    private static func clauseStart(before name: Int, in bytes: [UInt8], from lower: Int) -> Int {
        var index = name
        while index > lower, bytes[index - 1] != UInt8(ascii: ",") { index -= 1 }
        while index < name, SQLComments.isWhitespace(bytes[index]) { index += 1 }
        return index
    }

    /// The end of a (possibly qualified, possibly quoted) name that starts at `start`.
    private static func endOfName(at start: Int, in bytes: [UInt8]) -> Int {
        var index = start
        while index < bytes.count {
            if bytes[index] == UInt8(ascii: "\"") {
                index += 1
                while index < bytes.count {
                    if bytes[index] == UInt8(ascii: "\"") {
                        if index + 1 < bytes.count, bytes[index + 1] == UInt8(ascii: "\"") { index += 2; continue }
                        break
                    }
                    index += 1
                }
                index += 1
            } else {
                while index < bytes.count, isWordByte(bytes[index]) { index += 1 }
            }
            guard index < bytes.count, bytes[index] == UInt8(ascii: ".") else { return index }
            index += 1
        }
        return index
    }

    /// The byte offset of `name` as an identifier between `from` and `to`.
    private static func find(_ name: String, in bytes: [UInt8], from: Int, to: Int) -> Int? {
        let quoted = Array("\"\(name.doubling(UInt8(ascii: "\"")))\"".utf8)
        let bare = Array(name.lowercased().utf8)
        var index = from
        while index < min(to, bytes.count) {
            if bytes[index] == UInt8(ascii: "\""), bytes[index...].starts(with: quoted) { return index }
            if isWordStart(bytes, index), index + bare.count <= bytes.count,
               zip(bytes[index..<index + bare.count], bare).allSatisfy({ lower($0) == $1 }),
               index + bare.count == bytes.count || !isWordByte(bytes[index + bare.count]) {
                return index
            }
            index += 1
        }
        return nil
    }

    private static func lower(_ byte: UInt8) -> UInt8 {
        byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z") ? byte + 32 : byte
    }

    private static func isWordByte(_ byte: UInt8) -> Bool {
        (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A) || byte == UInt8(ascii: "_")
            || byte == UInt8(ascii: "$") || byte >= 0x80
    }

    private static func isWordStart(_ bytes: [UInt8], _ index: Int) -> Bool {
        isWordByte(bytes[index]) && (index == 0 || !isWordByte(bytes[index - 1]) && bytes[index - 1] != UInt8(ascii: "\""))
    }
}
