import Foundation
import Strata

/// Backups on PostgreSQL: a table is `pg_dump --format=custom` of it; a
/// dropped column is the table's primary key and the column, copied with
/// `COPY (SELECT ...) TO STDOUT` (pg_dump cannot dump part of a table); the
/// whole database is `pg_dump --format=custom` of it. `pg_dump` connects
/// with this session's parameters in its environment, never on its command line.
extension PostgresSession: BackupTaking {
    func checkBackupTools(_ configuration: BackupConfiguration) async throws {
        let server = try await serverMajorVersion()
        let tools = try PostgresBackupTools.find(configuration, serverMajor: server)
        let dump = try await PostgresBackupTools.majorVersion(of: tools.pgDump, serverMajor: server)
        guard dump >= server else {
            throw BackupError(
                "cannot back up before destructive statements: \(tools.pgDump.path) is pg_dump \(dump), older than the server "
                    + "(PostgreSQL \(server)), and pg_dump refuses to dump a newer server",
                nextStep: PostgresBackupTools.installAdvice(serverMajor: server))
        }
    }

    func backupContents(of target: BackupTarget) async throws -> [BackupContent] {
        switch target {
        case .table(let table):
            guard let found = try await resolvedTable(table) else { return [] }
            return [BackupContent(table: found, rows: try await rowCount(found))]
        case .column(let table, let column):
            guard let found = try await resolvedTable(table), try await columnExists(column, in: found) else { return [] }
            return [BackupContent(table: found, column: column, rows: try await rowCount(found))]
        case .schema(let schema):
            let rows = try await query(
                "SELECT c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
                    + "WHERE n.nspname = $1 AND c.relkind IN ('r', 'p') ORDER BY c.relname",
                parameters: [.text(schema)])
            var contents: [BackupContent] = []
            for name in rows.compactMap({ $0["name"].string }) {
                let table = TableReference(schema: schema, name: name)
                contents.append(BackupContent(table: table, rows: try await rowCount(table)))
            }
            return contents
        }
    }

    func writeBackup(of contents: [BackupContent], into folder: URL, configuration: BackupConfiguration) async throws -> [BackupItem] {
        var items: [BackupItem] = []
        for content in contents {
            if let column = content.column, let key = try await primaryKey(of: content.table), !key.isEmpty {
                items.append(try await backUpColumn(column, of: content, key: key, into: folder))
            } else {
                // A table without a primary key has nothing to match a column's values by: the whole table is kept.
                items.append(try await dumpTable(content, into: folder, configuration: configuration))
            }
        }
        return items
    }

    func writeDatabaseBackup(into folder: URL, configuration: BackupConfiguration) async throws -> BackupItem {
        let tables = try await query(
            "SELECT n.nspname AS schema, c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
                + "WHERE c.relkind IN ('r', 'p') AND n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg\\_%' "
                + "ORDER BY 1, 2"
        ).compactMap { row in row["name"].string.map { TableReference(schema: row["schema"].string, name: $0) } }
        var rows = 0
        for table in tables { rows += try await rowCount(table) }
        let file = folder.appendingPathComponent("database.dump")
        try await runPgDump(["--file=" + file.path], what: "the database", before: nil, configuration: configuration)
        return BackupItem(
            kind: .database, tables: tables.map(\.description), rows: rows, file: file.lastPathComponent,
            bytes: BackupFolder.size(of: file))
    }

    // MARK: - Pieces

    /// `pg_dump --format=custom --table=...` of one table.
    private func dumpTable(_ content: BackupContent, into folder: URL, configuration: BackupConfiguration) async throws -> BackupItem {
        let file = folder.appendingPathComponent(BackupFolder.fileName(content.table, extension: "dump"))
        // Double quotes make pg_dump read the pattern's characters as they are.
        try await runPgDump(
            ["--file=" + file.path, "--table=" + dialect.qualified(content.table)], what: content.table.description,
            before: content.statement, configuration: configuration)
        return BackupItem(
            kind: .table, schema: content.table.schema, table: content.table.name, rows: content.rows, file: file.lastPathComponent,
            bytes: BackupFolder.size(of: file), statement: content.statement)
    }

    /// The key and the column's values, `COPY`'s text format, and what it takes to add the column again.
    private func backUpColumn(
        _ column: String, of content: BackupContent, key: [BackedUpColumn.KeyColumn], into folder: URL
    ) async throws -> BackupItem {
        let table = dialect.qualified(content.table)
        let definition = try await query(
            "SELECT format_type(a.atttypid, a.atttypmod) AS type, a.attnotnull AS notnull, pg_get_expr(d.adbin, d.adrelid) AS expression "
                + "FROM pg_attribute a LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum "
                + "WHERE a.attrelid = $1::regclass AND a.attname = $2 AND a.attnum > 0 AND NOT a.attisdropped",
            parameters: [.text(table), .text(column)]
        ).first
        guard let definition, let type = definition["type"].string else {
            throw BackupError("column \(content.what) vanished while being backed up", nextStep: "deploy again")
        }
        let file = folder.appendingPathComponent(BackupFolder.fileName(content.table, column: column, extension: "copy"))
        let names = (key.map(\.name) + [column]).map(dialect.quoteIdentifier).joined(separator: ", ")
        let order = key.map { dialect.quoteIdentifier($0.name) }.joined(separator: ", ")
        let rows: Int
        do {
            rows = try await connection.copyOut("COPY (SELECT \(names) FROM \(table) ORDER BY \(order)) TO STDOUT", to: file)
        } catch let error as DatabaseError where !Task.isCancelled {
            throw BackupError(
                "copying \(content.what) for its backup failed: \(error.message)",
                details: content.statement.map { ["before \($0.place): \($0.sql)"] } ?? [],
                nextStep: "fix the cause and deploy again; the statement did not run")
        }
        let backedUp = BackedUpColumn(
            name: column, type: type, nullable: definition["notnull"].integer != 1,
            defaultExpression: definition["expression"].string, key: key)
        return BackupItem(
            kind: .column, schema: content.table.schema, table: content.table.name, column: backedUp, rows: rows,
            file: file.lastPathComponent, bytes: BackupFolder.size(of: file), statement: content.statement)
    }

    /// Runs `pg_dump --format=custom` with `arguments`, connected as this
    /// session is; `statement` is the one the backup is taken before.
    private func runPgDump(_ arguments: [String], what: String, before statement: BackupStatement?, configuration: BackupConfiguration) async throws {
        let tools = try PostgresBackupTools.find(configuration, serverMajor: nil)
        let outcome = try await tools.pgDump.run(
            ["--format=custom", "--no-password"] + arguments, environment: try parameters.environment(over: ProcessInfo.processInfo.environment))
        guard outcome.status == 0 else {
            throw BackupError(
                "pg_dump could not back up \(what) (exit status \(outcome.status))",
                details: (outcome.messages.isEmpty ? [] : [outcome.messages]) + (statement.map { ["needed before \($0.place): \($0.sql)"] } ?? []),
                nextStep: statement == nil
                    ? "fix what pg_dump says and back up again"
                    : "fix what pg_dump says and deploy again (the statement did not run), or turn backups off with [backup] enabled = false")
        }
    }

    /// The server's major version (`server_version_num` 160004 is 16).
    func serverMajorVersion() async throws -> Int {
        let number = try await query("SELECT current_setting('server_version_num')::int AS version").first?["version"].integer ?? 0
        return Int(number / 10000)
    }

    /// The table `table` names, as the session's search path finds it, schema-qualified; `nil` when there is none.
    func resolvedTable(_ table: TableReference) async throws -> TableReference? {
        let row = try await query(
            "SELECT n.nspname AS schema, c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
                + "WHERE c.oid = to_regclass($1) AND c.relkind IN ('r', 'p')",
            parameters: [.text(dialect.qualified(table))]
        ).first
        return row.flatMap { row in row["name"].string.map { TableReference(schema: row["schema"].string, name: $0) } }
    }

    func columnExists(_ column: String, in table: TableReference) async throws -> Bool {
        try await !query(
            "SELECT 1 FROM pg_attribute WHERE attrelid = $1::regclass AND attname = $2 AND attnum > 0 AND NOT attisdropped",
            parameters: [.text(dialect.qualified(table)), .text(column)]
        ).isEmpty
    }

    func rowCount(_ table: TableReference, where condition: String? = nil) async throws -> Int {
        let filter = condition.map { " WHERE " + $0 } ?? ""
        return Int(try await query("SELECT count(*) AS n FROM \(dialect.qualified(table))\(filter)").first?["n"].integer ?? 0)
    }

    /// The primary key's columns and their types, in key order; `nil` without one.
    private func primaryKey(of table: TableReference) async throws -> [BackedUpColumn.KeyColumn]? {
        let rows = try await query(
            "SELECT a.attname AS name, format_type(a.atttypid, a.atttypmod) AS type FROM pg_index i "
                + "JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = ANY (i.indkey) "
                + "WHERE i.indrelid = $1::regclass AND i.indisprimary ORDER BY array_position(i.indkey::int2[], a.attnum)",
            parameters: [.text(dialect.qualified(table))])
        let key = rows.compactMap { row in row["name"].string.flatMap { name in row["type"].string.map { BackedUpColumn.KeyColumn(name: name, type: $0) } } }
        return key.isEmpty ? nil : key
    }
}
