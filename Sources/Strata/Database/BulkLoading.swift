/// Loading many rows into a table as fast as the database takes them: a
/// session role. PostgreSQL streams `COPY ... FROM STDIN`; SQLite runs a
/// prepared multi-row `INSERT` again and again. Both run inside the
/// session's open transaction, so a failure leaves nothing behind.
public protocol BulkLoading: Sendable {
    /// Inserts `count` rows into `columns` of `table`; `row(index, &values)`
    /// writes row `index`'s values (one per column, in order) and is called
    /// once per row, in order, off the caller's task.
    ///
    /// - Returns: the number of rows the database inserted.
    func bulkLoad(
        into table: TableReference, columns: [String], count: Int,
        row: @escaping @Sendable (Int, inout [DatabaseValue]) -> Void
    ) async throws -> Int
}
