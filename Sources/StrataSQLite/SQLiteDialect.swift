import CSQLite
import Foundation
import Strata

/// SQLite's SQL: double-quoted identifiers, statements split by a lexer that
/// knows quotes, comments and trigger bodies.
public struct SQLiteDialect: Dialect {
    public init() {}

    public var name: String { "SQLite" }

    /// The version of the SQLite library Strata runs, e.g. `3.40.1`.
    public static var libraryVersion: String { String(cString: sqlite3_libversion()) }

    public func quoteIdentifier(_ identifier: String) -> String {
        doubleQuoted(identifier)
    }

    public func placeholder(_ index: Int) -> String { "?\(index)" }

    public func quoteLiteral(_ text: String) -> String {
        "'" + text.doubling(UInt8(ascii: "'")) + "'"
    }

    /// Splits with Strata's lexer, then has SQLite's parser read each
    /// statement (without running it), so a syntax error is found before
    /// anything runs, at its line and column.
    public func split(script: String) throws -> [ScriptStatement] {
        let lexer = SQLiteLexer(script)
        return try lexer.pieces().map { piece in
            try SQLiteSyntaxCheck.check(piece, of: lexer)
            return ScriptStatement(
                sql: String(decoding: lexer.bytes[piece.start..<piece.end], as: UTF8.self),
                byteOffset: piece.start,
                requirement: Self.requirement(of: piece, lexer: lexer),
                facts: SQLiteStatementFacts.facts(of: piece, lexer: lexer))
        }
    }

    /// SQLite's own rules: what `ALTER TABLE` cannot do, and type affinity.
    public var lintRules: [any LintRule] { SQLiteLintRules.all }

    public var supportsTransactionalDDL: Bool { true }
    public var supportsSchemas: Bool { false }
    /// Takes the write lock at once, so a migration never fails half-way on `SQLITE_BUSY`.
    public var beginTransactionSQL: String { "BEGIN IMMEDIATE" }

    /// Every table but a `WITHOUT ROWID` one (which has a primary key) has one.
    public var rowIdentifierColumn: String? { "rowid" }

    /// The id is a rowid alias, given in order since history rows are never
    /// deleted; `AUTOINCREMENT` would add `sqlite_sequence` to the user's database.
    public var historyColumnTypes: HistoryColumnTypes {
        HistoryColumnTypes(autoIncrementPrimaryKey: "INTEGER PRIMARY KEY", text: "TEXT", integer: "INTEGER", timestamp: "TEXT")
    }

    public var currentTimestampSQL: String { "strftime('%Y-%m-%d %H:%M:%f', 'now')" }
    public var transactionStartTimestampSQL: String? { nil }
    public var deferredFlushSQL: String? { nil }

    /// A column declared `INTEGER` (a rowid alias when it is the primary key).
    /// SQLite stores any value in any column, so the backfill checks the
    /// key's lowest and highest values are integers before walking ranges.
    public func isInteger(type: String) -> Bool {
        type.uppercased() == "INTEGER"
    }

    public var previousChangesSQL: String? { "changes()" }

    /// SQLite says `table users already exists` (or index, view, trigger), and `duplicate column name: x`.
    public func isAlreadyExists(_ error: DatabaseError) -> Bool {
        error.message.hasSuffix(" already exists") || error.message.hasPrefix("duplicate column name")
    }

    public func lockTimeoutSQL(_ timeout: Duration?, inTransaction: Bool) -> String? { nil }

    public func millisecondsSince(_ column: String) -> String {
        "CAST(ROUND((julianday('now') - julianday(\(column))) * 86400000) AS INTEGER)"
    }

    /// The upper-cased name of a `PRAGMA [schema.]name [= value | (value)]`, or `nil` for another statement.
    static func pragmaName(of piece: SQLiteLexer.Piece, lexer: SQLiteLexer) -> String? {
        let words = piece.tokens.prefix(4).map { $0.kind == .word ? lexer.word($0) : "" }
        guard words.first == "PRAGMA", words.count > 1 else { return nil }
        let qualified = words.count > 3 && lexer.text(piece.tokens[2]) == "."
        return qualified ? words[3] : words[1]
    }

    /// Statements SQLite refuses or ignores inside a transaction, and transaction control.
    static func requirement(of piece: SQLiteLexer.Piece, lexer: SQLiteLexer) -> TransactionRequirement {
        let words = piece.tokens.prefix(4).map { $0.kind == .word ? lexer.word($0) : "" }
        switch words.first {
        case "BEGIN": return .controlsTransaction(.begin)
        case "COMMIT", "END": return .controlsTransaction(.commit)
        case "ROLLBACK": return words.dropFirst().contains("TO") ? .none : .controlsTransaction(.rollback)
        case "VACUUM": return .mustRunOutsideTransaction(reason: "VACUUM cannot run inside a transaction")
        case "ATTACH", "DETACH": return .mustRunOutsideTransaction(reason: "\(words[0]) cannot run inside a transaction")
        case "PRAGMA":
            switch pragmaName(of: piece, lexer: lexer) {
            case "FOREIGN_KEYS":
                return .aroundTransaction(reason: "PRAGMA foreign_keys has no effect inside a transaction")
            case "JOURNAL_MODE":
                return .mustRunOutsideTransaction(reason: "PRAGMA journal_mode cannot change inside a transaction")
            default: return .none
            }
        default: return .none
        }
    }
}
