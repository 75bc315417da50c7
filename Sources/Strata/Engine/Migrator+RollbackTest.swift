/// `migrate test`: every `down.sql` tried on a shadow database.
extension Migrator {
    /// Replays the history on a shadow database and, for each migration
    /// with a `down.sql`, applies it, rolls it back, checks that the schema
    /// is exactly the one before it, and applies it again (which must reach
    /// the same schema as the first time). Nothing touches the configured
    /// database; the shadow is always removed.
    ///
    /// A migration whose `migration.sql` fails ends the test there (the
    /// history does not build); a `down.sql` that fails or does not restore
    /// the schema is reported, and the test goes on when the migration
    /// applies again.
    ///
    /// - Throws: ``ShadowReplayError`` when a `migration.sql` fails on the
    ///   shadow, ``IntegrityError`` when `strata.sum` disagrees with the
    ///   files, and the shadow database's errors.
    public func testRollbacks(events: @escaping @Sendable (RollbackTestResult) -> Void = { _ in }) async throws -> RollbackTestReport {
        let migrations = try loadMigrations()
        _ = try verifySum(migrations, operation: "test", acceptingWorkInProgress: true)
        let results = try await withShadow { shadow in
            let replay = ShadowReplay(session: shadow)
            var results: [RollbackTestResult] = []
            var known: Schema?
            for migration in migrations {
                guard let down = migration.down, !down.isBlank else {
                    try await replay.apply(script: migration.up.contents, file: migration.up.path)
                    known = nil
                    let result = RollbackTestResult(migration: migration.name, outcome: .noDownScript)
                    events(result)
                    results.append(result)
                    continue
                }
                let before: Schema
                if let known { before = known } else { before = try await introspect(shadow) }
                try await replay.apply(script: migration.up.contents, file: migration.up.path)
                let after = try await introspect(shadow)
                let outcome = try await rollBack(migration, down: down, on: shadow, before: before, after: after)
                known = after
                let result = RollbackTestResult(migration: migration.name, outcome: outcome)
                events(result)
                results.append(result)
                if case .reapplyFailed = outcome { break }
            }
            return results
        }
        return RollbackTestReport(results: results, total: migrations.count)
    }

    /// Runs `down` and `up` again on a shadow where `up` has just run.
    private func rollBack(
        _ migration: Migration, down: MigrationScript, on shadow: any Database, before: Schema, after: Schema
    ) async throws -> RollbackTestResult.Outcome {
        let replay = ShadowReplay(session: shadow)
        var outcome = RollbackTestResult.Outcome.restored
        do {
            try await replay.apply(script: down.contents, file: down.path)
            let restored = try await introspect(shadow)
            let left = SchemaDiffer().diff(from: before, to: restored).migration.changes
            if !left.isEmpty { outcome = .notRestored(left.map(\.summary)) }
        } catch let failure as ShadowReplayError {
            outcome = .downFailed(failure)
        }
        do {
            try await replay.apply(script: migration.up.contents, file: migration.up.path)
        } catch let failure as ShadowReplayError {
            return .reapplyFailed(after: outcome, failure)
        }
        let reapplied = try await introspect(shadow)
        let differs = SchemaDiffer().diff(from: after, to: reapplied).migration.changes
        if case .restored = outcome, !differs.isEmpty { return .reappliedDifferently(differs.map(\.summary)) }
        return outcome
    }
}

/// What ``Migrator/testRollbacks(events:)`` found, migration by migration.
public struct RollbackTestReport: Sendable {
    /// In order; shorter than the history when a migration could not be applied again.
    public var results: [RollbackTestResult]
    /// How many migrations the history has.
    public var total: Int

    /// The migrations whose `down.sql` is wrong.
    public var failures: [RollbackTestResult] { results.filter(\.isFailure) }
    /// How many `down.sql` restored the schema exactly.
    public var restoredCount: Int { results.filter { if case .restored = $0.outcome { true } else { false } }.count }
    public var exitStatus: ExitStatus { failures.isEmpty ? .success : .failure }
}

/// One migration's rollback test.
public struct RollbackTestResult: Sendable {
    public enum Outcome: Sendable {
        /// `down.sql` brought the schema back exactly, and the migration applied again to the same schema.
        case restored
        /// No `down.sql`, or an empty one: nothing to test.
        case noDownScript
        /// After `down.sql` the schema still differs from the one before the migration: what is left, one line each.
        case notRestored([String])
        /// `down.sql` failed.
        case downFailed(ShadowReplayError)
        /// `down.sql` restored the schema, but applying the migration again gave another schema.
        case reappliedDifferently([String])
        /// After the rollback (`after` says how it went) the migration could not be applied again: the test stops here.
        indirect case reapplyFailed(after: Outcome, ShadowReplayError)
    }

    public var migration: String
    public var outcome: Outcome

    public var isFailure: Bool {
        switch outcome {
        case .restored, .noDownScript: false
        case .notRestored, .downFailed, .reappliedDifferently, .reapplyFailed: true
        }
    }
}
