import Foundation

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
