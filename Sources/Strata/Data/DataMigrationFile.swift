import Foundation
import TOMLKit

/// One file of the data migrations folder (`data/`): a named data
/// migration, run by `strata data run`, never by `migrate deploy`.
///
/// - `<timestamp>_<name>.toml` describes a backfill, run in batches:
///   ```toml
///   table = "users"
///   set = "role = 'USER'"
///   where = "role IS NULL"
///   batch_size = 1000        # or batch_time = "200ms"
///   pause = "50ms"
///   ```
/// - `<timestamp>_<name>.sql` is a script run once, as written, in one
///   transaction that also records it: for small fixes of data.
public struct DataMigrationFile: Sendable {
    /// The file name without its extension: the name in the data history.
    public var name: String
    public var path: String
    public var content: Content
    /// SHA-256 of what the file does (a script's bytes; a backfill's table,
    /// change and key, so a new batch size or comment still resumes it): an
    /// edited data migration is told from a resumed one.
    public var checksum: String

    /// What the file holds.
    public enum Content: Sendable {
        case backfill(Backfill)
        case script(String)
    }

    /// The keys a `.toml` data migration takes.
    public static let backfillKeys = [
        "table", "set", "where", "key", "batch_size", "batch_time", "pause", "max_lag", "statement_timeout", "lock_timeout",
    ]

    /// Reads and checks one file.
    ///
    /// - Throws: ``MigrationFileError`` naming the file (and line) for a file
    ///   that cannot be read or describes no backfill.
    public static func read(_ path: String) throws -> DataMigrationFile {
        let fileName = (path as NSString).lastPathComponent
        let name = (fileName as NSString).deletingPathExtension
        guard let data = FileManager.default.contents(atPath: path) else {
            throw MigrationFileError(path: path, problem: "cannot be read", nextStep: "check the file's permissions")
        }
        guard let text = String(validating: data, as: UTF8.self) else {
            throw MigrationFileError(path: path, problem: "is not UTF-8 text", nextStep: "save it as UTF-8")
        }
        if fileName.hasSuffix(".sql") {
            return DataMigrationFile(name: name, path: path, content: .script(text), checksum: Checksum.sha256Hex(data))
        }
        let backfill = try Self.backfill(named: name, toml: text, path: path)
        return DataMigrationFile(name: name, path: path, content: .backfill(backfill), checksum: backfill.checksum)
    }

    private static func backfill(named name: String, toml text: String, path: String) throws -> Backfill {
        let table: TOMLTable
        do {
            table = try TOMLTable(string: text)
        } catch let error as TOMLParseError {
            throw MigrationFileError(
                path: path, location: SourceLocation(line: error.source.begin.line, column: error.source.begin.column),
                problem: error.description, nextStep: "fix the TOML syntax")
        }
        /// The setting `key` is wrong: the error points at its line.
        func invalid(_ key: String, _ problem: String, nextStep: String) -> MigrationFileError {
            MigrationFileError(path: path, location: Self.location(of: key, in: text), problem: problem, nextStep: nextStep)
        }
        func string(_ key: String) throws -> String? {
            guard let value = table[key] else { return nil }
            guard let text = value.string, !text.trimmingCharacters(in: .whitespaces).isEmpty else {
                throw invalid(key, "`\(key)` must be a non-empty string", nextStep: "quote it, e.g. \(key) = \"...\"")
            }
            return text
        }
        func duration(_ key: String) throws -> Duration? {
            guard let text = try string(key) else { return nil }
            guard let duration = DurationText.parse(text) else {
                throw invalid(
                    key, "`\(key)` must be a duration such as \"200ms\", \"5s\" or \"2m\", not \"\(text)\"",
                    nextStep: "write it with its unit, e.g. \(key) = \"500ms\"")
            }
            return duration
        }
        for key in table.keys where !backfillKeys.contains(key) {
            let guess = backfillKeys.closest(to: key).map { "did you mean `\($0)`? " } ?? ""
            throw invalid(key, "unknown setting `\(key)`", nextStep: guess + "a data migration takes " + backfillKeys.joined(separator: ", "))
        }
        guard let tableName = try string("table") else {
            throw MigrationFileError(path: path, problem: "names no `table`", nextStep: "add e.g. table = \"users\"")
        }
        guard let set = try string("set") else {
            throw MigrationFileError(path: path, problem: "has no `set`", nextStep: "add the assignments, e.g. set = \"role = 'USER'\"")
        }
        var key: [String]?
        if let value = table["key"] {
            if let single = value.string {
                key = [single]
            } else if let names = value.array?.compactMap(\.string), !names.isEmpty, names.count == value.array?.count {
                key = names
            } else {
                throw invalid(
                    "key", "`key` must be a column name or a list of them", nextStep: "write e.g. key = \"id\" or key = [\"tenant_id\", \"id\"]")
            }
        }
        var batching = Backfill.Batching.rows(Backfill.defaultBatchSize)
        if let rows = table["batch_size"] {
            guard let count = rows.int, count > 0 else {
                let given = rows.string.map { ", not \"\($0)\"" } ?? ""
                throw invalid(
                    "batch_size", "`batch_size` must be a whole number of rows above 0\(given)",
                    nextStep: "write it unquoted, e.g. batch_size = 1000")
            }
            batching = .rows(count)
        }
        if let time = try duration("batch_time") {
            guard table["batch_size"] == nil else {
                throw invalid("batch_time", "gives both `batch_size` and `batch_time`", nextStep: "keep one of them")
            }
            batching = .duration(time)
        }
        return Backfill(
            name: name, table: TableReference(qualified: tableName), set: set, where: try string("where"), key: key,
            batching: batching, pause: try duration("pause") ?? .zero,
            maxReplicationLag: try duration("max_lag") ?? Backfill.defaultMaxReplicationLag,
            statementTimeout: try duration("statement_timeout") ?? Backfill.defaultStatementTimeout,
            lockTimeout: try duration("lock_timeout") ?? Backfill.defaultLockTimeout)
    }
}

extension DataMigrationFile {
    /// Where the top-level setting `key` is written (`key = ...`), for errors about its value.
    static func location(of key: String, in text: String) -> SourceLocation? {
        for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let trimmed = line.drop { $0 == " " || $0 == "\t" }
            guard trimmed.hasPrefix(key) else { continue }
            let rest = trimmed.dropFirst(key.count).drop { $0 == " " || $0 == "\t" }
            if rest.hasPrefix("=") { return SourceLocation(line: index + 1, column: line.count - trimmed.count + 1) }
        }
        return nil
    }
}

extension TableReference {
    /// `users` or `audit.events`, as people type a table on the command line.
    public init(qualified text: String) {
        let parts = text.split(separator: ".", maxSplits: 1).map(String.init)
        self = parts.count == 2 ? TableReference(schema: parts[0], name: parts[1]) : TableReference(name: text)
    }
}
