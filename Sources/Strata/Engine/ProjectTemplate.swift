import Foundation

/// `strata init`: the files a new project starts with.
public enum ProjectTemplate {
    /// What `initialize` did to one path.
    public struct Change: Sendable, Equatable {
        public var path: String
        public var action: Action

        public enum Action: String, Sendable {
            case created
            case updated
            case kept
        }
    }

    /// Creates `strata.toml`, the migrations folder with an empty `strata.sum`,
    /// and `.gitignore` lines for the SQLite database, `.env` and `.strata/` (backups hold data). Existing files
    /// are kept (`.gitignore` only gains missing lines).
    public static func initialize(in directory: String, migrationsPath: String = "migrations") throws -> [Change] {
        var changes: [Change] = []
        let config = joinPath(directory, "strata.toml")
        changes.append(try write(config, contents: configFile(migrationsPath: migrationsPath)))

        let migrations = joinPath(directory, migrationsPath)
        let sum = joinPath(migrations, "strata.sum")
        if FileManager.default.fileExists(atPath: migrations) {
            changes.append(Change(path: migrations, action: .kept))
        } else {
            do {
                try FileManager.default.createDirectory(atPath: migrations, withIntermediateDirectories: true)
            } catch {
                throw MigrationFileError(path: migrations, problem: "cannot be created: \(error.localizedDescription)")
            }
            changes.append(Change(path: migrations, action: .created))
            let loaded = try MigrationDirectory(path: migrations).load()
            try SumFile(migrations: loaded).write(to: sum)
            changes.append(Change(path: sum, action: .created))
        }

        let gitignore = joinPath(directory, ".gitignore")
        let existing = FileManager.default.contents(atPath: gitignore).map { String(decoding: $0, as: UTF8.self) }
        let present = Set((existing ?? "").lines.map { String($0.trimmingWhitespace()) })
        let missing = ignoredLines.filter { !present.contains($0) }
        if missing.isEmpty {
            changes.append(Change(path: gitignore, action: .kept))
        } else {
            var text = existing ?? ""
            if !text.isEmpty, !text.hasSuffix("\n") { text += "\n" }
            text += "# strata\n" + missing.joined(separator: "\n") + "\n"
            try writeFile(gitignore, text)
            changes.append(Change(path: gitignore, action: existing == nil ? .created : .updated))
        }
        return changes
    }

    static let ignoredLines = ["strata.db", "strata.db-journal", "strata.db-wal", "strata.db-shm", ".env", ".strata/"]

    static func configFile(migrationsPath: String) -> String {
        """
        # Strata configuration. Choose an environment with --env or STRATA_ENV;
        # "development" is used when none is chosen. --url and DATABASE_URL win over `url`.
        # Values may use ${VAR} or ${VAR:-default}; variables come from the
        # environment and from .env beside this file.

        [environments.development]
        url = "sqlite:strata.db"
        dir = "\(migrationsPath)"

        # [environments.production]
        # url = "${DATABASE_URL}"
        # production = true          # `migrate reset` refuses to run here
        # lock_timeout = "60s"       # how long to wait for another runner
        # history_table = "_strata_migrations"
        # schema = "public"

        # Before a destructive statement (DROP TABLE, DROP COLUMN, TRUNCATE, DROP SCHEMA)
        # on data, `migrate deploy` backs the data up (see `strata db backups`).
        # [backup]
        # enabled = true             # false: deploy warns, and backs up nothing
        # dir = ".strata/backups"    # relative to this file, e.g. a mounted volume
        # pg_dump = "/usr/lib/postgresql/16/bin/pg_dump"   # default: pg_dump on PATH

        """
    }

    private static func write(_ path: String, contents: String) throws -> Change {
        if FileManager.default.fileExists(atPath: path) { return Change(path: path, action: .kept) }
        try writeFile(path, contents)
        return Change(path: path, action: .created)
    }

    private static func writeFile(_ path: String, _ text: String) throws {
        do {
            try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        } catch {
            throw MigrationFileError(path: path, problem: "cannot be written: \(error.localizedDescription)")
        }
    }
}
