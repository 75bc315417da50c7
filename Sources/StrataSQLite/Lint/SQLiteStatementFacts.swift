import Foundation
import Strata

/// Reads what a SQLite statement does from its tokens: the tables, columns
/// and indexes it creates, drops, renames and copies, and its data changes.
/// SQLite locks the whole database for any write, so no relation locks are given.
struct SQLiteStatementFacts {
    private let lexer: SQLiteLexer
    private let tokens: [SQLiteLexer.Token]
    private var position = 0

    static func facts(of piece: SQLiteLexer.Piece, lexer: SQLiteLexer) -> StatementFacts {
        var reader = SQLiteStatementFacts(lexer: lexer, tokens: piece.tokens)
        let offset = piece.tokens.first?.start
        guard let action = reader.action() else { return StatementFacts() }
        return StatementFacts(actions: [StatementAction(action, byteOffset: reader.actionOffset ?? offset)])
    }

    private init(lexer: SQLiteLexer, tokens: [SQLiteLexer.Token]) {
        self.lexer = lexer
        self.tokens = tokens
    }

    private var actionOffset: Int?

    // MARK: - Statements

    private mutating func action() -> SchemaAction? {
        switch nextWord() {
        case "CREATE":
            skip("TEMP", "TEMPORARY")
            if accept("UNIQUE") { return accept("INDEX") ? createIndex(unique: true) : nil }
            switch nextWord() {
            case "TABLE": return createTable()
            case "INDEX": return createIndex(unique: false)
            case "VIEW": skipIfNotExists(); return name().map { .create(.view, $0) }
            case "TRIGGER": skipIfNotExists(); return name().map { .create(.trigger, $0) }
            default: return nil
            }
        case "DROP":
            let kind: ObjectKind? = switch nextWord() {
            case "TABLE": .table
            case "INDEX": .index
            case "VIEW": .view
            case "TRIGGER": .trigger
            default: nil
            }
            guard let kind else { return nil }
            if accept("IF") { _ = accept("EXISTS") }
            return name().map { .drop(ObjectDrop(kind: kind, names: [$0])) }
        case "ALTER":
            guard accept("TABLE"), let table = name() else { return nil }
            return alterTable(table)
        case "UPDATE":
            if accept("OR") { position += 1 }
            guard let table = name() else { return nil }
            return .update(table, filtered: hasTopLevelWord("WHERE"))
        case "DELETE":
            guard accept("FROM"), let table = name() else { return nil }
            return .delete(table, filtered: hasTopLevelWord("WHERE"))
        case "INSERT", "REPLACE":
            return copyRows()
        default:
            return nil
        }
    }

    private mutating func createTable() -> SchemaAction? {
        skipIfNotExists()
        guard let table = name() else { return nil }
        actionOffset = tokens[max(0, position - 1)].start
        guard acceptSymbol("(") else { return .createTable(TableCreation(table: table, fromQuery: true)) }
        var creation = TableCreation(table: table)
        for element in elements() {
            let words = element.map { $0.kind == .word ? lexer.word($0) : lexer.text($0) }
            guard let first = words.first else { continue }
            if ["CONSTRAINT", "PRIMARY", "UNIQUE", "CHECK", "FOREIGN"].contains(first) {
                if first == "PRIMARY" || (first == "CONSTRAINT" && words.contains("PRIMARY")) {
                    for column in Self.parenthesized(element, lexer: lexer) {
                        if let index = creation.columns.firstIndex(where: { $0.name == column }) { creation.columns[index].primaryKey = true }
                    }
                }
                continue
            }
            creation.columns.append(column(element))
        }
        return .createTable(creation)
    }

    private mutating func createIndex(unique: Bool) -> SchemaAction? {
        skipIfNotExists()
        guard let index = name(), accept("ON"), let table = name() else { return nil }
        let columns = Self.parenthesized(Array(tokens[position...]), lexer: lexer)
        return .createIndex(IndexBuild(name: index.name, table: table, columns: columns, unique: unique))
    }

    private mutating func alterTable(_ table: TableReference) -> SchemaAction? {
        switch nextWord() {
        case "RENAME":
            if accept("TO") { return name().map { .rename(Rename(kind: .table, from: table, to: $0.name)) } }
            _ = accept("COLUMN")
            guard let old = identifier(), accept("TO"), let new = identifier() else { return nil }
            return .rename(Rename(kind: .column, owner: table, from: TableReference(name: old), to: new))
        case "ADD":
            _ = accept("COLUMN")
            actionOffset = position < tokens.count ? tokens[position].start : nil
            return .addColumn(table: table, column(Array(tokens[position...])))
        case "DROP":
            _ = accept("COLUMN")
            actionOffset = position < tokens.count ? tokens[position].start : nil
            return identifier().map { .dropColumn(table: table, column: $0, cascade: false) }
        default:
            return nil
        }
    }

    /// `INSERT INTO t (columns) SELECT ... FROM s`: rows copied from another table.
    private mutating func copyRows() -> SchemaAction? {
        if accept("OR") { position += 1 }
        guard accept("INTO"), let target = name() else { return nil }
        let columns = Self.parenthesized(Array(tokens[position...]), lexer: lexer)
        guard let select = tokens[position...].firstIndex(where: { $0.kind == .word && lexer.word($0) == "SELECT" }),
              let from = tokens[select...].firstIndex(where: { $0.kind == .word && lexer.word($0) == "FROM" })
        else { return nil }
        position = from + 1
        guard let source = name() else { return nil }
        return .copyRows(into: target, from: source, columns: columns)
    }

    // MARK: - Columns

    /// A column definition: its name, declared type (the words before the first constraint) and constraints.
    private func column(_ element: [SQLiteLexer.Token]) -> ColumnDefinition {
        let name = element.first.map(unquoted) ?? ""
        var typeWords: [String] = []
        var index = 1
        let constraintWords: Set<String> = [
            "CONSTRAINT", "PRIMARY", "NOT", "NULL", "UNIQUE", "CHECK", "DEFAULT", "COLLATE", "REFERENCES", "GENERATED", "AS",
        ]
        var modifiers: [Int] = []
        while index < element.count {
            let token = element[index]
            if token.kind == .word, constraintWords.contains(lexer.word(token)) { break }
            if token.kind == .word { typeWords.append(lexer.word(token)) }
            if token.kind == .other, lexer.text(token) == "(" {
                while index < element.count, lexer.text(element[index]) != ")" {
                    if element[index].kind == .word, let number = Int(lexer.text(element[index])) { modifiers.append(number) }
                    index += 1
                }
            }
            index += 1
        }
        var column = ColumnDefinition(
            name: name, type: typeWords.isEmpty ? nil : TypeName(name: typeWords.joined(separator: " "), modifiers: modifiers))
        let restTokens = Array(element[min(index, element.count)...])
        let rest = restTokens.map { $0.kind == .word ? lexer.word($0) : lexer.text($0) }
        for (offset, word) in rest.enumerated() {
            let next = offset + 1 < rest.count ? rest[offset + 1] : ""
            switch word {
            case "NOT" where next == "NULL": column.notNull = true
            case "PRIMARY": column.primaryKey = true
            case "UNIQUE": column.unique = true
            case "DEFAULT": column.defaultValue = DefaultValue(Self.isConstantDefault(next) ? .constant : .volatile, function: next)
            case "GENERATED", "AS": if rest.contains("STORED") { column.generated = .stored }
            case "REFERENCES" where offset + 1 < restTokens.count: column.references = TableReference(name: unquoted(restTokens[offset + 1]))
            default: break
            }
        }
        return column
    }

    /// SQLite's rule for `ADD COLUMN`: a default must be a constant, not `CURRENT_TIME`/`_DATE`/`_TIMESTAMP` or an expression in parentheses.
    private static func isConstantDefault(_ first: String) -> Bool {
        !["CURRENT_TIME", "CURRENT_DATE", "CURRENT_TIMESTAMP", "("].contains(first)
    }

    // MARK: - Tokens

    /// The comma-separated elements inside the parentheses that start at `position`.
    private mutating func elements() -> [[SQLiteLexer.Token]] {
        var elements: [[SQLiteLexer.Token]] = []
        var current: [SQLiteLexer.Token] = []
        var depth = 1
        while position < tokens.count {
            let token = tokens[position]
            position += 1
            if token.kind == .other {
                switch lexer.text(token) {
                case "(": depth += 1
                case ")":
                    depth -= 1
                    if depth == 0 {
                        if !current.isEmpty { elements.append(current) }
                        return elements
                    }
                case "," where depth == 1:
                    elements.append(current)
                    current = []
                    continue
                default: break
                }
            }
            current.append(token)
        }
        if !current.isEmpty { elements.append(current) }
        return elements
    }

    /// The names in the first parenthesized list of `tokens`, e.g. an index's columns.
    private static func parenthesized(_ tokens: [SQLiteLexer.Token], lexer: SQLiteLexer) -> [String] {
        guard let open = tokens.firstIndex(where: { $0.kind == .other && lexer.text($0) == "(" }) else { return [] }
        var names: [String] = []
        var expectingName = true
        for token in tokens[(open + 1)...] {
            let text = lexer.text(token)
            if token.kind == .other, text == ")" { break }
            if token.kind == .other, text == "," { expectingName = true; continue }
            if expectingName, token.kind == .word || token.kind == .quoted {
                names.append(Self.unquote(text))
                expectingName = false
            }
        }
        return names
    }

    private func hasTopLevelWord(_ word: String) -> Bool {
        var depth = 0
        for token in tokens[position...] {
            if token.kind == .other { depth += lexer.text(token) == "(" ? 1 : lexer.text(token) == ")" ? -1 : 0 }
            if depth == 0, token.kind == .word, lexer.word(token) == word { return true }
        }
        return false
    }

    private mutating func nextWord() -> String? {
        guard position < tokens.count, tokens[position].kind == .word else { return nil }
        defer { position += 1 }
        return lexer.word(tokens[position])
    }

    private mutating func accept(_ word: String) -> Bool {
        guard position < tokens.count, tokens[position].kind == .word, lexer.word(tokens[position]) == word else { return false }
        position += 1
        return true
    }

    private mutating func acceptSymbol(_ symbol: String) -> Bool {
        guard position < tokens.count, tokens[position].kind == .other, lexer.text(tokens[position]) == symbol else { return false }
        position += 1
        return true
    }

    private mutating func skip(_ words: String...) {
        while words.contains(where: { accept($0) }) {}
    }

    private mutating func skipIfNotExists() {
        if accept("IF") { _ = accept("NOT"); _ = accept("EXISTS") }
    }

    /// `name` or `schema.name`.
    private mutating func name() -> TableReference? {
        guard let first = identifier() else { return nil }
        if acceptSymbol("."), let second = identifier() { return TableReference(schema: first, name: second) }
        return TableReference(name: first)
    }

    private mutating func identifier() -> String? {
        guard position < tokens.count, tokens[position].kind == .word || tokens[position].kind == .quoted else { return nil }
        defer { position += 1 }
        return unquoted(tokens[position])
    }

    private func unquoted(_ token: SQLiteLexer.Token) -> String { Self.unquote(lexer.text(token)) }

    static func unquote(_ text: String) -> String {
        guard let first = text.first, "\"`['".contains(first), text.count >= 2 else { return text }
        let closing: Character = first == "[" ? "]" : first
        let inner = text.dropFirst().dropLast()
        return first == "[" ? String(inner) : inner.replacingOccurrences(of: "\(closing)\(closing)", with: "\(closing)")
    }
}
