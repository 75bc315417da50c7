/// The history table: where it is, creating it, importing Prisma's, and running Strata's own statements.
extension Migrator {
    /// The history table in the session's schema.
    func historyTable(_ session: any Database) -> HistoryTable {
        HistoryTable(reference: TableReference(schema: session.schema, name: configuration.historyTable), dialect: session.dialect)
    }

    /// What must happen before a run can record anything: the history table
    /// (and its schema) created when it does not exist, Prisma's history imported.
    struct HistorySetup: Sendable {
        var statements: [String] = []
        /// Whether the statements create the history table.
        var createsTable = false
    }

    /// The setup for `history`, as read by `reader`.
    func historySetup(_ table: HistoryTable, reader: HistoryReader, history: History) async throws -> HistorySetup {
        var setup = HistorySetup()
        if history.source == .strata { return setup }
        if try await !reader.strataTableExists() {
            setup = try await creatingTable(table, session: reader.session)
        }
        if history.source == .prisma {
            setup.statements.append(table.importPrisma(from: reader.prismaTable))
        }
        return setup
    }

    /// The statements that create the history table, and its schema first
    /// when that does not exist yet (a URL's `?schema=` names a new one).
    func creatingTable(_ table: HistoryTable, session: any Database) async throws -> HistorySetup {
        let dialect = table.dialect
        var statements = table.createStatements
        if dialect.supportsSchemas, let schema = table.reference.schema, try await !session.schemaExists(schema) {
            statements.insert(dialect.createSchemaSQL(schema), at: 0)
        }
        return HistorySetup(statements: statements, createsTable: true)
    }

    /// Runs the setup, reporting what it did.
    func runSetup(
        _ setup: HistorySetup, table: HistoryTable, history: History, session: any Database,
        events: MigratorEventHandler
    ) async throws {
        try await executeBookkeeping(setup.statements, table: table, session: session)
        if setup.createsTable { events(.createdHistoryTable(table.reference)) }
        if history.source == .prisma { events(.importedPrismaHistory(count: history.records.count)) }
    }

    /// Runs Strata's own statements (history rows, session settings): a
    /// failure is a ``HistoryWriteError`` naming the statement.
    func executeBookkeeping(_ statements: [String], table: HistoryTable, session: any Database) async throws {
        for statement in statements {
            do {
                try await session.execute(statement)
            } catch let error as DatabaseError {
                throw HistoryWriteError(table: table.reference, statement: statement, underlying: error)
            }
        }
    }
}
