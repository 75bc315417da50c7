import Foundation

/// The backups `deploy` takes before a migration's destructive statements.
extension Migrator {
    /// The statements of `script` that destroy data, each with what it destroys.
    func destructiveStatements(of script: PreparedScript) -> [(statement: BackupStatement, targets: [BackupTarget])] {
        script.statements.compactMap { statement in
            let targets = BackupTarget.targets(of: statement.facts)
            guard !targets.isEmpty else { return nil }
            let firstLine = statement.sql.split(whereSeparator: \.isNewline).first.map(String.init) ?? statement.sql
            let line = script.source.location(ofByte: statement.byteOffset).line
            return (BackupStatement(file: script.script.path, line: line, sql: firstLine.trimmingCharacters(in: .whitespaces)), targets)
        }
    }

    /// Before anything runs: when a migration about to run destroys data and
    /// backups are on, checks that they can be taken (`pg_dump` there and
    /// new enough), so a missing tool stops the run before its first migration.
    ///
    /// - Throws: ``BackupError``.
    func checkBackupTools(for prepared: [PreparedScript], session: any Database, events: MigratorEventHandler) async throws {
        let destructive = prepared.flatMap(destructiveStatements(of:)).map(\.statement)
        guard configuration.backup.enabled, !destructive.isEmpty else { return }
        guard let backups = session as? any BackupTaking else {
            events(.warning("\(driver.name) takes no backups: the destructive statements below run without one"))
            return
        }
        do {
            try await backups.checkBackupTools(configuration.backup)
        } catch var error as BackupError {
            error.details += destructive.map { "needed before \($0.place): \($0.sql)" }
            throw error
        }
    }

    /// A dry run: says what each migration would back up, given the database as it is now.
    func planBackups(_ prepared: [PreparedScript], session: any Database, events: MigratorEventHandler) async throws {
        guard configuration.backup.enabled, let backups = session as? any BackupTaking else { return }
        for script in prepared {
            for content in try await contents(before: script, backups: backups, events: events) {
                events(.backup(.wouldBackUp(content, migration: script.migration.name)))
            }
        }
    }

    /// Backs up what `script`'s destructive statements destroy and still
    /// holds data, into a new folder of the backups folder; with backups
    /// off, warns for each such statement instead.
    ///
    /// - Returns: the backup, or `nil` when nothing needed one.
    /// - Throws: ``BackupError``; the migration does not run.
    func backUp(before script: PreparedScript, session: any Database, events: MigratorEventHandler) async throws -> BackupFolder? {
        let destructive = destructiveStatements(of: script)
        guard !destructive.isEmpty else { return nil }
        guard configuration.backup.enabled, let backups = session as? any BackupTaking else {
            for (statement, _) in destructive { events(.backup(.turnedOff(statement, migration: script.migration.name))) }
            return nil
        }
        let contents = try await contents(before: script, backups: backups, events: events)
        guard !contents.isEmpty else { return nil }
        let folder = try BackupFolder.create(in: configuration.backup.directory, label: script.migration.name, at: Date())
        do {
            let items = try await backups.writeBackup(of: contents, into: folder, configuration: configuration.backup)
            let manifest = BackupManifest(
                createdAt: BackupFolder.createdAt(Date()), database: configuration.url.description, product: driver.name,
                migration: script.migration.name, items: items)
            try manifest.write(to: folder)
            let shown = joinPath(configuration.backup.directory, folder.lastPathComponent)
            for item in items { events(.backup(.backedUp(item, folder: shown))) }
            return BackupFolder(path: shown, manifest: manifest)
        } catch {
            try? FileManager.default.removeItem(at: folder)
            if error is BackupError || error is CancellationError { throw error }
            throw BackupError(
                "the backup before \(script.migration.name) failed: \(error)",
                details: destructive.map { "before \($0.statement.place): \($0.statement.sql)" },
                nextStep: "fix the cause and deploy again (nothing of \(script.migration.name) ran), or turn backups off with [backup] enabled = false")
        }
    }

    /// What the destructive statements of `script` destroy that holds data
    /// now, each table or column once (a table's dump covers its columns);
    /// what needs no backup is said in one line each.
    private func contents(
        before script: PreparedScript, backups: any BackupTaking, events: MigratorEventHandler
    ) async throws -> [BackupContent] {
        var found: [BackupContent] = []
        for (statement, targets) in destructiveStatements(of: script) {
            for target in targets {
                let contents: [BackupContent]
                do {
                    contents = try await backups.backupContents(of: target)
                } catch let error as DatabaseError where !Task.isCancelled {
                    throw BackupError(
                        "\(driver.name) could not say what \(target) holds, before \(statement.place): \(error.message)",
                        nextStep: "fix the cause and deploy again; nothing of \(script.migration.name) ran")
                }
                if contents.isEmpty {
                    events(.backup(.notNeeded(what: target.description, reason: "it is not there before the migration runs", migration: script.migration.name)))
                }
                for var content in contents {
                    guard content.rows > 0 else {
                        let reason = content.column == nil ? "the table is empty" : "its table is empty"
                        events(.backup(.notNeeded(what: content.what, reason: reason, migration: script.migration.name)))
                        continue
                    }
                    content.statement = statement
                    found.append(content)
                }
            }
        }
        let wholeTables = Set(found.filter { $0.column == nil }.map(\.table))
        var seen: Set<String> = []
        return found.filter { content in
            (content.column == nil || !wholeTables.contains(content.table)) && seen.insert(content.what).inserted
        }
    }
}
