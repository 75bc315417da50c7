import Foundation

/// Reads what a table's generated rows depend on, just before they are
/// made: how many rows it has, the largest value of each unique integer,
/// and the keys of the rows each foreign key may point at.
struct GenerationContextReader {
    /// The most referenced rows read for one foreign key: rows pick among them.
    static let poolLimit = 1_000_000

    let session: any Database
    let fill: TableFill
    let seed: UInt64
    let reference: Date

    func read() async throws -> RowMaker.Context {
        let dialect = session.dialect
        let table = dialect.qualified(TableReference(schema: fill.name.schema, name: fill.name.name))
        let existing = try await session.query("SELECT count(*) AS n FROM \(table)").first?.values.first?.integer ?? 0
        var starts: [Int: Int64] = [:]
        for (index, column) in fill.columns.enumerated() where column.kind == .sequence {
            let largest = try await session.query("SELECT max(\(dialect.quoteIdentifier(column.name))) AS m FROM \(table)").first?.values.first
            starts[index] = largest?.integer ?? 0
        }
        var pools: [[[DatabaseValue]]] = []
        for reference in fill.references {
            pools.append(try await pool(for: reference, existingRows: Int(existing)))
        }
        return RowMaker.Context(existingRows: Int(existing), sequenceStarts: starts, pools: pools, reference: reference)
    }

    private func pool(for key: TableFill.Reference, existingRows: Int) async throws -> [[DatabaseValue]] {
        if key.alwaysNull { return [] }
        let dialect = session.dialect
        let parent = dialect.qualified(TableReference(schema: key.referencedTable.schema, name: key.referencedTable.name))
        let columns = key.referencedColumns.map { "p." + dialect.quoteIdentifier($0) }.joined(separator: ", ")
        var sql = "SELECT \(columns) FROM \(parent) p"
        var limit = Self.poolLimit
        if key.distinct {
            // One-to-one: only the referenced rows no row of this table points at yet.
            let child = dialect.qualified(TableReference(schema: fill.name.schema, name: fill.name.name))
            let matches = zip(key.columns, key.referencedColumns).map { "c.\(dialect.quoteIdentifier($0)) = p.\(dialect.quoteIdentifier($1))" }
            sql += " WHERE NOT EXISTS (SELECT 1 FROM \(child) c WHERE \(matches.joined(separator: " AND ")))"
            limit = fill.rows
        }
        sql += " ORDER BY \(columns) LIMIT \(limit)"
        var rows = try await session.query(sql).map(\.values)
        let what = "\(fill.name).\(key.columns.joined(separator: ", "))"
        if key.distinct, rows.count < fill.rows {
            throw RefusalError(
                "\(what) is unique and references \(key.referencedTable), which has \(rows.count) rows that no \(fill.name) row points at yet, "
                    + "so \(fill.rows) \(fill.name) rows cannot be made",
                nextStep: "ask for at most \(rows.count) \(fill.name) rows, or for more \(key.referencedTable) rows in the same --generate")
        }
        if rows.isEmpty, !key.nullable, key.referencedTable == fill.name {
            throw RefusalError(
                "\(what) is a NOT NULL foreign key to \(fill.name) itself, which has no row yet for the first generated row to point at",
                nextStep: "insert a first \(fill.name) row with a seed script (seeds/), then generate")
        }
        if rows.isEmpty, !key.nullable {
            throw RefusalError(
                "\(what) references \(key.referencedTable), which has no rows to point at",
                nextStep: "add \(key.referencedTable)=N to --generate (or seed \(key.referencedTable) first)")
        }
        if key.distinct || key.combined {
            var random = SeededRandom(seed: seed, label: "\(fill.name)->\(key.referencedTable)")
            rows.shuffle(using: &random)
        }
        return rows
    }
}
