import Strata

extension SQLiteSession: SchemaCatalog {
    func tableExists(_ table: TableReference) async throws -> Bool {
        try await !query("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = \(dialect.quoteLiteral(table.name))").isEmpty
    }

    func schemaExists(_ schema: String) async throws -> Bool {
        true
    }

    /// Drops every view and table (their indexes and triggers go with them),
    /// with foreign keys off so no `ON DELETE` action fires. The lock table stays.
    func resetPlan(historyTable: TableReference) async throws -> ResetPlan {
        let lockTable = Self.lockTable(for: historyTable).name
        let objects = try await query("""
            SELECT type, name FROM sqlite_master
            WHERE type IN ('view', 'table') AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' AND name <> \(dialect.quoteLiteral(lockTable))
            ORDER BY type = 'table', name
            """)
        guard !objects.isEmpty else { return ResetPlan(statements: [], objectCount: 0) }
        let drops = objects.compactMap { row -> String? in
            guard let name = row["name"].string else { return nil }
            return "DROP \(row["type"].string == "view" ? "VIEW" : "TABLE") IF EXISTS \(dialect.quoteIdentifier(name))"
        }
        return ResetPlan(statements: ["PRAGMA foreign_keys = OFF"] + drops + ["PRAGMA foreign_keys = ON"], objectCount: drops.count)
    }
}
