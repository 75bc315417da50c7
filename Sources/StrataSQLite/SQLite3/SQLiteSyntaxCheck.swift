import Strata
import Synchronization

/// Finds syntax errors with SQLite's own parser before anything runs:
/// each statement is prepared, never stepped, on a private in-memory
/// database, so a migration with a typo stops `deploy` (and `--dry-run`)
/// before the file, the history or the lock exist.
enum SQLiteSyntaxCheck {
    /// One in-memory connection for the process; preparing takes microseconds.
    private static let checker = Mutex<SQLiteHandle?>(nil)

    /// Throws ``ScriptSyntaxError`` at the first statement SQLite's parser rejects.
    /// `PRAGMA`s are skipped: some act while being prepared.
    static func check(_ piece: SQLiteLexer.Piece, of lexer: SQLiteLexer) throws {
        guard let first = piece.tokens.first, lexer.word(first) != "PRAGMA" else { return }
        // With its terminator (the file's own, else one added): without one, a statement cut short reads
        // as "incomplete input" at its start, where SQLite names the token it stopped at (`near ";"`).
        var end = piece.end
        while end < lexer.bytes.count, [0x20, 0x09, 0x0A, 0x0D].contains(lexer.bytes[end]) { end += 1 }
        let terminated = end < lexer.bytes.count && lexer.bytes[end] == UInt8(ascii: ";")
        let sql = String(decoding: lexer.bytes[piece.start..<(terminated ? end + 1 : piece.end)], as: UTF8.self) + (terminated ? "" : ";")
        let found: (message: String, byteOffset: Int?)? = checker.withLock { handle in
            if handle == nil { handle = try? SQLiteHandle.open(path: ":memory:", create: true) }
            return handle?.syntaxError(in: sql)
        }
        guard let found else { return }
        throw ScriptSyntaxError(message: found.message, byteOffset: piece.start + (found.byteOffset ?? 0))
    }
}
