/// A named lock (a backfill's, a data migration's) does not hold on this
/// connection: a connection pooler in transaction mode hands each
/// transaction to whichever server session is free, so a session lock does
/// not survive from one transaction to the next, and two runs could overlap.
/// Strata stops before they can.
public struct NamedLockLostError: StrataError {
    /// What holds the lock, as a phrase: "the backfill users_role".
    public var what: String
    /// Whether this was found while taking the lock (the server session
    /// this connection was given already held it for another client).
    public var whileTaking: Bool
    /// What had been done when it was found, as a sentence; `nil` when nothing was changed.
    public var progress: String?
    /// How to run it again, once on a direct connection.
    public var command: String?

    public init(what: String, whileTaking: Bool, progress: String? = nil, command: String? = nil) {
        self.what = what
        self.whileTaking = whileTaking
        self.progress = progress
        self.command = command
    }

    public var summary: String {
        "the lock of \(what) does not hold on this connection: a connection pooler in transaction mode sits between Strata and the server"
    }

    public var details: [String] {
        [
            whileTaking
                ? "the server session this connection was given already held the lock for another client"
                : "a transaction ran in a server session other than the one holding the lock, and was rolled back",
            progress ?? "nothing was changed",
        ]
    }

    public var nextStep: String? {
        "run it on a direct connection to the server: set `direct_url` in strata.toml (Prisma's `directUrl`), "
            + "or pass the server's own address with --url; a pooler in session mode works too"
            + (command.map { "; then run `\($0)` again, on the direct connection (not the pooler's address): it goes on from where it stopped" } ?? "")
    }

    public var exitStatus: ExitStatus { .failure }
}
