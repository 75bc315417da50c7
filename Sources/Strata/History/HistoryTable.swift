/// The SQL that creates, reads and writes the history table, rendered
/// through the dialect so that every identifier and value is quoted and
/// `--dry-run` can print exactly what will run.
struct HistoryTable: Sendable {
    let reference: TableReference
    let dialect: any Dialect
    /// The quoted table name and insert column list, rendered once: every
    /// migration of a run writes a row.
    private let table: String
    private let insertColumns: String

    init(reference: TableReference, dialect: any Dialect) {
        self.reference = reference
        self.dialect = dialect
        self.table = dialect.qualified(reference)
        self.insertColumns = Self.columns.dropFirst().map(dialect.quoteIdentifier).joined(separator: ", ")
    }

    private var now: String { dialect.currentTimestampSQL }

    private func literal(_ text: String) -> String { dialect.quoteLiteral(text) }
    private func column(_ name: String) -> String { dialect.quoteIdentifier(name) }

    static let columns = [
        "id", "name", "checksum", "state", "operation", "execution", "started_at", "finished_at", "duration_ms",
        "applied_by", "statements_run", "statements_total", "error",
    ]

    /// `CREATE TABLE` and its index, both idempotent.
    var createStatements: [String] {
        let types = dialect.historyColumnTypes
        let states = HistoryRecord.State.allCases.map { literal($0.rawValue) }.joined(separator: ", ")
        let definition = [
            "\(column("id")) \(types.autoIncrementPrimaryKey)",
            "\(column("name")) \(types.text) NOT NULL",
            "\(column("checksum")) \(types.text) NOT NULL",
            "\(column("state")) \(types.text) NOT NULL CHECK (\(column("state")) IN (\(states)))",
            "\(column("operation")) \(types.text) NOT NULL",
            "\(column("execution")) \(types.text) NOT NULL",
            "\(column("started_at")) \(types.timestamp) NOT NULL",
            "\(column("finished_at")) \(types.timestamp)",
            "\(column("duration_ms")) \(types.integer)",
            "\(column("applied_by")) \(types.text) NOT NULL",
            "\(column("statements_run")) \(types.integer) NOT NULL",
            "\(column("statements_total")) \(types.integer) NOT NULL",
            "\(column("error")) \(types.text)",
        ].joined(separator: ",\n    ")
        return [
            "CREATE TABLE IF NOT EXISTS \(table) (\n    \(definition)\n)",
            "CREATE INDEX IF NOT EXISTS \(column(reference.name + "_name")) ON \(table) (\(column("name")), \(column("id")))",
        ]
    }

    /// Every row, oldest first.
    var selectAll: String {
        "SELECT \(Self.columns.map(column).joined(separator: ", ")) FROM \(table) ORDER BY \(column("id"))"
    }

    /// Opens a row for a run that is starting.
    func start(_ name: String, checksum: String, operation: HistoryRecord.Operation, execution: HistoryRecord.Execution,
               appliedBy: String, statementsTotal: Int) -> String {
        insert(
            name: name, checksum: checksum, state: .running, operation: operation, execution: execution,
            startedAt: now, finishedAt: "NULL", appliedBy: appliedBy, statementsRun: 0,
            statementsTotal: statementsTotal, error: nil)
    }

    /// Records progress of a run outside a transaction, so a crash leaves an exact count.
    func progress(_ name: String, statementsRun: Int) -> String {
        "UPDATE \(table) SET \(column("statements_run")) = \(statementsRun) WHERE \(latestRow(name))"
    }

    /// Closes the run's row as finished: applied, or rolled back for a `down`.
    func finish(_ name: String, state: HistoryRecord.State, statementsRun: Int) -> String {
        "UPDATE \(table) SET \(column("state")) = \(literal(state.rawValue)), \(column("finished_at")) = \(now), "
            + "\(column("duration_ms")) = \(dialect.millisecondsSince(column("started_at"))), "
            + "\(column("statements_run")) = \(statementsRun) WHERE \(latestRow(name))"
    }

    /// Closes a run's row as failed, when the row survived (no transaction rolled it back).
    func fail(_ name: String, statementsRun: Int, error: String) -> String {
        "UPDATE \(table) SET \(column("state")) = \(literal(HistoryRecord.State.failed.rawValue)), "
            + "\(column("finished_at")) = \(now), "
            + "\(column("duration_ms")) = \(dialect.millisecondsSince(column("started_at"))), "
            + "\(column("statements_run")) = \(statementsRun), \(column("error")) = \(literal(error)) "
            + "WHERE \(latestRow(name))"
    }

    /// Adds the row of a run that finishes in this statement, begun at `startedAt`
    /// (an SQL expression such as the transaction's start time).
    func complete(_ name: String, checksum: String, state: HistoryRecord.State, operation: HistoryRecord.Operation,
                  execution: HistoryRecord.Execution, appliedBy: String, statementsRun: Int, startedAt: String) -> String {
        insert(
            name: name, checksum: checksum, state: state, operation: operation, execution: execution,
            startedAt: startedAt, finishedAt: now, appliedBy: appliedBy, statementsRun: statementsRun,
            statementsTotal: statementsRun, error: nil, durationSQL: dialect.millisecondsSince(startedAt))
    }

    /// Adds a finished row in one statement: a failure whose row was rolled
    /// back with its transaction, or a bookkeeping row (baseline, resolve).
    func record(_ name: String, checksum: String, state: HistoryRecord.State, operation: HistoryRecord.Operation,
                execution: HistoryRecord.Execution, appliedBy: String, statementsRun: Int, statementsTotal: Int,
                durationMilliseconds: Int64? = nil, error: String? = nil) -> String {
        insert(
            name: name, checksum: checksum, state: state, operation: operation, execution: execution,
            startedAt: now, finishedAt: now, appliedBy: appliedBy, statementsRun: statementsRun,
            statementsTotal: statementsTotal, error: error, durationMilliseconds: durationMilliseconds)
    }

    /// Copies Prisma's `_prisma_migrations` rows into the history, oldest first.
    func importPrisma(from prisma: TableReference) -> String {
        let state = "CASE WHEN \(column("rolled_back_at")) IS NOT NULL THEN \(literal("rolled_back")) "
            + "WHEN \(column("finished_at")) IS NOT NULL THEN \(literal("applied")) ELSE \(literal("failed")) END"
        return "INSERT INTO \(table) (\(insertColumns)) SELECT \(column("migration_name")), \(column("checksum")), "
            + "\(state), \(literal("prisma")), \(literal("none")), \(column("started_at")), "
            + "COALESCE(\(column("finished_at")), \(column("rolled_back_at"))), NULL, \(literal("prisma")), "
            + "\(column("applied_steps_count")), \(column("applied_steps_count")), \(column("logs")) "
            + "FROM \(dialect.qualified(prisma)) "
            + "ORDER BY \(column("started_at")), \(column("migration_name"))"
    }

    /// Reads Prisma's history in the same shape (for `status` before the import).
    func selectPrisma(from prisma: TableReference) -> String {
        let names = ["migration_name", "checksum", "started_at", "finished_at", "rolled_back_at", "logs", "applied_steps_count"]
        return "SELECT \(names.map(column).joined(separator: ", ")) FROM \(dialect.qualified(prisma)) "
            + "ORDER BY \(column("started_at")), \(column("migration_name"))"
    }

    private func latestRow(_ name: String) -> String {
        "\(column("id")) = (SELECT MAX(\(column("id"))) FROM \(table) WHERE \(column("name")) = \(literal(name)))"
    }

    private func insert(name: String, checksum: String, state: HistoryRecord.State, operation: HistoryRecord.Operation,
                        execution: HistoryRecord.Execution, startedAt: String, finishedAt: String, appliedBy: String,
                        statementsRun: Int, statementsTotal: Int, error: String?,
                        durationMilliseconds: Int64? = nil, durationSQL: String? = nil) -> String {
        let values = [
            literal(name), literal(checksum), literal(state.rawValue), literal(operation.rawValue),
            literal(execution.rawValue), startedAt, finishedAt, durationSQL ?? durationMilliseconds.map(String.init) ?? "NULL",
            literal(appliedBy), String(statementsRun), String(statementsTotal), error.map(literal) ?? "NULL",
        ].joined(separator: ", ")
        return "INSERT INTO \(table) (\(insertColumns)) VALUES (\(values))"
    }
}

