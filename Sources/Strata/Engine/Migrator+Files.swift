import Foundation

extension Migrator {
    /// Rewrites `strata.sum` from the files as they are: after a deliberate
    /// edit, a checked merge, or to adopt a folder that has none (Prisma's).
    @discardableResult
    public func hash() throws -> SumFile {
        let migrations = try loadMigrations()
        let sum = SumFile(migrations: migrations)
        try sum.write(to: directory.sumFilePath)
        return sum
    }

    /// Creates `<UTC timestamp>_<slug>/` with `migration.sql` and `down.sql`
    /// (empty unless given), and adds it to `strata.sum`.
    ///
    /// - Throws: ``IntegrityError`` when `strata.sum` already disagrees with the
    ///   files other than by the migrations being written (adding to it would
    ///   bless the difference), ``RefusalError`` for a name that makes no
    ///   folder name.
    public func newMigration(named name: String, at date: Date = Date(), up: String = "", down: String = "") throws -> Migration {
        let slug = Self.slug(name)
        guard !slug.isEmpty else {
            throw RefusalError("`\(name)` makes no folder name", nextStep: "use letters, digits and underscores, e.g. add_user_bio")
        }
        if !directory.exists {
            try createDirectory(directory.path)
        }
        let migrations = try loadMigrations()
        // The migration written before this one is work in progress too: its sum is rewritten below.
        _ = try verifySum(migrations, operation: "new", acceptingWorkInProgress: true)
        // Two migrations written in the same second still sort in the order they were written.
        let newest = migrations.map(\.name).max { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) } ?? ""
        let named = { (stamp: Date) in "\(Self.timestamp(stamp))_\(slug)" }
        var stamp = date
        while !Array(newest.utf8).lexicographicallyPrecedes(Array(named(stamp).utf8)), stamp < date + 60 {
            stamp += 1
        }
        let folderName = named(stamp)
        let folder = joinPath(directory.path, folderName)
        guard !FileManager.default.fileExists(atPath: folder) else {
            throw RefusalError("\(folder) already exists", nextStep: "wait a second, or choose another name")
        }
        try createDirectory(folder)
        for (file, text) in [("migration.sql", up), ("down.sql", down)] {
            let path = joinPath(folder, file)
            guard FileManager.default.createFile(atPath: path, contents: Data(text.utf8)) else {
                throw MigrationFileError(path: path, problem: "cannot be created")
            }
        }
        let migration = Migration(
            name: folderName,
            up: try MigrationScript(readingFile: joinPath(folder, "migration.sql")),
            down: try MigrationScript(readingFile: joinPath(folder, "down.sql")))
        try SumFile(migrations: migrations + [migration]).write(to: directory.sumFilePath)
        return migration
    }

    /// `Add user bio!` → `add_user_bio`.
    static func slug(_ name: String) -> String {
        var slug = ""
        for scalar in name.lowercased().unicodeScalars {
            if scalar.isASCII, CharacterSet.alphanumerics.contains(scalar) {
                slug.unicodeScalars.append(scalar)
            } else if !slug.isEmpty, !slug.hasSuffix("_") {
                slug += "_"
            }
        }
        while slug.hasSuffix("_") { slug.removeLast() }
        return slug
    }

    /// `20240115120000`: the UTC time to the second, as Prisma names folders.
    static func timestamp(_ date: Date) -> String {
        let text = Timestamp.format(date) // 2024-01-15 12:00:00.000
        return String(text.prefix(19).filter(\.isNumber))
    }

    func createDirectory(_ path: String) throws {
        do {
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        } catch {
            throw MigrationFileError(path: path, problem: "cannot be created: \(error.localizedDescription)")
        }
    }
}
