/// The questions `migrate dev` asks the person running it: whether a
/// dropped-and-added pair is a rename, whether a migration that loses data
/// may be written, and whether a dev database that drifted from its
/// migrations may be reset. A terminal asks them; without
/// one (`DevOptions.decisions == nil`) nobody is asked and `migrate dev`
/// refuses what needs an answer.
public protocol DevDecisions: Sendable {
    /// Whether `candidate` (a table or column dropped, and one like it added) is a rename.
    func isRename(_ candidate: RenameCandidate) async -> Bool
    /// Whether to write (and apply) a migration that loses what `losses` say.
    func acceptsDataLoss(_ losses: [SchemaWarning]) async -> Bool
    /// Whether to drop everything in the dev database and apply the migrations again.
    func resetAfterDrift(_ drift: DevDrift) async -> Bool
}

/// How a dev database left its migrations: migrations the history holds as
/// failed, edited, missing or out of order, or a schema changed by hand.
public struct DevDrift: Sendable {
    /// The dev database, its password hidden.
    public var database: String
    /// What stops a deploy, one entry per migration.
    public var problems: [IntegrityError.Problem]
    /// Each schema difference in one line, from what the applied migrations build to what the database has.
    public var changes: [String]

    public init(database: String, problems: [IntegrityError.Problem] = [], changes: [String] = []) {
        self.database = database
        self.problems = problems
        self.changes = changes
    }

    /// One line per difference or problem.
    public var details: [String] { problems.map(\.description) + changes }
}
