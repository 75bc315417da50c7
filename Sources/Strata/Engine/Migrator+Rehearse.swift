import Foundation

/// How `migrate rehearse` runs.
public struct RehearsalOptions: Sendable {
    /// The rows to fill the shadow with, e.g. `users=10000000`.
    public var rows: SeedGeneration
    /// How often the shadow's locks are read while a migration runs.
    public var sampleInterval: Duration

    public init(rows: SeedGeneration, sampleInterval: Duration = .milliseconds(20)) {
        self.rows = rows
        self.sampleInterval = sampleInterval
    }
}

/// `strata migrate rehearse`: the pending migrations, timed on production-like volume.
extension Migrator {
    /// Builds a shadow database from the migrations the configured database
    /// has applied, fills it with generated rows (``generateSeedData(_:reference:events:)``),
    /// runs `ANALYZE`, then applies the pending migrations there as `deploy`
    /// would (each in its transaction, under its directives) and reports
    /// each one's time and, where the session can watch its locks
    /// (``LockSampling``: PostgreSQL), the table locks it held and for how
    /// long. The configured database is only read; the shadow is dropped.
    ///
    /// ```swift
    /// let report = try await migrator.rehearse(RehearsalOptions(rows: try SeedGeneration(parsing: "users=10000000")))
    /// for migration in report.migrations { print(migration.name, migration.durationMilliseconds, migration.locks) }
    /// ```
    ///
    /// - Throws: what `status` throws for the files and the history, what
    ///   generating the rows throws, and ``MigrationFailedError`` for a
    ///   pending migration that fails on the shadow.
    public func rehearse(
        _ options: RehearsalOptions, reference: Date = Migrator.startOfToday(),
        events: @escaping @Sendable (RehearsalEvent) -> Void = { _ in }
    ) async throws -> RehearsalReport {
        let status = try await status()
        let applied = status.migrations.filter { $0.state == .applied }.compactMap(\.migration)
        let pending = status.migrations.filter { $0.state == .pending || $0.state == .outOfOrder }.compactMap(\.migration)
        var report = RehearsalReport(database: driver.name, replayed: applied.count, generated: nil, migrations: [], locksSampled: false)
        guard !pending.isEmpty else { return report }
        let declared = try declaredLocks(of: pending)
        return try await withReplayedShadow(applied) { shadow in
            events(.replayed(count: applied.count))
            report.generated = try await generateRows(options.rows, reference: reference, on: shadow) { events(.generating($0)) }
            try await shadow.execute("ANALYZE")
            let sampler = try await (shadow as? any LockSampling)?.lockSampler()
            report.locksSampled = sampler != nil
            let watch = LockWatch(interval: options.sampleInterval)
            let sampling = Task {
                guard let sampler else { return }
                while !Task.isCancelled {
                    if let locks = try? await sampler.sample() { watch.record(locks, at: .now) }
                    try? await Task.sleep(for: options.sampleInterval)
                }
            }
            let deployed: DeployReport
            do {
                deployed = try await deploy(
                    pending, target: nil, options: DeployOptions(allowOutOfOrder: true), session: shadow, table: historyTable(shadow),
                    history: History(records: [], source: .none), events: { event in
                        switch event {
                        case .started(let name, _, _, _):
                            watch.begin(name)
                            events(.started(migration: name))
                        case .finished(let name, _, let duration, let statements):
                            watch.end()
                            events(.finished(RehearsedMigration(
                                name: name, durationMilliseconds: duration.milliseconds, statements: statements,
                                locks: watch.locks(of: name, within: duration, declared: declared[name] ?? []))))
                        default:
                            break
                        }
                    }, rehearsal: true)
            } catch {
                sampling.cancel()
                await sampler?.close()
                throw error
            }
            sampling.cancel()
            _ = await sampling.value
            await sampler?.close()
            report.migrations = deployed.applied.map { run in
                RehearsedMigration(
                    name: run.name, durationMilliseconds: run.durationMilliseconds, statements: run.statements,
                    locks: watch.locks(of: run.name, within: .milliseconds(run.durationMilliseconds), declared: declared[run.name] ?? []))
            }
            return report
        }
    }
}

extension Migrator {
    /// The table locks each migration's statements take, as the linter's
    /// lock report reads them from the parse: a lock held between two
    /// samples is still named.
    private func declaredLocks(of migrations: [Migration]) throws -> [String: [SampledLock]] {
        let prepared = try migrations.map { try PreparedScript(migration: $0, script: $0.up, dialect: driver.dialect) }
        let linter = try linter()
        let report = linter.judge(try linter.read(prepared: prepared), lockReport: true)
        var declared: [String: [SampledLock]] = [:]
        for statement in report.statements {
            guard let migration = prepared.first(where: { $0.script.path == statement.file })?.migration.name else { continue }
            for lock in statement.locks {
                guard let mode = LockMode.allCases.first(where: { $0.name == lock.mode }) else { continue }
                declared[migration, default: []].append(SampledLock(relation: lock.relation, mode: mode))
            }
        }
        return declared
    }
}

/// What `rehearse` reports as it goes.
public enum RehearsalEvent: Sendable {
    /// The applied migrations were replayed on the shadow.
    case replayed(count: Int)
    case generating(SeedGenerationEvent)
    case started(migration: String)
    case finished(RehearsedMigration)
}

/// One pending migration as it ran on the filled shadow.
public struct RehearsedMigration: Sendable, Equatable {
    public var name: String
    public var durationMilliseconds: Int64
    public var statements: Int
    /// The table locks it was seen holding, strongest first (empty where locks are not watched).
    public var locks: [HeldLock]
}

/// What a rehearsal found.
public struct RehearsalReport: Sendable {
    /// The database product.
    public var database: String
    /// Applied migrations replayed on the shadow.
    public var replayed: Int
    /// The rows the shadow was filled with; `nil` when nothing was pending.
    public var generated: SeedGenerationReport?
    /// The pending migrations, in the order they ran.
    public var migrations: [RehearsedMigration]
    /// Whether the locks were watched (PostgreSQL); SQLite's writer holds the whole database.
    public var locksSampled: Bool
}
