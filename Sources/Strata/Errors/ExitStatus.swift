import Foundation

/// The exit statuses of `strata`. They are part of the interface: scripts and
/// CI depend on them, so they never change meaning.
public enum ExitStatus: Int32, Sendable, CaseIterable {
    /// Done; for `status`, everything is applied.
    case success = 0
    /// Bad input, configuration, connection, or any other error.
    case failure = 1
    /// `status`: migrations are waiting to be applied.
    case pending = 2
    /// Something needs a human: a failed, edited, missing or out-of-order
    /// migration, or `strata.sum` disagrees with the files.
    case attention = 3
    /// Another runner held the migration lock for longer than `--lock-timeout`.
    case lockTimeout = 4
    /// A migration failed while running; the history says where.
    case migrationFailed = 5
    /// Interrupted (Ctrl-C, `SIGTERM`, or the caller cancelled the task)
    /// between two migrations, or before anything changed.
    case interrupted = 130
}

/// An error Strata explains to its user: what happened, where, and what to do next.
public protocol StrataError: Error, CustomStringConvertible, Sendable {
    /// One line: what went wrong.
    var summary: String { get }
    /// Further lines: where, the database's own words, what ran.
    var details: [String] { get }
    /// What the user should do now.
    var nextStep: String? { get }
    /// The exit status `strata` ends with.
    var exitStatus: ExitStatus { get }
}

extension StrataError {
    public var details: [String] { [] }
    public var nextStep: String? { nil }
    public var exitStatus: ExitStatus { .failure }

    /// The whole report: summary, details, and the next step.
    public var description: String {
        var lines = [summary]
        lines += details.map { "  " + $0.replacingOccurrences(of: "\n", with: "\n  ") }
        if let nextStep { lines.append("→ " + nextStep) }
        return lines.joined(separator: "\n")
    }
}
