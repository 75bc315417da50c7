import Foundation

/// `strata data run`: the data migrations of the data folder, in order.
extension Migrator {
    /// The data migrations folder.
    public var dataDirectory: DataMigrationDirectory { DataMigrationDirectory(path: configuration.dataPath) }

    /// Runs the data migrations that have not completed, in order (or only
    /// the one named), each under its own named lock; a backfill that
    /// stopped resumes. Stops at the first that fails.
    ///
    /// - Throws: ``MigrationFileError`` for a file that does not read (before
    ///   anything runs), ``RefusalError`` for a name the folder lacks, and
    ///   what ``backfill(_:restart:command:events:)`` throws.
    /// - Parameter adjusting: changes each backfill before it runs (the
    ///   command line's batch size, pause, ... over the file's).
    public func runDataMigrations(
        named name: String? = nil, restart: Bool = false, adjusting: (Backfill) throws -> Backfill = { $0 },
        events: @escaping @Sendable (DataRunEvent) -> Void = { _ in }
    ) async throws -> DataRunReport {
        var files = try dataDirectory.read()
        if let name {
            guard let file = files.first(where: { $0.name == name || ($0.path as NSString).lastPathComponent == name }) else {
                let guess = files.map(\.name).closest(to: name).map { "did you mean `\($0)`? " } ?? ""
                throw RefusalError(
                    "there is no data migration \(name) in \(configuration.dataPath)",
                    nextStep: guess + "`strata data status` lists them")
            }
            files = [file]
        }
        let scripts = try files.map { file -> (DataMigrationFile, [ScriptStatement]?) in
            guard case .script(let sql) = file.content else { return (file, nil) }
            return (file, try splitDataScript(sql, path: file.path))
        }
        var outcomes: [DataRunOutcome] = []
        for (file, statements) in scripts {
            events(.starting(name: file.name, path: file.path))
            switch file.content {
            case .backfill(let backfill):
                let report = try await self.backfill(
                    try adjusting(backfill), restart: restart, command: "strata data run \(file.name)",
                    events: { events(.backfill(name: file.name, $0)) })
                outcomes.append(DataRunOutcome(name: file.name, path: file.path, backfill: report, statements: nil))
            case .script:
                let ran = try await runDataScript(file, statements: statements ?? [], restart: restart)
                outcomes.append(DataRunOutcome(name: file.name, path: file.path, backfill: nil, statements: ran))
            }
            events(.finished(outcomes.last!))
        }
        return DataRunReport(outcomes: outcomes)
    }

    func splitDataScript(_ sql: String, path: String) throws -> [ScriptStatement] {
        do {
            return try driver.dialect.split(script: sql)
        } catch let error as ScriptSyntaxError {
            let location = error.byteOffset.map(SourceText(sql).location(ofByte:))
            throw MigrationFileError(
                path: path, location: location, problem: "\(driver.name) cannot parse this: \(error.message)",
                nextStep: "fix the SQL" + (location.map { " at line \($0.line)" } ?? "") + "; nothing was run")
        }
    }

    /// Runs a script in one transaction with its row in the data history:
    /// it runs once, whole or not at all. Returns the statements run, or
    /// `nil` when it had completed before.
    private func runDataScript(_ file: DataMigrationFile, statements: [ScriptStatement], restart: Bool) async throws -> Int? {
        try await withSession(checking: {}, reading: { _ in }) { _, _, session in
            try await withChangingSession(session) { session in
                try await withNamedLock("data:" + file.name, on: session, describing: "the data migration \(file.name)") {
                    let history = try await createdDataHistory(session)
                    if let existing = try await dataRecord(file.name, history: history, on: session), existing.state == .completed, !restart {
                        return nil
                    }
                    let sql = { if case .script(let sql) = file.content { sql } else { "" } }()
                    let script = RecordedScript(
                        name: file.name, kind: .script, checksum: file.checksum, path: file.path, source: SourceText(sql),
                        statements: statements, command: "strata data run \(file.name)")
                    try await runRecorded(script, history: history, on: session)
                    return statements.count
                }
            }
        }
    }

    /// Runs `script`'s statements and records it completed, in one
    /// transaction: after a failure nothing of it took effect, its record included.
    func runRecorded(_ script: RecordedScript, history: DataHistoryTable, on session: any Database) async throws {
        let dialect = session.dialect
        try await session.execute(dialect.beginTransactionSQL)
        do {
            _ = try await session.execute(history.delete, parameters: [.text(script.name)])
            _ = try await session.execute(history.insertRunning, parameters: [
                .text(script.name), .text(script.kind.rawValue), .text(script.checksum), .text(RunnerIdentity.current),
            ])
            for (index, statement) in script.statements.enumerated() {
                do {
                    try await session.execute(statement.sql)
                } catch let error as DatabaseError where !Task.isCancelled {
                    throw DataScriptFailedError(
                        name: script.name, path: script.path, location: script.source.location(ofByte: statement.byteOffset),
                        statementNumber: index + 1, statementCount: script.statements.count, statement: statement.sql,
                        databaseError: error, command: script.command)
                }
            }
            _ = try await session.execute(history.finish, parameters: [
                .text(DataMigrationRecord.State.completed.rawValue), .null, .text(script.name),
            ])
            try await session.execute(dialect.commitSQL)
        } catch {
            try? await session.execute(dialect.rollbackSQL)
            throw error
        }
    }
}

/// A script run once and recorded in the data history: a data migration or a seed.
struct RecordedScript {
    var name: String
    var kind: DataMigrationRecord.Kind
    var checksum: String
    var path: String
    var source: SourceText
    var statements: [ScriptStatement]
    /// How the user runs it again, for the failure's next step.
    var command: String
}

/// What `strata data run` reports as it goes.
public enum DataRunEvent: Sendable {
    case starting(name: String, path: String)
    case backfill(name: String, BackfillEvent)
    case finished(DataRunOutcome)
}

/// What one data migration of a run did.
public struct DataRunOutcome: Sendable {
    public var name: String
    public var path: String
    /// A backfill's report.
    public var backfill: BackfillReport?
    /// A script's statements run; `nil` when it had completed before (or it is a backfill).
    public var statements: Int?

    /// Whether it had completed before, so nothing ran.
    public var alreadyCompleted: Bool { backfill?.alreadyCompleted ?? (statements == nil) }
}

/// What `strata data run` did.
public struct DataRunReport: Sendable {
    public var outcomes: [DataRunOutcome]
}

/// A statement of a `.sql` data migration failed: its transaction, and so
/// the whole script, was rolled back.
public struct DataScriptFailedError: StrataError {
    public var name: String
    public var path: String
    public var location: SourceLocation
    public var statementNumber: Int
    public var statementCount: Int
    public var statement: String
    public var databaseError: DatabaseError
    /// How to run it again once fixed (`strata data run NAME`, `strata db seed`).
    public var command: String

    public var summary: String {
        "\(path):\(location.line):\(location.column): statement \(statementNumber) of \(statementCount) failed: \(databaseError.message)"
    }

    public var details: [String] {
        ["statement: " + statement.trimmingCharacters(in: .whitespacesAndNewlines), "database: \(databaseError)",
         "the script ran in one transaction, which is rolled back: nothing of it took effect"]
    }

    public var nextStep: String? { "fix the script, then run `\(command)` again" }
    public var exitStatus: ExitStatus { .migrationFailed }
}
