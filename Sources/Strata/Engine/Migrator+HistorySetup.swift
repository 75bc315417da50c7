/// The history table: where it is, creating it, importing Prisma's, and running Strata's own statements.
extension Migrator {
    /// The history table in the session's schema.
    func historyTable(_ session: any Database) -> HistoryTable {
        HistoryTable(reference: TableReference(schema: session.schema, name: configuration.historyTable), dialect: session.dialect)
    }

    /// The statements that create the history table (and its schema) when it
    /// does not exist, and import Prisma's history when that is what was read.
    func historySetup(_ table: HistoryTable, reader: HistoryReader, history: History) async throws -> [String] {
        var statements: [String] = []
        if history.source == .strata { return statements }
        if try await !reader.strataTableExists() {
            statements += try await creatingTable(table, session: reader.session)
        }
        if history.source == .prisma {
            statements.append(table.importPrisma(from: reader.prismaTable))
        }
        return statements
    }

    /// The statements that create the history table, and its schema first
    /// when that does not exist yet (a URL's `?schema=` names a new one).
    func creatingTable(_ table: HistoryTable, session: any Database) async throws -> [String] {
        let dialect = table.dialect
        if dialect.supportsSchemas, let schema = table.reference.schema, try await !session.schemaExists(schema) {
            return ["CREATE SCHEMA \(dialect.quoteIdentifier(schema))"] + table.createStatements
        }
        return table.createStatements
    }

    /// Runs setup statements, reporting what they did.
    func runSetup(
        _ statements: [String], table: HistoryTable, history: History, session: any Database,
        events: MigratorEventHandler
    ) async throws {
        try await executeBookkeeping(statements, table: table, session: session)
        if statements.contains(where: { $0.hasPrefix("CREATE TABLE") }) { events(.createdHistoryTable(table.reference)) }
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
