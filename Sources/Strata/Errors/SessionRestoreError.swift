/// A migration committed, but a statement its file runs after the
/// transaction (SQLite's `PRAGMA foreign_keys = ON`) failed, so the session
/// is not as the next migration expects it; Strata stops there.
public struct SessionRestoreError: StrataError {
    public var migration: String
    public var statement: String
    public var underlying: DatabaseError

    public init(migration: String, statement: String, underlying: DatabaseError) {
        self.migration = migration
        self.statement = statement
        self.underlying = underlying
    }

    public var summary: String {
        "\(migration) was applied, but `\(statement)` after its transaction failed: \(underlying.message)"
    }

    public var nextStep: String? {
        "Strata stopped before the next migration; run `strata migrate deploy` again, which starts from a new connection"
    }

    public var exitStatus: ExitStatus { .migrationFailed }
}
