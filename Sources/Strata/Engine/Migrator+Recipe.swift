import Foundation

/// `strata migrate new --recipe`: a zero-downtime change written as its steps.
extension Migrator {
    /// Writes `request`'s steps: each schema step a migration folder (added
    /// to `strata.sum`), each backfill a `.toml` data migration in the data
    /// folder, in deploy order, every file saying when it deploys relative
    /// to the application. Touches no database.
    ///
    /// - Throws: ``RefusalError`` when the database has no recipes (SQLite)
    ///   or an option the recipe needs is missing (nothing is written then).
    public func newRecipe(_ request: RecipeRequest, at date: Date = Date()) throws -> [RecipeFile] {
        guard let writer = driver.recipeWriter else {
            throw RefusalError(
                "zero-downtime recipes are written for PostgreSQL; \(driver.name) takes none",
                nextStep: "SQLite has no concurrent writers to keep running: write the change as one migration with `strata migrate new`")
        }
        let steps = try writer.steps(for: request)
        var files: [RecipeFile] = []
        var stamp = date
        for (index, step) in steps.enumerated() {
            let header = "-- Recipe \(request.recipe.rawValue), step \(index + 1) of \(steps.count): deploy \(step.when).\n"
            switch step.content {
            case .schema(let up, let down):
                let body = Self.movingDirectivesFirst(header, up)
                let migration = try newMigration(named: step.slug, at: stamp, up: body, down: Self.movingDirectivesFirst(header, down))
                files.append(RecipeFile(step: index + 1, path: migration.up.path, when: step.when, isDataMigration: false))
                stamp = Self.stamp(of: migration.name) ?? stamp
            case .backfill(let backfill):
                let path = try writeDataMigration(backfill, slug: step.slug, header: header, at: stamp)
                files.append(RecipeFile(step: index + 1, path: path, when: step.when, isDataMigration: true))
            }
            stamp += 1
        }
        return files
    }

    /// Directives (`-- strata:transaction off`) stay the file's first lines, before the header.
    private static func movingDirectivesFirst(_ header: String, _ sql: String) -> String {
        let lines = sql.split(separator: "\n", omittingEmptySubsequences: false)
        let directives = lines.prefix { $0.hasPrefix("-- strata:transaction") }
        let rest = lines.dropFirst(directives.count)
        return directives.map { $0 + "\n" }.joined() + header + rest.joined(separator: "\n") + "\n"
    }

    /// The time a migration folder's timestamp names.
    private static func stamp(of name: String) -> Date? {
        let digits = name.prefix(14)
        guard digits.count == 14, digits.allSatisfy(\.isNumber) else { return nil }
        var components = DateComponents()
        components.timeZone = TimeZone(identifier: "UTC")
        components.year = Int(digits.prefix(4))
        components.month = Int(digits.dropFirst(4).prefix(2))
        components.day = Int(digits.dropFirst(6).prefix(2))
        components.hour = Int(digits.dropFirst(8).prefix(2))
        components.minute = Int(digits.dropFirst(10).prefix(2))
        components.second = Int(digits.dropFirst(12).prefix(2))
        return Calendar(identifier: .gregorian).date(from: components)
    }

    /// Writes `data/<timestamp>_<slug>.toml` describing `backfill`.
    private func writeDataMigration(_ backfill: Backfill, slug: String, header: String, at date: Date) throws -> String {
        let folder = configuration.dataPath
        if !FileManager.default.fileExists(atPath: folder) { try createDirectory(folder) }
        let path = joinPath(folder, "\(Self.timestamp(date))_\(Self.slug(slug)).toml")
        guard !FileManager.default.fileExists(atPath: path) else {
            throw RefusalError("\(path) already exists", nextStep: "wait a second, or choose another name")
        }
        var lines = [header.replacingOccurrences(of: "-- ", with: "# ").trimmingCharacters(in: .newlines)]
        lines.append("# Run it with `strata data run`; `strata data status` says how far it is.")
        lines.append("table = \(Self.tomlString(backfill.table.description))")
        if let set = backfill.set { lines.append("set = \(Self.tomlString(set))") }
        if let condition = backfill.condition { lines.append("where = \(Self.tomlString(condition))") }
        switch backfill.batching {
        case .rows(let rows): lines.append("batch_size = \(rows)")
        case .duration(let target): lines.append("batch_time = \"\(target.milliseconds)ms\"")
        }
        guard FileManager.default.createFile(atPath: path, contents: Data((lines.joined(separator: "\n") + "\n").utf8)) else {
            throw MigrationFileError(path: path, problem: "cannot be created")
        }
        return path
    }

    /// A TOML basic string.
    private static func tomlString(_ text: String) -> String {
        var escaped = ""
        for character in text {
            switch character {
            case "\"": escaped += "\\\""
            case "\\": escaped += "\\\\"
            case "\n": escaped += "\\n"
            case "\t": escaped += "\\t"
            default: escaped.append(character)
            }
        }
        return "\"" + escaped + "\""
    }
}

/// A file a recipe wrote.
public struct RecipeFile: Sendable {
    /// Its step, from 1.
    public var step: Int
    public var path: String
    /// When it deploys relative to the application.
    public var when: String
    /// Whether it is a data migration (the backfill, run by `strata data run`), not a schema migration.
    public var isDataMigration: Bool
}
