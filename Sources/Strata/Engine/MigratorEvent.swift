/// What the engine is doing, as it happens. The CLI renders these as lines on
/// a terminal or as JSON; an app can log them.
///
/// ```swift
/// let report = try await migrator.deploy { event in logger.info("\(event)") }
/// ```
public enum MigratorEvent: Sendable, CustomStringConvertible {
    /// Another runner holds the migration lock; Strata polls until it is free.
    case waitingForLock(LockHolder)
    /// The lock is ours after waiting this long.
    case lockAcquired(waited: Duration)
    /// The history table did not exist and was created.
    case createdHistoryTable(TableReference)
    /// Rows of `_prisma_migrations` were copied into Strata's history.
    case importedPrismaHistory(count: Int)
    /// `reset` dropped this many objects (tables, views, types, ...), before applying anything.
    case droppedObjects(count: Int)
    /// A migration starts; `reason` says why it runs without a transaction.
    case started(migration: String, direction: Direction, execution: HistoryRecord.Execution, reason: String?)
    /// A migration was rolled back because a lock was not granted in time; it
    /// runs again after `after`.
    case retrying(migration: String, attempt: Int, of: Int, after: Duration, reason: String)
    /// A migration finished.
    case finished(migration: String, direction: Direction, duration: Duration, statements: Int)
    /// Something the user should know that does not stop the run.
    case warning(String)
    /// The linter's findings on the migrations about to run, before any runs.
    case linted(LintReport)
    /// A backup before a destructive statement: taken, not needed, or (dry run) planned.
    case backup(BackupEvent)

    /// Whether a migration is applied or rolled back.
    public enum Direction: String, Sendable, Codable {
        case up
        case down
    }

    public var description: String {
        switch self {
        case .waitingForLock(let holder): "waiting for the migration lock, held by \(holder)"
        case .lockAcquired(let waited): "acquired the migration lock after \(waited.formattedSeconds)"
        case .createdHistoryTable(let table): "created history table \(table)"
        case .droppedObjects(let count): "dropped \(count == 1 ? "1 object" : "\(count) objects"), data included"
        case .importedPrismaHistory(let count):
            "imported \(count == 1 ? "1 row" : "\(count) rows") of Prisma's _prisma_migrations into Strata's history"
        case .started(let name, let direction, let execution, let reason):
            "\(direction == .up ? "applying" : "rolling back") \(name)"
                + (execution == .statements ? " without a transaction: \(reason ?? "")" : "")
        case .finished(let name, let direction, let duration, _):
            "\(direction == .up ? "applied" : "rolled back") \(name) in \(duration.formattedSeconds)"
        case .retrying(let name, let attempt, let limit, let wait, let reason):
            "\(name) rolled back (\(reason)); retry \(attempt) of \(limit) in \(wait.formattedSeconds)"
        case .warning(let text): "warning: \(text)"
        case .backup(let event): event.description
        case .linted(let report): "lint: " + (report.findings.isEmpty ? "no findings" : report.findings.map { "\($0.place): \($0.rule)" }.joined(separator: "; "))
        }
    }
}

/// Receives ``MigratorEvent``s.
public typealias MigratorEventHandler = @Sendable (MigratorEvent) -> Void
