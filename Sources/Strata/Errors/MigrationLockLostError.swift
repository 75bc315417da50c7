/// The migration lock does not hold on this connection: a connection pooler
/// in transaction mode (PgBouncer, a cloud provider's pooler) hands each
/// transaction to whichever server session is free, so a session lock, and
/// the one-runner-at-a-time guarantee with it, does not survive from one
/// transaction to the next. Strata stops before a migration could run twice.
public struct MigrationLockLostError: StrataError {
    /// The migration about to run or running, if any.
    public var migration: String?
    /// Whether this was found while taking the lock (another client's
    /// server session already held it).
    public var whileTaking: Bool
    /// Statements of `migration` that had taken effect (run statement by statement).
    public var statementsInEffect: Int
    /// Why the lock could not be released, when it stays in a server session of the pooler.
    public var lockLeftBehind: DatabaseError?

    public init(migration: String?, whileTaking: Bool = false, statementsInEffect: Int = 0) {
        self.migration = migration
        self.whileTaking = whileTaking
        self.statementsInEffect = statementsInEffect
    }

    public var summary: String {
        "the migration lock does not hold on this connection: a connection pooler in transaction mode sits between Strata and the server"
    }

    public var details: [String] {
        var lines = [whileTaking
            ? "the server session this connection was given already held the lock for another client"
            : "a transaction ran in a server session other than the one holding the lock"]
        if let migration {
            lines.append(statementsInEffect == 0
                ? "\(migration) was stopped before any of it took effect"
                : "\(migration) was stopped after \(statementsInEffect) statement(s) took effect; `strata migrate status` shows it")
        } else {
            lines.append("nothing was changed")
        }
        if let lockLeftBehind {
            lines.append(lockLeftBehind.message + (lockLeftBehind.hint.map { ": " + $0 } ?? ""))
        }
        return lines
    }

    public var nextStep: String? {
        "run migrations on a direct connection to the server: set `direct_url` in strata.toml (Prisma's `directUrl`), "
            + "or pass the server's own address with --url; a pooler in session mode works too"
    }

    public var exitStatus: ExitStatus { statementsInEffect > 0 ? .migrationFailed : .failure }
}
