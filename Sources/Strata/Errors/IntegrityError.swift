import Foundation

/// The migrations and the database disagree in a way only a person can settle:
/// a failed, interrupted, edited, missing or out-of-order migration, or a
/// `strata.sum` that does not match the files. Found before anything ran.
public struct IntegrityError: StrataError {
    public struct Problem: Sendable, CustomStringConvertible {
        /// The migration (or `strata.sum`) concerned.
        public var subject: String
        /// What is wrong.
        public var issue: String
        /// What to do about it.
        public var remedy: String

        public var description: String { "\(subject): \(issue)\n→ \(remedy)" }
    }

    /// What was refused, e.g. `deploy`.
    public var operation: String
    public var problems: [Problem]

    public init(operation: String, problems: [Problem]) {
        self.operation = operation
        self.problems = problems
    }

    public var summary: String {
        "\(operation) refused: \(problems.count == 1 ? "1 problem needs" : "\(problems.count) problems need") attention; nothing was changed"
    }

    public var details: [String] { problems.map(\.description) }

    public var exitStatus: ExitStatus { .attention }
}

extension IntegrityError.Problem {
    static func sum(_ problems: [SumProblem], path: String) -> Self {
        Self(
            subject: path,
            issue: "does not match the migration folders:\n" + problems.prefix(20).map { "  - \($0)" }.joined(separator: "\n")
                + (problems.count > 20 ? "\n  … and \(problems.count - 20) more" : ""),
            remedy: "if the changes are deliberate (a migration you are writing, a merge you checked: "
                + "the merged migrations must still apply in this order), run `strata migrate hash`; "
                + "otherwise restore the files from version control")
    }

    static func failed(_ entry: MigrationStatus) -> Self {
        let record = entry.record
        let ran = record.map { "\($0.statementsRun) of \($0.statementsTotal) statements took effect" } ?? ""
        return Self(
            subject: entry.name,
            issue: "failed without a transaction; \(ran)" + (record?.error.map { "\n" + $0 } ?? ""),
            remedy: "finish or undo its statements by hand, then run `strata migrate resolve --applied \(entry.name)` "
                + "(completed) or `strata migrate resolve --rolled-back \(entry.name)` (undone, to run it again)")
    }

    static func interrupted(_ entry: MigrationStatus) -> Self {
        let record = entry.record
        return Self(
            subject: entry.name,
            issue: "was interrupted: its runner stopped after \(record?.statementsRun ?? 0) of "
                + "\(record?.statementsTotal ?? 0) statements, outside a transaction",
            remedy: "check what those statements did, finish or undo the rest by hand, then run "
                + "`strata migrate resolve --applied \(entry.name)` or `--rolled-back \(entry.name)`")
    }

    static func edited(_ entry: MigrationStatus) -> Self {
        Self(
            subject: entry.name,
            issue: "was applied, and its migration.sql has changed since (checksum "
                + "\(entry.record?.checksum.prefix(12) ?? "?")… recorded, \(entry.migration?.up.checksum.prefix(12) ?? "?")… on disk)",
            remedy: "applied migrations are immutable: restore the file from version control and put the change in a new migration")
    }

    static func missing(_ entry: MigrationStatus) -> Self {
        Self(
            subject: entry.name,
            issue: "is \(entry.record?.state == .applied ? "applied" : "recorded as failed") in the database but has no folder",
            remedy: "restore the folder from version control (a renamed folder counts as a different migration); "
                + "if it was removed on purpose, run `strata migrate resolve --removed \(entry.name)` (what it did stays in the database) "
                + "or `--rolled-back \(entry.name)` (you undid it)")
    }

    static func outOfOrder(_ entry: MigrationStatus, lastApplied: String?) -> Self {
        Self(
            subject: entry.name,
            issue: "is pending but sorts before the applied \(lastApplied ?? "migrations") (merged from another branch?)",
            remedy: "if it does not depend on the order, run deploy with --allow-out-of-order; "
                + "otherwise rename its folder so it sorts last, then run `strata migrate hash`")
    }
}
