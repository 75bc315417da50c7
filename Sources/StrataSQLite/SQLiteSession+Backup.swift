import Foundation
import Strata

/// Backups on SQLite: the whole database file, copied page by page with
/// the online backup API into `database.sqlite` of the backup folder, and
/// restored the same way into the configured file. SQLite needs no tool.
extension SQLiteSession: BackupTaking {
    static let backupFile = "database.sqlite"

    func checkBackupTools(_ configuration: BackupConfiguration) async throws {}

    func backupContents(of target: BackupTarget) async throws -> [BackupContent] {
        switch target {
        case .table(let table):
            guard try await tableExists(table) else { return [] }
            return [BackupContent(table: TableReference(name: table.name), rows: try await rowCount(table.name))]
        case .column(let table, let column):
            guard try await tableExists(table),
                  try await !query("SELECT 1 FROM pragma_table_info(\(dialect.quoteLiteral(table.name))) WHERE name = \(dialect.quoteLiteral(column))").isEmpty
            else { return [] }
            return [BackupContent(table: TableReference(name: table.name), column: column, rows: try await rowCount(table.name))]
        case .schema:
            return []
        }
    }

    /// The whole file, whatever part of it the statements destroy.
    func writeBackup(of contents: [BackupContent], into folder: URL, configuration: BackupConfiguration) async throws -> [BackupItem] {
        var rows: [String: Int] = [:]
        for content in contents { rows[content.table.name] = content.rows }
        var item = try await backUpFile(into: folder, tables: contents.map(\.what), rows: rows.values.reduce(0, +))
        item.statement = contents.first?.statement
        return [item]
    }

    func writeDatabaseBackup(into folder: URL, configuration: BackupConfiguration) async throws -> BackupItem {
        let tables = try await userTables()
        var rows = 0
        for table in tables { rows += try await rowCount(table) }
        return try await backUpFile(into: folder, tables: tables, rows: rows)
    }

    func restoreConflict(_ item: BackupItem) async throws -> String? {
        var filled: [String] = []
        for table in try await userTables() {
            let rows = try await rowCount(table)
            if rows > 0 { filled.append("\(table) (\(rows == 1 ? "1 row" : "\(rows) rows"))") }
        }
        guard !filled.isEmpty else { return nil }
        return "\(path) holds data (\(filled.joined(separator: ", "))): restoring replaces the whole database with the backup's, "
            + "history included"
    }

    func restore(_ item: BackupItem, from folder: URL, configuration: BackupConfiguration) async throws -> Int {
        let file = folder.appendingPathComponent(item.file).path
        do {
            try await connection.perform { try $0.copy(.fromFile, file: file) }
        } catch let error as DatabaseError {
            throw BackupError("restoring \(path) from \(file) failed: \(error.message)", nextStep: "check that no other program writes \(path), and restore again")
        }
        return item.rows
    }

    private func backUpFile(into folder: URL, tables: [String], rows: Int) async throws -> BackupItem {
        let file = folder.appendingPathComponent(Self.backupFile)
        let path = file.path
        do {
            try await connection.perform { try $0.copy(.intoFile, file: path) }
        } catch let error as DatabaseError {
            throw BackupError(
                "backing up \(self.path) into \(path) failed: \(error.message)",
                nextStep: "check that the backup folder is writable and has room, then deploy again (nothing ran)")
        }
        return BackupItem(kind: .database, tables: tables, rows: rows, file: Self.backupFile, bytes: BackupFolder.size(of: file))
    }

    private func userTables() async throws -> [String] {
        try await query("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY name")
            .compactMap { $0["name"].string }
    }

    private func rowCount(_ table: String) async throws -> Int {
        Int(try await query("SELECT count(*) AS n FROM \(dialect.quoteIdentifier(table))").first?["n"].integer ?? 0)
    }
}
