import Foundation
@testable import Strata
import StrataPostgres
import StrataSQLite
import Testing

/// A dialect unlike any real one: identifiers in ⟦ ⟧, literals in ‹ ›, odd
/// type names and functions. SQL that hard-codes PostgreSQL quoting, types or
/// functions instead of asking the dialect shows at once.
struct OddDialect: Dialect {
    var name: String { "Oddbase" }
    func quoteIdentifier(_ identifier: String) -> String { "⟦" + identifier.replacingOccurrences(of: "⟧", with: "⟧⟧") + "⟧" }
    func quoteLiteral(_ text: String) -> String { "‹" + text.replacingOccurrences(of: "›", with: "››") + "›" }
    func placeholder(_ index: Int) -> String { "¿\(index)" }
    func split(script: String) throws -> [ScriptStatement] { [ScriptStatement(sql: script, byteOffset: 0)] }
    var supportsTransactionalDDL: Bool { true }
    var supportsSchemas: Bool { true }
    var beginTransactionSQL: String { "OPEN WORK" }
    var historyColumnTypes: HistoryColumnTypes {
        HistoryColumnTypes(autoIncrementPrimaryKey: "ODD_KEY", text: "ODD_CHARS", integer: "ODD_WHOLE", timestamp: "ODD_MOMENT")
    }
    var currentTimestampSQL: String { "ODD_TICK()" }
    var transactionStartTimestampSQL: String? { "ODD_TX_TICK()" }
    var deferredFlushSQL: String? { nil }
    func millisecondsSince(_ column: String) -> String { "ODD_ELAPSED(\(column))" }
    func lockTimeoutSQL(_ timeout: Duration?, inTransaction: Bool) -> String? { nil }
}

extension Unit {
    /// The history table's SQL goes through the dialect for every name and value.
    @Suite("HistoryTable")
    struct HistoryTableTests {
        static let table = HistoryTable(
            reference: TableReference(schema: "odd schema", name: "_strata_migrations"), dialect: OddDialect())

        /// Every statement the history table renders, with awkward values.
        static var statements: [String] {
            let table = Self.table
            let prisma = TableReference(schema: "odd schema", name: "_prisma_migrations")
            return table.createStatements + [
                table.selectAll,
                table.start("001_init", checksum: "abc", operation: .deploy, execution: .transaction,
                            appliedBy: "ann@host", statementsTotal: 3),
                table.progress("001_init", statementsRun: 2),
                table.finish("001_init", state: .applied, statementsRun: 3),
                table.fail("001_init", statementsRun: 1, error: "boom"),
                table.record("001_init", checksum: "abc", state: .applied, operation: .baseline, execution: .none,
                             appliedBy: "ann@host", statementsRun: 0, statementsTotal: 0, durationMilliseconds: 12),
                table.complete("001_init", checksum: "abc", state: .applied, operation: .deploy, execution: .transaction,
                               appliedBy: "ann@host", statementsRun: 3, startedAt: OddDialect().transactionStartTimestampSQL!),
                table.importPrisma(from: prisma),
                table.selectPrisma(from: prisma),
            ]
        }

        /// The text outside every ⟦identifier⟧ and ‹literal›.
        static func unquoted(_ sql: String) -> String {
            var result = ""
            var closing: Character?
            var characters = Array(sql)[...]
            while let character = characters.popFirst() {
                if let close = closing {
                    if character == close {
                        if characters.first == close { characters.removeFirst() } else { closing = nil }
                    }
                } else if character == "⟦" {
                    closing = "⟧"
                } else if character == "‹" {
                    closing = "›"
                } else {
                    result.append(character)
                }
            }
            return result
        }

        @Test("outside the dialect's quotes there are only keywords, numbers and the dialect's own SQL")
        func nothingHardCoded() {
            for sql in Self.statements {
                let bare = Self.unquoted(sql)
                #expect(!bare.contains { $0 == "\"" || $0 == "'" || $0 == "`" || $0 == "[" }, "\(sql)")
                // Names are lower case; keywords and the odd dialect's types and functions are upper case.
                #expect(!bare.contains { $0.isLowercase }, "a name or function outside the dialect's quoting: \(sql)")
                for foreign in ["TIMESTAMP", "BIGINT", "TEXT", "INTEGER", "SERIAL", "IDENTITY", "NOW(", "CLOCK", "STRFTIME", "EXTRACT"] {
                    #expect(!bare.contains(foreign), "\(foreign) in \(sql)")
                }
            }
        }

        @Test("the table is schema-qualified and the columns typed by the dialect")
        func create() {
            let create = Self.table.createStatements[0]
            #expect(create.hasPrefix("CREATE TABLE IF NOT EXISTS ⟦odd schema⟧.⟦_strata_migrations⟧ ("))
            #expect(create.contains("⟦id⟧ ODD_KEY"))
            #expect(create.contains("⟦started_at⟧ ODD_MOMENT NOT NULL"))
            #expect(create.contains("⟦statements_run⟧ ODD_WHOLE NOT NULL"))
            #expect(create.contains("CHECK (⟦state⟧ IN (‹running›, ‹applied›, ‹failed›, ‹rolled_back›))"))
            #expect(Self.table.createStatements[1].contains("⟦_strata_migrations_name⟧ ON ⟦odd schema⟧.⟦_strata_migrations⟧"))
        }

        @Test("the dialect's clock and elapsed-time expressions are used")
        func clock() {
            let finish = Self.table.finish("001_init", state: .applied, statementsRun: 3)
            #expect(finish.contains("⟦finished_at⟧ = ODD_TICK()"))
            #expect(finish.contains("⟦duration_ms⟧ = ODD_ELAPSED(⟦started_at⟧)"))
            #expect(finish.contains("⟦name⟧ = ‹001_init›"))
            let complete = Self.table.complete(
                "001_init", checksum: "abc", state: .applied, operation: .deploy, execution: .transaction,
                appliedBy: "ann@host", statementsRun: 3, startedAt: "ODD_TX_TICK()")
            #expect(complete.contains("ODD_TX_TICK(), ODD_TICK(), ODD_ELAPSED(ODD_TX_TICK())"))
        }

        @Test("literals holding the dialect's closing quote are escaped by it")
        func oddLiteral() {
            let sql = Self.table.fail("001_›x", statementsRun: 0, error: "it's ›done‹")
            #expect(sql.contains("‹it's ››done‹›"))
            #expect(sql.contains("‹001_››x›"))
            let name = HistoryTable(reference: TableReference(name: "odd⟧name"), dialect: OddDialect()).selectAll
            #expect(name.contains("FROM ⟦odd⟧⟧name⟧"))
        }

        @Test("quotes in a value are escaped for PostgreSQL and SQLite")
        func realLiterals() {
            let error = #"relation "it's" at C:\temp"#
            let postgres = HistoryTable(reference: TableReference(name: "h"), dialect: PostgresDialect())
                .fail("0'1", statementsRun: 0, error: error)
            #expect(postgres.contains(#"E'relation "it''s" at C:\\temp'"#))
            #expect(postgres.contains("= '0''1')"))
            let sqlite = HistoryTable(reference: TableReference(name: "h"), dialect: SQLiteDialect())
                .fail("0'1", statementsRun: 0, error: error)
            #expect(sqlite.contains(#"'relation "it''s" at C:\temp'"#))
        }
    }
}
