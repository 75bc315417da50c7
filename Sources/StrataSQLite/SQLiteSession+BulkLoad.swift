import Strata

/// Bulk loads run a prepared multi-row `INSERT` on the connection's thread.
extension SQLiteSession: BulkLoading {
    func bulkLoad(
        into table: TableReference, columns: [String], count: Int,
        row: @escaping @Sendable (Int, inout [DatabaseValue]) -> Void
    ) async throws -> Int {
        let name = dialect.qualified(table)
        let quoted = columns.map(dialect.quoteIdentifier)
        // SQLite binds at most 32,766 parameters a statement; a hundred rows a statement is past the point of gains.
        let rowsPerStatement = max(1, min(100, 32_766 / max(1, columns.count)))
        return try await connection.perform { handle in
            try handle.insertRows(into: name, columns: quoted, count: count, rowsPerStatement: rowsPerStatement, row: row)
        }
    }
}
