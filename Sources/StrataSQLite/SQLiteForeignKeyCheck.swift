import Foundation
import Strata

/// `PRAGMA foreign_key_check` run as a statement of a migration fails when
/// it finds a row whose foreign key points at nothing, as a constraint
/// would. It is step 10 of SQLite's recipe for changing a table
/// (https://www.sqlite.org/lang_altertable.html#otheralter): with
/// `PRAGMA foreign_keys = OFF` around the transaction nothing else checks
/// the keys, and SQLite itself only lists the offending rows.
/// (`query` still returns them, for a caller that wants the list.)
enum SQLiteForeignKeyCheck {
    /// Whether `sql` is `PRAGMA [schema.]foreign_key_check[(table)]`.
    static func isCheck(_ sql: String) -> Bool {
        // Every statement a session runs passes here: most are told apart without lexing.
        guard sql.range(of: "foreign_key_check", options: .caseInsensitive) != nil else { return false }
        let lexer = SQLiteLexer(sql)
        guard let piece = try? lexer.pieces().first else { return false }
        return SQLiteDialect.pragmaName(of: piece, lexer: lexer) == "FOREIGN_KEY_CHECK"
    }

    /// The failure the rows of a `foreign_key_check` mean, or `nil` when there are none.
    static func failure(_ rows: [DatabaseRow]) -> DatabaseError? {
        guard let first = rows.first else { return nil }
        let table = first["table"].string ?? "?"
        let parent = first["parent"].string ?? "?"
        let row = first["rowid"].string.map { "row \($0) of " } ?? "a row of "
        let count = rows.count == 1 ? "1 row breaks a foreign key" : "\(rows.count) rows break foreign keys"
        return DatabaseError(
            kind: .statement,
            message: "FOREIGN KEY constraint failed: \(count) (\(row)\"\(table)\" references a missing row of \"\(parent)\")",
            code: "SQLITE_CONSTRAINT",
            hint: "`SELECT * FROM pragma_foreign_key_check` lists them")
    }
}
