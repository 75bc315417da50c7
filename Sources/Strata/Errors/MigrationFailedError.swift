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

    public var summary: String {
        "\(migration) \(interrupted ? "was interrupted" : "failed") at \(path):\(location.line):\(location.column) (statement \(statementNumber) of \(statementCount))"
    }

    public var details: [String] {
        var lines = excerpt.isEmpty ? [] : [excerpt.joined(separator: "\n")]
        lines.append(databaseError.description)
        if transactional {
            lines.append("the migration's transaction was rolled back: nothing of it remains")
        } else {
            var effect = switch statementsInEffect {
            case 0: "no statement took effect"
            case 1: "statement 1 took effect and remains"
            default: "statements 1–\(statementsInEffect) took effect and remain"
            }
            if statementsRolledBack > 0 {
                effect += "; \(statementsRolledBack) ran inside the migration's own transaction and were rolled back with it"
            }
            lines.append("ran without a transaction: " + effect)
        }
        return lines
    }

    public var nextStep: String? {
        if transactional {
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
