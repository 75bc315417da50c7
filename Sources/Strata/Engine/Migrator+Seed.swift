import Foundation

/// `strata db seed`: the seeds folder's scripts and Swift seeders, each run once.
extension Migrator {
    /// Runs the seeds that have not run yet: `seeds/*.sql` in name order,
    /// then `options.seeders`. Each runs in one transaction with its record
    /// in the data history, so a seed inserts once; one that changed since
    /// it ran is skipped and reported, and runs again with `force`. Stops
    /// at the first failure (``DataScriptFailedError`` for a file, with its
    /// line), leaving that seed's changes rolled back.
    ///
    /// - Throws: ``MigrationFileError`` for a file that does not parse
    ///   (before anything runs), ``RefusalError`` for an `only` the folder lacks.
    public func seed(_ options: SeedOptions = SeedOptions()) async throws -> SeedReport {
        let sources = try seedSources(options)
        return try await withSession(checking: {}, reading: { _ in }) { _, _, session in
            try await withChangingSession(session) { session in
                try await withNamedLock("seeds", on: session, describing: "the seeds") {
                    try await runSeeds(sources, force: options.force, on: session)
                }
            }
        }
    }

    /// Runs seeds on an open session (`reset` calls it after re-applying the migrations).
    func runSeeds(_ sources: [SeedSource], force: Bool, on session: any Database) async throws -> SeedReport {
        let history = try await createdDataHistory(session)
        var outcomes: [SeedOutcome] = []
        for source in sources {
            let record = try await dataRecord(source.name, history: history, on: session)
            if let record, record.state == .completed, !force {
                outcomes.append(SeedOutcome(
                    name: source.name, path: source.path, result: record.checksum == source.checksum ? .alreadyRan : .changed,
                    ranBefore: record.finishedAt ?? record.updatedAt))
                continue
            }
            switch source.content {
            case .script(let script):
                try await runRecorded(script, history: history, on: session)
                outcomes.append(SeedOutcome(name: source.name, path: source.path, result: .ran, statements: script.statements.count))
            case .seeder(let seeder):
                try await runSeeder(seeder, name: source.name, checksum: source.checksum, history: history, on: session)
                outcomes.append(SeedOutcome(name: source.name, path: nil, result: .ran))
            }
        }
        return SeedReport(seedsPath: configuration.seedsPath, outcomes: outcomes)
    }

    /// The seeds to run, files parsed: every problem with them is found before anything runs.
    func seedSources(_ options: SeedOptions) throws -> [SeedSource] {
        var sources = try seedFiles().map { path -> SeedSource in
            guard let data = FileManager.default.contents(atPath: path), let sql = String(validating: data, as: UTF8.self) else {
                throw MigrationFileError(path: path, problem: "cannot be read as UTF-8 text", nextStep: "save it as UTF-8")
            }
            let name = "seeds/" + (path as NSString).lastPathComponent
            let script = RecordedScript(
                name: name, kind: .seed, checksum: Checksum.sha256Hex(data), path: path, source: SourceText(sql),
                statements: try splitDataScript(sql, path: path), command: "strata db seed --force")
            return SeedSource(name: name, path: path, checksum: script.checksum, content: .script(script))
        }
        let names = Set(options.seeders.map(\.name))
        guard names.count == options.seeders.count else {
            throw RefusalError("two seeders share a name", nextStep: "give each Seeder a name of its own")
        }
        sources += options.seeders.map { seeder in
            SeedSource(
                name: "seeder:" + seeder.name, path: nil, checksum: Checksum.sha256Hex(Data("\(seeder.name)|\(seeder.version)".utf8)),
                content: .seeder(seeder))
        }
        guard let only = options.only else { return sources }
        let wanted = sources.filter { source in
            ["seeder:" + only, "seeds/" + only, "seeds/" + only + ".sql"].contains(source.name)
        }
        guard !wanted.isEmpty else {
            let names = sources.map { source in
                let bare = source.name.replacing("seeds/", with: "").replacing("seeder:", with: "")
                return bare.hasSuffix(".sql") ? String(bare.dropLast(4)) : bare
            }
            let guess = names.closest(to: only.hasSuffix(".sql") ? String(only.dropLast(4)) : only)
            throw RefusalError(
                "there is no seed \(only) in \(configuration.seedsPath)",
                nextStep: (guess.map { "did you mean `\($0)`? " } ?? "") + "`strata db seed` without a name runs them all")
        }
        return wanted
    }

    /// The `.sql` files of the seeds folder, in byte-wise name order; none without the folder.
    private func seedFiles() throws -> [String] {
        let folder = configuration.seedsPath
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder, isDirectory: &isFolder) else { return [] }
        guard isFolder.boolValue else {
            throw MigrationFileError(path: folder, problem: "is a file, not the seeds folder", nextStep: "set seeds_dir in strata.toml to a folder")
        }
        let names = try FileManager.default.contentsOfDirectory(atPath: folder).filter { !$0.hasPrefix(".") }
            .sorted { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) }
        var files: [String] = []
        for name in names {
            let path = (folder as NSString).appendingPathComponent(name)
            guard name.hasSuffix(".sql") else {
                if name.lowercased().hasPrefix("readme") { continue }
                throw MigrationFileError(path: path, problem: "is not a seed script", nextStep: "a seed is a .sql file; move other files out of \(folder)")
            }
            files.append(path)
        }
        return files
    }

    private func runSeeder(_ seeder: any Seeder, name: String, checksum: String, history: DataHistoryTable, on session: any Database) async throws {
        try await session.inTransaction { session in
            _ = try await session.execute(history.delete, parameters: [.text(name)])
            _ = try await session.execute(history.insertRunning, parameters: [
                .text(name), .text(DataMigrationRecord.Kind.seed.rawValue), .text(checksum), .text(RunnerIdentity.current),
            ])
            try await seeder.seed(session)
            _ = try await session.execute(history.finish, parameters: [.text(DataMigrationRecord.State.completed.rawValue), .null, .text(name)])
        }
    }
}

/// One seed to run: a file of the seeds folder or a Swift seeder.
struct SeedSource: Sendable {
    enum Content: Sendable {
        case script(RecordedScript)
        case seeder(any Seeder)
    }

    var name: String
    var path: String?
    var checksum: String
    var content: Content
}
