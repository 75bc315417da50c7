/// `@default(...)` for a column's database default, the inverse of the
/// conversion's defaults: `autoincrement()`, `now()` for
/// `CURRENT_TIMESTAMP`, literals (`'a'::text` → `"a"`, `'-1'::integer` →
/// `-1`, `'USER'::"Role"` → `USER`), lists, and `dbgenerated("...")` for
/// every other expression, which the conversion writes back as it is.
struct PrismaDefaultWriter {
    /// What the field holds: a scalar, or an enum's values (database value → Prisma name).
    enum FieldKind {
        case scalar(String)
        case enumeration([String: String])
    }

    var kind: FieldKind
    var isList: Bool

    /// The attribute, e.g. `@default(now())`.
    func attribute(for value: ColumnDefault) -> String {
        "@default(\(argument(for: value)))"
    }

    private func argument(for value: ColumnDefault) -> String {
        guard case .expression(let sql) = value else { return "autoincrement()" }
        if isList {
            return list(sql) ?? Self.dbgenerated(sql)
        }
        if sql == "CURRENT_TIMESTAMP", case .scalar("DateTime") = kind { return "now()" }
        return literal(sql) ?? Self.dbgenerated(sql)
    }

    /// `ARRAY['a'::text, 'b'::text]` or `ARRAY[]::text[]` → `["a", "b"]`, `[]`.
    private func list(_ sql: String) -> String? {
        guard sql.hasPrefix("ARRAY[") else { return nil }
        var elements: [String] = []
        var rest = Substring(sql.dropFirst("ARRAY[".count))
        while !rest.hasPrefix("]") {
            guard let (element, after) = Self.element(rest), let value = literal(String(element)) else { return nil }
            elements.append(value)
            rest = after.hasPrefix(", ") ? after.dropFirst(2) : after
        }
        let tail = rest.dropFirst()
        // An empty list carries its type (`ARRAY[]::text[]`); a full one ends with `]`.
        guard tail.isEmpty || (elements.isEmpty && tail.hasPrefix("::") && tail.hasSuffix("[]")) else { return nil }
        return "[" + elements.joined(separator: ", ") + "]"
    }

    /// One element of an array literal: up to the `,` or `]` outside quotes.
    private static func element(_ text: Substring) -> (Substring, Substring)? {
        var inQuotes = false
        for index in text.indices {
            let character = text[index]
            if character == "'" { inQuotes.toggle() }
            if !inQuotes, character == "," || character == "]" {
                return index == text.startIndex ? nil : (text[..<index], text[index...])
            }
        }
        return nil
    }

    /// A literal as Prisma writes it, or `nil` when the expression is not one the field's type reads.
    private func literal(_ sql: String) -> String? {
        let (text, quoted) = Self.unquoted(sql) ?? (sql, false)
        switch kind {
        case .enumeration(let names):
            return quoted ? names[text] : nil
        case .scalar("String"), .scalar("Json"):
            return quoted ? Self.prismaString(text) : nil
        case .scalar("Boolean"):
            return text == "true" || text == "false" ? text : nil
        case .scalar("Int"), .scalar("BigInt"):
            return Int64(text) != nil ? text : nil
        case .scalar("Float"), .scalar("Decimal"):
            return Self.isDecimal(text) ? text : nil
        default:
            return nil
        }
    }

    /// `'it''s'::text` → `it's`, `'x'` → `x`: a string literal with an optional cast to a plain type name.
    private static func unquoted(_ sql: String) -> (String, Bool)? {
        guard sql.hasPrefix("'") else { return nil }
        var text = ""
        var index = sql.index(after: sql.startIndex)
        while index < sql.endIndex {
            let character = sql[index]
            index = sql.index(after: index)
            guard character == "'" else {
                text.append(character)
                continue
            }
            guard index < sql.endIndex, sql[index] == "'" else {
                let cast = sql[index...]
                let isPlainCast = cast.isEmpty || (cast.hasPrefix("::") && cast.dropFirst(2).allSatisfy { $0.isLetter || $0.isNumber || " _\".".contains($0) })
                return isPlainCast ? (text, true) : nil
            }
            text.append("'")
            index = sql.index(after: index)
        }
        return nil
    }

    private static func isDecimal(_ text: String) -> Bool {
        let digits = text.hasPrefix("-") ? text.dropFirst() : Substring(text)
        let parts = digits.split(separator: ".", omittingEmptySubsequences: false)
        return (1...2).contains(parts.count) && parts.allSatisfy { !$0.isEmpty && $0.allSatisfy(\.isASCIIDigit) }
    }

    /// `dbgenerated("...")`: the expression, which the conversion gives the database unchanged.
    static func dbgenerated(_ sql: String) -> String {
        "dbgenerated(\(prismaString(sql)))"
    }

    /// A string in the schema language: `"` and `\` escaped, line breaks as `\n`.
    static func prismaString(_ text: String) -> String {
        var result = "\""
        for character in text {
            switch character {
            case "\"": result += "\\\""
            case "\\": result += "\\\\"
            case "\n": result += "\\n"
            case "\r": result += "\\r"
            case "\t": result += "\\t"
            default: result.append(character)
            }
        }
        return result + "\""
    }
}

extension Character {
    fileprivate var isASCIIDigit: Bool { ("0"..."9").contains(self) }
}
