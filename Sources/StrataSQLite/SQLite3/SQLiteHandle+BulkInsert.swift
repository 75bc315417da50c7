import CSQLite
import Strata

extension SQLiteHandle {
    /// Inserts `count` rows with a prepared multi-row `INSERT` of
    /// `rowsPerStatement` rows, bound and stepped again and again (one more
    /// statement for the remainder): no SQL text per row, no parsing per batch.
    func insertRows(
        into table: String, columns: [String], count: Int, rowsPerStatement: Int,
        row: (Int, inout [DatabaseValue]) -> Void
    ) throws -> Int {
        let width = columns.count
        let head = "INSERT INTO \(table) (\(columns.joined(separator: ", "))) VALUES "
        func sql(rows: Int) -> [UInt8] {
            let tuple = "(" + Array(repeating: "?", count: width).joined(separator: ", ") + ")"
            return Array((head + Array(repeating: tuple, count: rows).joined(separator: ", ")).utf8) + [0]
        }
        func prepare(_ bytes: [UInt8]) throws -> OpaquePointer {
            var statement: OpaquePointer?
            let status = bytes.withUnsafeBufferPointer { buffer in
                sqlite3_prepare_v2(db, UnsafeRawPointer(buffer.baseAddress!).assumingMemoryBound(to: CChar.self), Int32(buffer.count - 1), &statement, nil)
            }
            guard status == SQLITE_OK, let statement else { throw error(status == SQLITE_OK ? SQLITE_MISUSE : status, sql: bytes, at: nil) }
            return statement
        }
        var values = [DatabaseValue](repeating: .null, count: width)
        var inserted = 0
        var next = 0
        func run(_ statement: OpaquePointer, rows: Int, sql bytes: [UInt8]) throws {
            for slot in 0..<rows {
                row(next, &values)
                next += 1
                for (column, value) in values.enumerated() {
                    let status = bind(value, to: statement, at: Int32(slot * width + column + 1))
                    guard status == SQLITE_OK else { throw error(status, sql: bytes, at: nil) }
                }
            }
            let status = sqlite3_step(statement)
            guard status == SQLITE_DONE else { throw error(status, sql: bytes, at: nil) }
            inserted += Int(sqlite3_changes64(db))
            sqlite3_reset(statement)
            sqlite3_clear_bindings(statement)
        }
        let full = count / rowsPerStatement
        if full > 0 {
            let bytes = sql(rows: rowsPerStatement)
            let statement = try prepare(bytes)
            defer { sqlite3_finalize(statement) }
            for _ in 0..<full { try run(statement, rows: rowsPerStatement, sql: bytes) }
        }
        let rest = count % rowsPerStatement
        if rest > 0 {
            let bytes = sql(rows: rest)
            let statement = try prepare(bytes)
            defer { sqlite3_finalize(statement) }
            try run(statement, rows: rest, sql: bytes)
        }
        return inserted
    }
}
