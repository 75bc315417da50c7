/// A migration failed while running. Says which statement, where in the file,
/// the database's own message, what took effect, and what to do next.
public struct MigrationFailedError: StrataError {
    /// The migration's folder name.
    public var migration: String
    /// The script that failed (`migration.sql` or `down.sql`).
    public var path: String
    /// 1-based number of the failed statement, and how many the script has.
    public var statementNumber: Int
    public var statementCount: Int
    /// Where the database pointed (or the statement's start).
    public var location: SourceLocation
    /// The failed line with a caret under the error position.
    public var excerpt: [String]
    public var databaseError: DatabaseError
    /// Whether the statements ran in a transaction (which is now rolled back).
    public var transactional: Bool
    /// Statements that took effect and remain.
    public var statementsInEffect: Int
    /// Statements that ran in the migration's own transaction and were rolled back with it.
    public var statementsRolledBack: Int
    /// The command whose next run settles this, e.g. `deploy` or `down`.
    public var operation: String
    /// Whether the run was interrupted (Ctrl-C, `SIGTERM`, a cancelled
    /// task), which stopped the statement.
    public var interrupted = false
    /// The failed statement's text.
    public var statement = ""
    /// What the failed statement left half done, as the catalog showed it.
    public var leftover: Leftover?
    /// For a migration that gave up waiting for a table lock after its
    /// last retry: how it waited, and who held the locks.
    public var lockWait: LockWait?
    /// Set when this was the first migration on a database with no history
    /// and it failed because what it creates exists already: a database
    /// built without Strata, which `baseline` adopts.
    public var onExistingSchema = false

    /// What a failed statement left half done (the invalid index of a
    /// failed `CREATE INDEX CONCURRENTLY`), and whether Strata removed it.
    public struct Leftover: Sendable, Equatable {
        /// E.g. `the invalid index "public"."t_v_idx"`.
        public var what: String
        /// Whether Strata dropped it; if not, the next attempt drops it first.
        public var removed: Bool

        public init(what: String, removed: Bool) {
            self.what = what
            self.removed = removed
        }
    }

    /// How a migration waited for table locks before it gave up.
    public struct LockWait: Sendable {
        /// Attempts made, the first included.
        public var attempts: Int
        /// The statement lock timeout of the last attempt.
        public var lastTimeout: Duration?
        /// The sessions holding locks on the tables the statement touches, when Strata looked.
        public var holders: [LockHolder]

        public init(attempts: Int, lastTimeout: Duration?, holders: [LockHolder]) {
            self.attempts = attempts
            self.lastTimeout = lastTimeout
            self.holders = holders
        }
    }

    public var summary: String {
        "\(migration) \(interrupted ? "was interrupted" : "failed") at \(path):\(location.line):\(location.column) (statement \(statementNumber) of \(statementCount))"
    }

    public var details: [String] {
        var lines = excerpt.isEmpty ? [] : [excerpt.joined(separator: "\n")]
        lines.append(databaseError.description)
        if let lockWait {
            let tries = lockWait.attempts == 1 ? "1 attempt" : "\(lockWait.attempts) attempts"
            let waited = lockWait.lastTimeout.map { ", the last waiting \($0.formattedSeconds)" } ?? ""
            lines.append("a lock this statement needs was not granted in \(tries)\(waited)")
            lines += lockWait.holders.isEmpty
                ? ["the session holding it had finished by the time Strata looked"]
                : lockWait.holders.map { "held by " + $0.description }
        }
        if let leftover {
            lines.append(leftover.removed
                ? "the statement left \(leftover.what), which Strata dropped: the statement took no effect"
                : "the statement left \(leftover.what), which Strata could not drop yet (it waits for the same "
                    + "sessions); the next attempt drops it before running the statement again")
        }
        if transactional {
            lines.append("the migration's transaction was rolled back: nothing of it remains")
        } else {
            var effect = switch statementsInEffect {
            case 0: "no statement took effect"
            case 1: "statement 1 took effect and remains"
            default: "statements 1–\(statementsInEffect) took effect and remain"
            }
            if statementsRolledBack == 1 {
                effect += "; 1 ran inside the migration's own transaction and was rolled back with it"
            } else if statementsRolledBack > 1 {
                effect += "; \(statementsRolledBack) ran inside the migration's own transaction and were rolled back with it"
            }
            lines.append("ran without a transaction: " + effect)
        }
        return lines
    }

    public var nextStep: String? {
        if let lockWait, transactional || statementsInEffect == 0 {
            let stop = lockWait.holders.isEmpty ? "" : ", or stop that session's work (on PostgreSQL: pg_cancel_backend(pid))"
            return "run `strata migrate \(operation)` again later, raise --statement-lock-timeout "
                + "(statement_lock_timeout in strata.toml)\(stop)"
        }
        if onExistingSchema, transactional || statementsInEffect == 0 {
            return "the database has this schema already but no history: if it was built without Strata, run "
                + "`strata migrate baseline --to NAME` (NAME: the last migration it already has) to record those as applied, "
                + "then deploy; otherwise fix the statement"
        }
        if transactional || statementsInEffect == 0 {
            return interrupted
                ? "run `strata migrate \(operation)` again when you are ready: it starts \(migration) over"
                : "fix the statement, then run `strata migrate \(operation)` again"
        }
        return "finish or undo what took effect by hand, then run `strata migrate resolve --applied \(migration)` "
            + "or `strata migrate resolve --rolled-back \(migration)`; \(operation) refuses until then"
    }

    public var exitStatus: ExitStatus { .migrationFailed }

    /// The report kept in the history row.
    var historyText: String {
        ([summary] + details).joined(separator: "\n")
    }
}
