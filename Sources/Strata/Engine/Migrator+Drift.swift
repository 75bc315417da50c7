/// `migrate status --drift`: the live schema against what its applied migrations build.
extension Migrator {
    /// What the database has that its applied migrations do not build, or
    /// lacks that they do: changes made by hand, or by a tool other than
    /// Strata. The applied migrations are replayed on a shadow database;
    /// the history tables are left out of both sides.
    ///
    /// - Parameter status: the status just read; drift is only judged on a
    ///   history whose migrations are all applied or pending.
    /// - Throws: ``RefusalError`` while a migration is failed, edited,
    ///   missing or running, and the errors of ``schemaDiff(from:to:renames:)``.
    public func drift(after status: StatusReport) async throws -> SchemaDiff {
        let unsettled = status.migrations.filter { $0.state != .applied && $0.state != .pending }
        guard unsettled.isEmpty else {
            throw RefusalError(
                "drift is judged once every migration is applied or pending; \(unsettled.map(\.name).joined(separator: ", ")) is not",
                nextStep: "settle it first (see the status above), then run `strata migrate status --drift` again")
        }
        return try await drift(ofApplied: status.migrations.filter { $0.state == .applied }.compactMap(\.migration))
    }

    /// The live schema against what `applied` builds on a shadow database.
    func drift(ofApplied applied: [Migration]) async throws -> SchemaDiff {
        guard let renderer = driver.schemaRenderer else {
            throw ShadowDatabaseError(summary: "Strata cannot read \(driver.name) schemas yet")
        }
        let expected = try await withReplayedShadow(applied, readingOnly: true) { try await introspect($0) }
        // A database not made yet is the empty schema no applied migration builds.
        let live = try await schema(of: .database(configuration.url), renderer: renderer, throughDatabase: true, whenMissing: .readAsEmpty)
        return SchemaDiffer().diff(from: expected, to: live)
    }
}
