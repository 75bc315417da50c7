import Foundation

/// `manifest.json` of one backup folder: what was backed up, when, from
/// which migration and statement, from which database, and how big.
///
/// ```swift
/// let manifest = try BackupManifest.read(from: URL(fileURLWithPath: ".strata/backups/20240115120000_drop_email"))
/// for item in manifest.items { print(item.what, item.rows, item.bytes) }
/// ```
public struct BackupManifest: Codable, Sendable, Equatable {
    /// The manifest's file name in a backup folder.
    public static let fileName = "manifest.json"
    /// The layout of this file; a newer one is refused by an older Strata.
    public static let currentFormat = 1

    public var format: Int
    /// When the backup was taken (ISO 8601, UTC).
    public var createdAt: String
    /// The database, as its URL reads without a password.
    public var database: String
    /// The product the backup is from (`PostgreSQL`, `SQLite`): it restores there only.
    public var product: String
    /// The migration whose statements the backup was taken before; `nil` for `strata db backup`.
    public var migration: String?
    public var items: [BackupItem]

    public init(createdAt: String, database: String, product: String, migration: String?, items: [BackupItem]) {
        self.format = Self.currentFormat
        self.createdAt = createdAt
        self.database = database
        self.product = product
        self.migration = migration
        self.items = items
    }

    /// The size of every file of the backup.
    public var bytes: Int64 { items.reduce(0) { $0 + $1.bytes } }

    /// What the backup holds, in one line: `users, orders.note`.
    public var what: String { items.map(\.what).joined(separator: ", ") }
}

/// One file of a backup: a table's dump, a column's values by key, or the whole database.
public struct BackupItem: Codable, Sendable, Equatable {
    public enum Kind: String, Codable, Sendable {
        /// A table: PostgreSQL's `pg_dump --format=custom` of it.
        case table
        /// A column: the table's key and the column's values (`COPY ... TO STDOUT`, text format).
        case column
        /// The whole database file (SQLite's online backup).
        case database
    }

    public var kind: Kind
    public var schema: String?
    /// The table, for a table or column; `nil` for the whole database.
    public var table: String?
    /// The column and what it takes to add it again, for a column.
    public var column: BackedUpColumn?
    /// For the whole database: the tables it was taken for.
    public var tables: [String]?
    /// The rows copied (for the database: of the tables it was taken for).
    public var rows: Int
    /// The file in the backup folder.
    public var file: String
    public var bytes: Int64
    /// The statement the backup was taken before; `nil` for `strata db backup`.
    public var statement: BackupStatement?

    public init(
        kind: Kind, schema: String? = nil, table: String? = nil, column: BackedUpColumn? = nil, tables: [String]? = nil,
        rows: Int, file: String, bytes: Int64, statement: BackupStatement? = nil
    ) {
        self.kind = kind
        self.schema = schema
        self.table = table
        self.column = column
        self.tables = tables
        self.rows = rows
        self.file = file
        self.bytes = bytes
        self.statement = statement
    }

    /// The table as a reference.
    public var tableReference: TableReference? { table.map { TableReference(schema: schema, name: $0) } }

    /// What it holds, for people: `users`, `users.email`, `users.email, in a copy of the whole database file`, `the whole database (users, orders)`.
    public var what: String {
        switch kind {
        case .table: tableReference?.description ?? "?"
        case .column: (tableReference?.description ?? "?") + "." + (column?.name ?? "?")
        case .database where statement != nil && !(tables ?? []).isEmpty: (tables ?? []).joined(separator: ", ") + ", in a copy of the whole database file"
        case .database: "the whole database" + ((tables ?? []).isEmpty ? "" : " (" + (tables ?? []).joined(separator: ", ") + ")")
        }
    }
}

/// A dropped column as restore adds it again, and the key its values are matched by.
public struct BackedUpColumn: Codable, Sendable, Equatable {
    public var name: String
    /// Its type as the database spells it (`character varying(255)`).
    public var type: String
    public var nullable: Bool
    /// Its default expression, as the database spells it.
    public var defaultExpression: String?
    /// The table's primary key, whose values come first in each row of the file.
    public var key: [KeyColumn]

    public init(name: String, type: String, nullable: Bool, defaultExpression: String?, key: [KeyColumn]) {
        self.name = name
        self.type = type
        self.nullable = nullable
        self.defaultExpression = defaultExpression
        self.key = key
    }

    /// A key column and its type.
    public struct KeyColumn: Codable, Sendable, Equatable {
        public var name: String
        public var type: String

        public init(name: String, type: String) {
            self.name = name
            self.type = type
        }
    }
}

/// The statement a backup was taken before.
public struct BackupStatement: Codable, Sendable, Equatable, Hashable {
    /// The migration file.
    public var file: String
    public var line: Int
    /// The statement's first line.
    public var sql: String

    public init(file: String, line: Int, sql: String) {
        self.file = file
        self.line = line
        self.sql = sql
    }

    /// `migrations/…/migration.sql:3`.
    public var place: String { "\(file):\(line)" }
}

extension BackupManifest {
    /// Reads `manifest.json` from a backup folder (`shown` as the user named it, in errors).
    ///
    /// - Throws: ``BackupError`` when the folder holds none, or one Strata cannot read.
    public static func read(from folder: URL, shownAs shown: String? = nil) throws -> BackupManifest {
        let file = folder.appendingPathComponent(fileName)
        guard let data = FileManager.default.contents(atPath: file.path) else {
            throw BackupError(
                "\(shown ?? folder.path) is not a backup folder: it has no \(fileName)",
                nextStep: "pass a folder `strata db backups` lists; nothing was restored")
        }
        let manifest: BackupManifest
        do {
            manifest = try JSONDecoder().decode(BackupManifest.self, from: data)
        } catch {
            throw BackupError("\(file.path) cannot be read as a Strata backup manifest: \(error)", nextStep: "pass a folder `strata db backups` lists")
        }
        guard manifest.format <= currentFormat else {
            throw BackupError(
                "\(file.path) is written in backup format \(manifest.format), newer than this Strata reads (\(currentFormat))",
                nextStep: "restore it with the Strata release that wrote it, or a newer one")
        }
        return manifest
    }

    /// Writes `manifest.json` into `folder`.
    func write(to folder: URL) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        try (try encoder.encode(self) + Data("\n".utf8)).write(to: folder.appendingPathComponent(Self.fileName))
    }
}
