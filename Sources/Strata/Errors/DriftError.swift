/// The live schema is not what its applied migrations build, so new
/// migrations would run on a schema nobody reviewed: `deploy --check-drift`
/// applied nothing, `migrate dev` wrote nothing.
public struct DriftError: StrataError {
    /// The command that refused.
    public enum Operation: Sendable {
        case deploy
        /// `migrate dev`, whose database may be rebuilt from the migrations.
        case dev
    }

    public var database: String
    public var migrationsPath: String
    /// Each difference in one line (``SchemaChange/summary``), from what the migrations build to what the database has,
    /// and (for `migrate dev`) each migration that stops a deploy.
    public var changes: [String]
    public var operation: Operation

    public init(database: String, migrationsPath: String, changes: [String], operation: Operation = .deploy) {
        self.database = database
        self.migrationsPath = migrationsPath
        self.changes = changes
        self.operation = operation
    }

    public var summary: String {
        let count = changes.count == 1 ? "1 difference" : "\(changes.count) differences"
        return switch operation {
        case .deploy: "\(database) has drifted from its migrations (\(count)); nothing was applied"
        case .dev: "the dev database \(database) has drifted from its migrations (\(count)); no migration was written"
        }
    }

    public var details: [String] { changes }

    public var nextStep: String? {
        switch operation {
        case .deploy:
            "make the change a migration (`strata migrate diff --from \(migrationsPath) --to <database URL> --script` writes its SQL) "
                + "or undo it by hand, then deploy again; `strata migrate status --drift` shows the differences"
        case .dev:
            "run `strata migrate reset --force` to rebuild the dev database from the migrations (its data is lost), "
                + "or keep a change made by hand as a migration (`strata migrate diff --from \(migrationsPath) --to <database URL> --script` writes its SQL), "
                + "then run `migrate dev` again"
        }
    }

    public var exitStatus: ExitStatus { .attention }
}
