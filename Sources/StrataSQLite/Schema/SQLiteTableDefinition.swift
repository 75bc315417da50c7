import Foundation
import Strata

/// What only the text of `CREATE TABLE` keeps: constraint names, checks,
/// `AUTOINCREMENT`, collations and generated columns. Read from the
/// lexer's tokens, so quotes, strings and comments are never mistaken for
/// syntax.
struct SQLiteTableDefinition {
    var primaryKeyName: String?
    var isAutoincrement = false
    /// Table-level `UNIQUE (...)` constraints and inline `UNIQUE` columns, by their columns.
    var uniques: [(name: String?, columns: [String])] = []
    var checks: [(name: String?, expression: String)] = []
    /// Foreign key names by their columns.
    var foreignKeyNames: [[String]: String] = [:]
    var deferrableKeys: Set<[String]> = []
    var collations: [String: String] = [:]
    var generated: [String: String] = [:]

    init(sql: String) {
        let lexer = SQLiteLexer(sql)
        guard let tokens = try? lexer.pieces().first?.tokens, let open = tokens.firstIndex(where: { lexer.text($0) == "(" }) else { return }
        // The definitions between the outer parentheses, split at top-level commas.
        var definitions: [[SQLiteLexer.Token]] = [[]]
        var depth = 0
        for token in tokens[(open + 1)...] {
            let text = lexer.text(token)
            if text == "(" { depth += 1 }
            if text == ")" {
                if depth == 0 { break }
                depth -= 1
            }
            if text == ",", depth == 0 {
                definitions.append([])
            } else {
                definitions[definitions.count - 1].append(token)
            }
        }
        for definition in definitions where !definition.isEmpty {
            read(definition, lexer)
        }
    }

    private mutating func read(_ tokens: [SQLiteLexer.Token], _ lexer: SQLiteLexer) {
        var index = 0
        var name: String?
        if lexer.word(tokens[0]) == "CONSTRAINT", tokens.count > 1 {
            name = Self.unquoted(lexer.text(tokens[1]))
            index = 2
        }
        guard index < tokens.count else { return }
        switch lexer.word(tokens[index]) {
        case "PRIMARY":
            primaryKeyName = name
            isAutoincrement = isAutoincrement || tokens.contains { lexer.word($0) == "AUTOINCREMENT" }
        case "UNIQUE":
            uniques.append((name, Self.columnList(after: index, tokens, lexer)))
        case "CHECK":
            if let expression = Self.parenthesised(after: index, tokens, lexer) { checks.append((name, expression)) }
        case "FOREIGN":
            let columns = Self.columnList(after: index, tokens, lexer)
            if let name { foreignKeyNames[columns] = name }
            if tokens.contains(where: { lexer.word($0) == "DEFERRABLE" }) { deferrableKeys.insert(columns) }
        default:
            readColumn(tokens, lexer)
        }
    }

    /// A column definition: its inline constraints.
    private mutating func readColumn(_ tokens: [SQLiteLexer.Token], _ lexer: SQLiteLexer) {
        let column = Self.unquoted(lexer.text(tokens[0]))
        var constraintName: String?
        var index = 1
        while index < tokens.count {
            switch lexer.word(tokens[index]) {
            case "CONSTRAINT" where index + 1 < tokens.count:
                constraintName = Self.unquoted(lexer.text(tokens[index + 1]))
                index += 1
            case "PRIMARY":
                primaryKeyName = constraintName
            case "AUTOINCREMENT":
                isAutoincrement = true
            case "UNIQUE":
                uniques.append((constraintName, [column]))
            case "CHECK":
                if let expression = Self.parenthesised(after: index, tokens, lexer) { checks.append((constraintName, expression)) }
            case "COLLATE" where index + 1 < tokens.count:
                collations[column] = Self.unquoted(lexer.text(tokens[index + 1]))
            case "AS":
                if let expression = Self.parenthesised(after: index, tokens, lexer) { generated[column] = expression }
            case "REFERENCES":
                if let constraintName { foreignKeyNames[[column]] = constraintName }
                if tokens[index...].contains(where: { lexer.word($0) == "DEFERRABLE" }) { deferrableKeys.insert([column]) }
            default:
                break
            }
            if lexer.text(tokens[index]) == "(" {
                index = Self.closing(from: index, tokens, lexer)
            }
            index += 1
        }
    }

    /// The index of the `)` closing the `(` at `open`.
    private static func closing(from open: Int, _ tokens: [SQLiteLexer.Token], _ lexer: SQLiteLexer) -> Int {
        var depth = 0
        for index in open..<tokens.count {
            let text = lexer.text(tokens[index])
            if text == "(" { depth += 1 }
            if text == ")" {
                depth -= 1
                if depth == 0 { return index }
            }
        }
        return tokens.count - 1
    }

    /// The text inside the first parentheses after `index`, as written.
    static func parenthesised(after index: Int, _ tokens: [SQLiteLexer.Token], _ lexer: SQLiteLexer) -> String? {
        guard let open = tokens[index...].firstIndex(where: { lexer.text($0) == "(" }) else { return nil }
        let close = closing(from: open, tokens, lexer)
        guard close > open + 1 else { return "" }
        return String(decoding: lexer.bytes[tokens[open + 1].start..<tokens[close - 1].end], as: UTF8.self)
    }

    /// The column names inside the first parentheses after `index`.
    private static func columnList(after index: Int, _ tokens: [SQLiteLexer.Token], _ lexer: SQLiteLexer) -> [String] {
        guard let open = tokens[index...].firstIndex(where: { lexer.text($0) == "(" }) else { return [] }
        let close = closing(from: open, tokens, lexer)
        var columns: [String] = []
        var expectName = true
        for token in tokens[(open + 1)..<close] {
            if lexer.text(token) == "," {
                expectName = true
            } else if expectName {
                columns.append(unquoted(lexer.text(token)))
                expectName = false
            }
        }
        return columns
    }

    /// An identifier without its quotes.
    static func unquoted(_ text: String) -> String {
        guard let first = text.first, "\"`[".contains(first), text.count >= 2 else { return text }
        let inner = String(text.dropFirst().dropLast())
        return first == "[" ? inner : inner.replacingOccurrences(of: String(first) + String(first), with: String(first))
    }
}
