import Foundation
import Strata

/// Restores on PostgreSQL: a table or the whole database through
/// `pg_restore` in one transaction; a column added again (nullable, with
/// its default), refilled by key from its `COPY` file through a temporary
/// table, and made `NOT NULL` again where it was, in one transaction.
extension PostgresSession {
    func restoreConflict(_ item: BackupItem) async throws -> String? {
        switch item.kind {
        case .table:
            guard let reference = item.tableReference, let table = try await resolvedTable(reference) else { return nil }
            return "table \(table) exists (\(counted(try await rowCount(table)))): restoring drops it and re-creates it from the backup"
        case .column:
            guard let reference = item.tableReference, let column = item.column, let table = try await resolvedTable(reference),
                  try await columnExists(column.name, in: table) else { return nil }
            let values = try await rowCount(table, where: "\(dialect.quoteIdentifier(column.name)) IS NOT NULL")
            guard values > 0 else { return nil }
            return "column \(table).\(column.name) exists with \(values == 1 ? "1 value" : "\(values) values"): restoring overwrites them by key"
        case .database:
            var present: [String] = []
            for name in item.tables ?? [] {
                let parts = name.split(separator: ".", maxSplits: 1).map(String.init)
                let reference = parts.count == 2 ? TableReference(schema: parts[0], name: parts[1]) : TableReference(name: name)
                if let table = try await resolvedTable(reference) { present.append(table.description) }
            }
            guard !present.isEmpty else { return nil }
            return "tables of the backup exist (\(present.joined(separator: ", "))): restoring drops and re-creates them"
        }
    }

    func restore(_ item: BackupItem, from folder: URL, configuration: BackupConfiguration) async throws -> Int {
        let file = folder.appendingPathComponent(item.file)
        switch item.kind {
        case .table:
            guard let reference = item.tableReference else { throw BackupError("\(item.file): the manifest names no table") }
            let exists = try await resolvedTable(reference) != nil
            try await runPgRestore(file, replacing: exists, what: item.what, configuration: configuration)
            return try await rowCount(reference)
        case .database:
            try await runPgRestore(file, replacing: true, what: item.what, configuration: configuration)
            return item.rows
        case .column:
            return try await restoreColumn(item, from: file)
        }
    }

    /// Adds the column again where it is missing and sets its values by key.
    private func restoreColumn(_ item: BackupItem, from file: URL) async throws -> Int {
        guard let reference = item.tableReference, let column = item.column, !column.key.isEmpty else {
            throw BackupError("\(item.file): the manifest does not say which column and key it holds", nextStep: "restore from another backup")
        }
        guard let table = try await resolvedTable(reference) else {
            throw BackupError(
                "table \(reference) does not exist, so its column \(column.name) cannot be added back",
                nextStep: "re-create the table (restore a backup of it, or run the migration that creates it), then restore again")
        }
        let target = dialect.qualified(table)
        let name = dialect.quoteIdentifier(column.name)
        let scratch = dialect.quoteIdentifier("_strata_restore_" + column.name)
        let keys = column.key.map { dialect.quoteIdentifier($0.name) }
        var statements = ["BEGIN"]
        if try await !columnExists(column.name, in: table) {
            statements.append("ALTER TABLE \(target) ADD COLUMN \(name) \(column.type)" + (column.defaultExpression.map { " DEFAULT \($0)" } ?? ""))
        }
        let scratchColumns = column.key.map { "\(dialect.quoteIdentifier($0.name)) \($0.type)" } + ["\(name) \(column.type)"]
        statements.append("CREATE TEMPORARY TABLE \(scratch) (\(scratchColumns.joined(separator: ", "))) ON COMMIT DROP")
        let matching = keys.map { "\(target).\($0) = \(scratch).\($0)" }.joined(separator: " AND ")
        do {
            for statement in statements { try await execute(statement) }
            _ = try await copyIn("COPY \(scratch) (\((keys + [name]).joined(separator: ", "))) FROM STDIN") { writer in
                let handle = try FileHandle(forReadingFrom: file)
                defer { try? handle.close() }
                while let chunk = try handle.read(upToCount: 1 << 20), !chunk.isEmpty { try writer.write(chunk) }
            }
            let restored = try await execute("UPDATE \(target) SET \(name) = \(scratch).\(name) FROM \(scratch) WHERE \(matching)", parameters: [])
            if !column.nullable { try await execute("ALTER TABLE \(target) ALTER COLUMN \(name) SET NOT NULL") }
            try await execute("COMMIT")
            return restored
        } catch {
            try? await execute("ROLLBACK")
            let message = (error as? DatabaseError)?.message ?? "\(error)"
            throw BackupError(
                "restoring \(table).\(column.name) failed and was rolled back: \(message)",
                nextStep: column.nullable
                    ? "fix the cause and restore again"
                    : "rows added since the drop have no value for \(column.name), which was NOT NULL: give them one and restore again")
        }
    }

    /// `pg_restore` of a custom-format dump into this session's database in
    /// one transaction; `replacing` drops what the dump re-creates first.
    private func runPgRestore(_ file: URL, replacing: Bool, what: String, configuration: BackupConfiguration) async throws {
        let tools = try PostgresBackupTools.find(configuration, serverMajor: nil)
        // An empty --dbname makes pg_restore connect, and libpq takes the database from PGDATABASE.
        let arguments = ["--dbname=", "--no-password", "--no-owner", "--exit-on-error", "--single-transaction"]
            + (replacing ? ["--clean", "--if-exists"] : []) + [file.path]
        let outcome = try await tools.pgRestore.run(arguments, environment: try parameters.environment(over: ProcessInfo.processInfo.environment))
        guard outcome.status == 0 else {
            throw BackupError(
                "pg_restore could not restore \(what) from \(file.path) (exit status \(outcome.status)); it was rolled back",
                details: outcome.messages.isEmpty ? [] : [outcome.messages], nextStep: "fix what pg_restore says and restore again")
        }
    }

    private func counted(_ rows: Int) -> String { rows == 1 ? "1 row" : "\(rows) rows" }
}
