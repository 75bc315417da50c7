/// What a ``BackupTarget`` holds right now: one table, or one column of it,
/// with its row count. A session reads it (``BackupTaking/backupContents(of:)``)
/// and backs it up (``BackupTaking/writeBackup(of:into:configuration:)``).
public struct BackupContent: Sendable, Hashable {
    /// The table, schema-qualified where the database has schemas.
    public var table: TableReference
    /// The column, for a dropped column.
    public var column: String?
    /// The table's rows.
    public var rows: Int
    /// The statement that destroys it; `nil` for `strata db backup`.
    public var statement: BackupStatement?

    public init(table: TableReference, column: String? = nil, rows: Int, statement: BackupStatement? = nil) {
        self.table = table
        self.column = column
        self.rows = rows
        self.statement = statement
    }

    /// `users`, `users.email`.
    public var what: String { table.description + (column.map { "." + $0 } ?? "") }
}
