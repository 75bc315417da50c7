import Foundation
import TOMLKit

/// `strata.toml` as written: one table per environment, values not yet interpolated.
///
/// ```toml
/// provider = "postgresql"    # the database the migrations are written for
/// schema_file = "db/schema.prisma"  # the declarative schema `migrate dev` reads (.prisma or .sql)
///
/// [environments.development]
/// url = "sqlite:dev.db"
///
/// [environments.production]
/// url = "${DATABASE_URL}"
/// production = true
/// lock_timeout = "2m"
/// ```
struct ConfigFile: Sendable {
    struct Environment: Sendable {
        var url: String?
        /// A URL straight to the server, for migrations when `url` goes
        /// through a connection pooler (Prisma's `directUrl`).
        var directURL: String?
        /// A database `migrate dev` and `migrate diff` empty and use as their
        /// shadow, for users who may not create databases (Prisma's `shadowDatabaseUrl`).
        var shadowURL: String?
        var dir: String?
        var historyTable: String?
        var schema: String?
        var production = false
        var lockTimeout: Duration?
        var statementLockTimeout: Duration??
        var lockRetries: Int?
    }

    /// The file's path.
    var path: String
    /// The database the migrations are written for (`postgresql`, `sqlite`):
    /// commands without a database (new, hash, lint) know the dialect from it.
    var provider: String?
    /// The declarative schema (`.prisma` or `.sql`, a file or a folder), relative to the file.
    var schemaFile: String?
    /// The data migrations folder (`data_dir`), relative to the file.
    var dataDirectory: String?
    /// The seeds folder (`seeds_dir`), relative to the file.
    var seedsDirectory: String?
    var environments: [String: Environment]
    /// The `[lint]` table.
    var lint: LintConfiguration?
    /// The `[backup]` table, or `backup = false`.
    var backup: Backup?

    /// The settings outside `[environments.NAME]`.
    static let topLevelKeys = ["provider", "schema_file", "data_dir", "seeds_dir", "lint", "backup", "environments"]

    static let environmentKeys = [
        "url", "direct_url", "shadow_url", "dir", "history_table", "schema", "production", "lock_timeout", "statement_lock_timeout", "lock_retries",
    ]

    /// Reads and checks the file. Unknown keys are errors, so a typo never
    /// silently falls back to a default.
    static func read(_ path: String) throws -> ConfigFile {
        guard let data = FileManager.default.contents(atPath: path), let text = String(validating: data, as: UTF8.self)
        else { throw ConfigurationError("\(path) cannot be read as UTF-8 text") }
        let table: TOMLTable
        do {
            table = try TOMLTable(string: text)
        } catch let error as TOMLParseError {
            throw ConfigurationError(
                "\(path):\(error.source.begin.line):\(error.source.begin.column): \(error.description)",
                nextStep: "fix the TOML syntax")
        }
        var file = ConfigFile(path: path, environments: [:])
        for (key, value) in table {
            if key == "provider" {
                guard let provider = value.string else { throw ConfigurationError("\(path): provider must be a string, e.g. \"postgresql\"") }
                file.provider = provider
                continue
            }
            if key == "schema_file" {
                guard let schemaFile = value.string else { throw ConfigurationError("\(path): schema_file must be a string, e.g. \"schema.prisma\"") }
                file.schemaFile = schemaFile
                continue
            }
            if key == "data_dir" {
                guard let folder = value.string else { throw ConfigurationError("\(path): data_dir must be a string, e.g. \"data\"") }
                file.dataDirectory = folder
                continue
            }
            if key == "seeds_dir" {
                guard let folder = value.string else { throw ConfigurationError("\(path): seeds_dir must be a string, e.g. \"seeds\"") }
                file.seedsDirectory = folder
                continue
            }
            if key == "lint" {
                guard let lint = value.table else { throw ConfigurationError("\(path): `lint` must be a [lint] table") }
                file.lint = try LintConfiguration(lint, path: path)
                continue
            }
            if key == "backup" {
                file.backup = try backup(value, path: path)
                continue
            }
            guard key == "environments" else {
                throw ConfigurationError(
                    "\(path): unknown setting `\(key)`",
                    nextStep: "the top level takes provider, schema_file, data_dir, seeds_dir, a [lint] table, a [backup] table and [environments.NAME] tables, which take "
                        + environmentKeys.joined(separator: ", "))
            }
            guard let environments = value.table else {
                throw ConfigurationError("\(path): `environments` must be a table of [environments.NAME] tables")
            }
            for (name, settings) in environments {
                guard let settings = settings.table else {
                    throw ConfigurationError("\(path): `environments.\(name)` must be a table")
                }
                file.environments[name] = try environment(settings, name: name, path: path)
            }
        }
        return file
    }

    private static func environment(_ table: TOMLTable, name: String, path: String) throws -> Environment {
        var environment = Environment()
        for (key, value) in table {
            let setting = "\(path): environments.\(name).\(key)"
            func string() throws -> String {
                guard let text = value.string else { throw ConfigurationError("\(setting) must be a string") }
                return text
            }
            switch key {
            case "url": environment.url = try string()
            case "direct_url": environment.directURL = try string()
            case "shadow_url": environment.shadowURL = try string()
            case "dir": environment.dir = try string()
            case "history_table": environment.historyTable = try string()
            case "schema": environment.schema = try string()
            case "production":
                guard let flag = value.bool else { throw ConfigurationError("\(setting) must be true or false") }
                environment.production = flag
            case "lock_timeout":
                environment.lockTimeout = try Self.duration(value, setting: setting)
            case "statement_lock_timeout":
                let limit = try Self.duration(value, setting: setting)
                environment.statementLockTimeout = .some(limit == .zero ? nil : limit)
            case "lock_retries":
                guard let retries = value.int, retries >= 0 else {
                    throw ConfigurationError("\(setting) must be a whole number, 0 or more")
                }
                environment.lockRetries = retries
            default:
                throw ConfigurationError(
                    "\(setting): unknown setting `\(key)`",
                    nextStep: "an environment takes " + environmentKeys.joined(separator: ", "))
            }
        }
        return environment
    }
}

extension ConfigFile {
    /// Seconds (`60`) or a duration text (`"90s"`).
    fileprivate static func duration(_ value: any TOMLValueConvertible, setting: String) throws -> Duration {
        if let seconds = value.int, seconds >= 0 { return .seconds(seconds) }
        if let text = value.string, let duration = DurationText.parse(text) { return duration }
        throw ConfigurationError("\(setting) must be seconds (60) or a duration (\"90s\", \"2m\", \"500ms\")")
    }
}
