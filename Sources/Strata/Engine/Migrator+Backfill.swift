/// Backfills: batched, resumable changes to the rows of one table.
extension Migrator {
    /// Runs `backfill` to its end, resuming where an earlier run of the same
    /// backfill (by name) stopped. Holds the backfill's named lock, so two
    /// runs of it never overlap; takes no migration lock (schema migrations
    /// may run meanwhile).
    ///
    /// - Parameters:
    ///   - restart: forget an earlier run (completed or not) and start from the first row.
    ///   - command: how the user runs it, for the messages that say how to resume.
    /// - Throws: ``RefusalError`` when another run holds the lock, or the
    ///   backfill changed since its run began; ``BackfillDefinitionError`` when
    ///   its SQL does not run on the table (nothing changed);
    ///   ``BackfillFailedError`` when a batch fails; ``BackfillInterruptedError``
    ///   when cancelled; ``NamedLockLostError`` behind a pooler in transaction mode.
    public func backfill(
        _ backfill: Backfill, restart: Bool = false, command: String? = nil,
        events: @escaping @Sendable (BackfillEvent) -> Void = { _ in }
    ) async throws -> BackfillReport {
        let command = command ?? "strata data backfill --name \(backfill.name) ..."
        return try await withSession(checking: {}, reading: { _ in }) { _, _, session in
            try await withChangingSession(session) { session in
                let lock = "data:" + backfill.name
                return try await withNamedLock(lock, on: session, describing: "the backfill \(backfill.name)") {
                    let statements = try await backfillStatements(backfill, on: session)
                    try await checkDefinition(backfill, statements, on: session)
                    let history = try await createdDataHistory(session)
                    guard let record = try await startRecord(
                        name: backfill.name, kind: .backfill, checksum: backfill.checksum, restart: restart, history: history, on: session)
                    else {
                        let done = try await dataRecord(backfill.name, history: history, on: session)
                        return BackfillReport(
                            name: backfill.name, table: backfill.table, keyColumns: statements.keyNames,
                            rowsDone: done?.rowsDone ?? 0, rowsThisRun: 0, batches: done?.batches ?? 0, elapsed: .zero,
                            resumed: false, alreadyCompleted: true)
                    }
                    let runner = BackfillRunner(
                        backfill: backfill, session: session, history: history, statements: statements, command: command,
                        lockCheckSQL: (session as? any NamedLocking)?.namedLockCheckSQL(lock), events: events)
                    return try await runner.run(resuming: record)
                }
            }
        }
    }

    /// What `--dry-run` shows: the first batch's SQL with its values, the
    /// plan the database would run it with, and how many batches to expect.
    /// Reads only; changes nothing.
    public func backfillPlan(_ backfill: Backfill) async throws -> BackfillPlan {
        try await withSession(checking: {}, reading: { _ in }, readOnly: true) { _, _, session in
            let statements = try await backfillStatements(backfill, on: session)
            try await checkDefinition(backfill, statements, on: session)
            let history = try await existingDataHistory(session)
            var record: DataMigrationRecord?
            if let history { record = try await dataRecord(backfill.name, history: history, on: session) }
            let lower = record?.state == .completed ? nil : record?.key
            let after = lower != nil
            let size = BatchSizer(backfill.batching).size
            let reading = session as? any BackfillReading
            let remaining = try await reading?.estimatedRowCount(of: statements.remaining(after: after), parameters: lower?.values ?? [])
            // The first batch: its change and values, and the key it reaches.
            let boundary: BackfillPlan.Statement
            var first: (sql: String, parameters: [DatabaseValue], end: String)?
            if statements.walksRanges {
                // Batches walk the key's values in ranges: the first is the next `size` values.
                boundary = BackfillPlan.Statement(sql: statements.keyRange, parameters: [], dialect: session.dialect)
                let range = try await session.query(statements.keyRange).first
                if let sql = statements.update(after: true), let top = range?["high"].integer,
                   let low = lower?.values.first?.integer ?? range?["low"].integer.map({ $0 - 1 }), low < top {
                    let high = min(low + Int64(size), top)
                    first = (sql, [.integer(low), .integer(high)], String(high))
                }
            } else {
                let bounds = (lower?.values ?? []) + [.integer(Int64(size))]
                boundary = BackfillPlan.Statement(sql: statements.boundary(after: after), parameters: bounds, dialect: session.dialect)
                let row = try await session.query(boundary.sql, parameters: bounds).first
                if let sql = statements.update(after: after), let row {
                    let upper = BackfillKey(values: Array(row.values.dropLast()))
                    first = (sql, (lower?.values ?? []) + upper.values, upper.description)
                }
            }
            var plan: [String] = []
            if let first { plan = try await reading?.queryPlan(of: first.sql, parameters: first.parameters) ?? [] }
            return BackfillPlan(
                name: backfill.name, table: backfill.table, keyColumns: statements.keyNames, batching: backfill.batching,
                record: record, boundary: boundary,
                update: first.map { BackfillPlan.Statement(sql: $0.sql, parameters: $0.parameters, dialect: session.dialect) },
                firstBatchEnd: first?.end, queryPlan: plan, estimatedRows: remaining, walksRanges: statements.walksRanges)
        }
    }

    /// The statements of `backfill` on the session's table, with its key:
    /// the given one, else the primary key, else (SQLite) the rowid.
    func backfillStatements(_ backfill: Backfill, on session: any Database) async throws -> BackfillStatements {
        let given = backfill.key.flatMap { $0.isEmpty ? nil : $0 }
        let found = try await table(backfill.table, on: session, required: given == nil)
        let key: [String]
        if let given {
            key = given
        } else if let primaryKey = found?.primaryKey, !primaryKey.columns.isEmpty {
            key = primaryKey.columns
        } else if let rowid = session.dialect.rowIdentifierColumn {
            key = [rowid]
        } else {
            throw RefusalError(
                "the table \(backfill.table) has no primary key for batches to walk along",
                nextStep: "name columns that are unique, not null and never change with --key (an indexed one keeps batches fast)")
        }
        let dialect = session.dialect
        let isRowid = key == [dialect.rowIdentifierColumn]
        let type = key.count == 1 ? found?.column(key[0])?.type.description : nil
        return BackfillStatements(
            dialect: dialect, table: backfill.table, keyColumns: key, set: backfill.set, condition: backfill.condition,
            aggregatesKey: isRowid || type.map(dialect.hasMaximum(ofType:)) == true,
            integerKey: backfill.perBatch == nil && (isRowid || type.map(dialect.isInteger(type:)) == true),
            nullableKeyColumns: key.filter { found?.column($0)?.isNullable == true },
            keyIsIndexed: isRowid || found.map { Self.hasIndex(leadingWith: key, on: $0) } ?? true)
    }

    /// Whether the primary key, a unique constraint or a plain index's columns begin with `key`, in order.
    private static func hasIndex(leadingWith key: [String], on table: Table) -> Bool {
        let indexed = [table.primaryKey?.columns ?? []] + table.uniqueConstraints.map(\.columns)
            + table.indexes.filter { $0.predicate == nil && ($0.method == nil || $0.method == "btree") && !$0.parts.contains(where: \.isExpression) }
                .map { $0.parts.map(\.value) }
        return indexed.contains { $0.starts(with: key) }
    }

    /// The table as the session's schema has it; `nil` where the session
    /// cannot read its schema, or (`required` false) the table is not there.
    private func table(_ table: TableReference, on session: any Database, required: Bool) async throws -> Table? {
        guard let introspector = session as? any SchemaIntrospection else {
            guard !required else { throw RefusalError("Strata cannot read \(driver.name) tables' keys", nextStep: "name the key columns with --key") }
            return nil
        }
        let target = table.schema == nil || table.schema == session.schema
        let schema = try await introspector.introspectSchema(IntrospectionScope(namespaces: target ? [] : [table.schema!]))
        let name = QualifiedName(schema: target ? nil : table.schema, table.name)
        if let found = schema.table(name) { return found }
        guard required else { return nil }
        let names = schema.tables.filter { $0.name.schema == name.schema }.map(\.name.name)
        let guess = names.closest(to: table.name).map { "did you mean `\($0)`? " } ?? ""
        throw RefusalError("there is no table \(table) in the database", nextStep: guess + "check --table (a schema-qualified name is schema.table)")
    }

    /// Has the database check the backfill's SQL without running it, so a
    /// typo in `--set` or `--where` changes nothing; and refuses a key that
    /// is `NULL` in rows to change, which no batch would reach.
    private func checkDefinition(_ backfill: Backfill, _ statements: BackfillStatements, on session: any Database) async throws {
        guard let reading = session as? any BackfillReading else { return }
        let keyNulls = [DatabaseValue](repeating: .null, count: statements.keyNames.count)
        var checks = [(statements.boundary(after: false), [DatabaseValue.integer(1)])]
        if let update = statements.update(after: false) { checks.append((update, keyNulls)) }
        for (sql, parameters) in checks {
            do {
                _ = try await reading.queryPlan(of: sql, parameters: parameters)
            } catch let error as DatabaseError where error.kind == .statement {
                throw BackfillDefinitionError(name: backfill.name, table: backfill.table, statement: sql, databaseError: error)
            }
        }
        if let sql = statements.unreachableRows, let count = try await session.query(sql).first?["n"].integer, count > 0 {
            let key = statements.keyNames.joined(separator: ", ")
            let rows = count > 1_000 ? "more than 1,000 rows" : count == 1 ? "1 row" : "\(count) rows"
            throw RefusalError(
                "\(rows) of \(backfill.table) to change have a NULL \(key): batches along the key would never reach them",
                nextStep: "name a key that is never NULL with --key (the primary key, or columns of a unique index that are NOT NULL), "
                    + "or leave those rows out with --where")
        }
    }
}

/// What a backfill would do, for `--dry-run`.
public struct BackfillPlan: Sendable {
    /// A statement and the values bound to its placeholders.
    public struct Statement: Sendable {
        public var sql: String
        public var parameters: [DatabaseValue]
        /// The placeholder of each parameter in `sql` (`$1`, `?1`).
        public var placeholders: [String]

        init(sql: String, parameters: [DatabaseValue], dialect: any Dialect) {
            self.sql = sql
            self.parameters = parameters
            self.placeholders = parameters.indices.map { dialect.placeholder($0 + 1) }
        }
    }

    public var name: String
    public var table: TableReference
    public var keyColumns: [String]
    public var batching: Backfill.Batching
    /// The backfill's row in the data history, when it has run before.
    public var record: DataMigrationRecord?
    /// The first batch's read of its last key (walking an integer key's
    /// ranges: the read of the key's lowest and highest values).
    public var boundary: Statement
    /// The first batch's change; `nil` when no row is left (or only a closure changes rows).
    public var update: Statement?
    /// The last key of the first batch; `nil` when no row is left.
    public var firstBatchEnd: String?
    /// The database's plan for the first batch's change.
    public var queryPlan: [String]
    /// The database's estimate of the rows to do.
    public var estimatedRows: Int?
    /// Whether batches walk an integer key's values in ranges (no read of
    /// their last key), sized by the rows the last range held.
    public var walksRanges = false

    /// The number of batches the estimate means at the first batch's size.
    public var estimatedBatches: Int? {
        guard let estimatedRows else { return nil }
        let size = BatchSizer(batching).size
        return (estimatedRows + size - 1) / size
    }
}

/// A backfill's SQL does not run on its table (a misspelt column, a type
/// mismatch): the database said so before anything ran.
public struct BackfillDefinitionError: StrataError {
    public var name: String
    public var table: TableReference
    public var statement: String
    public var databaseError: DatabaseError

    public var summary: String { "the backfill \(name) does not run on \(table): \(databaseError.message)" }
    public var details: [String] { ["statement: \(statement)", "database: \(databaseError)", "nothing was changed"] }
    public var nextStep: String? { "fix --set or --where (or the data migration file) and run it again" }
}
