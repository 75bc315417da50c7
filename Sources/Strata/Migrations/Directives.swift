import Foundation

/// The `-- strata:` directives a script declares in its leading comments.
///
/// ```sql
/// -- strata:transaction off
/// CREATE INDEX CONCURRENTLY users_email ON users (email);
/// ```
public struct Directives: Sendable, Equatable {
    /// `-- strata:transaction on|off`: forces a migration into or out of a
    /// transaction; `nil` lets Strata decide from the statements.
    public var transaction: Bool?

    /// `-- strata:lint-ignore rule-id[, ...] [reason]` in the leading
    /// comments: rules that do not apply anywhere in the file.
    public var lintIgnores: [LintIgnore]

    public init(transaction: Bool? = nil, lintIgnores: [LintIgnore] = []) {
        self.transaction = transaction
        self.lintIgnores = lintIgnores
    }

    /// The directives every Strata version understands, for error messages.
    static let known = ["transaction", "lint-ignore"]

    /// Reads the directives from the comment lines before the first statement.
    ///
    /// - Throws: ``MigrationFileError`` for an unknown directive or a bad value,
    ///   with its line.
    static func parse(_ text: String, path: String) throws -> Directives {
        var directives = Directives()
        var lineNumber = 0
        var inBlockComment = false
        for rawLine in text.lines {
            lineNumber += 1
            var line = rawLine.trimmingWhitespace()
            if inBlockComment {
                guard let end = line.range(of: "*/") else { continue }
                line = line[end.upperBound...].trimmingWhitespace()
                inBlockComment = false
            }
            while line.hasPrefix("/*") {
                guard let end = line.dropFirst(2).range(of: "*/") else {
                    inBlockComment = true
                    break
                }
                line = line[end.upperBound...].trimmingWhitespace()
            }
            if inBlockComment || line.isEmpty { continue }
            guard line.hasPrefix("--") else { break }
            let comment = line.dropFirst(2).trimmingWhitespace()
            guard comment.hasPrefix("strata:") else { continue }
            let words = comment.dropFirst("strata:".count).split(whereSeparator: \.isWhitespace)
            let location = SourceLocation(line: lineNumber, column: 1)
            guard let name = words.first else {
                throw MigrationFileError(
                    path: path, location: location, problem: "a `-- strata:` comment names no directive",
                    nextStep: "write e.g. `-- strata:transaction off`")
            }
            switch name {
            case "lint-ignore":
                directives.lintIgnores.append(try LintIgnore(words: words.dropFirst(), line: lineNumber, path: path))
            case "transaction":
                guard words.count == 2, let value = ["on": true, "off": false][String(words[1])] else {
                    throw MigrationFileError(
                        path: path, location: location,
                        problem: "`-- strata:transaction` takes `on` or `off`",
                        nextStep: "write `-- strata:transaction off` (run statement by statement) or `-- strata:transaction on`")
                }
                if let earlier = directives.transaction, earlier != value {
                    throw MigrationFileError(
                        path: path, location: location, problem: "`-- strata:transaction` is given twice, differently")
                }
                directives.transaction = value
            default:
                throw MigrationFileError(
                    path: path, location: location, problem: "unknown directive `strata:\(name)`",
                    nextStep: "known directives: " + known.map { "`strata:\($0)`" }.joined(separator: ", ")
                        + "; a comment that is not a directive must not start with `strata:`")
            }
        }
        return directives
    }
}

extension StringProtocol {
    func trimmingWhitespace() -> SubSequence {
        var start = startIndex
        var end = endIndex
        while start < end, self[start].isWhitespace { start = index(after: start) }
        while end > start, self[index(before: end)].isWhitespace { end = index(before: end) }
        return self[start..<end]
    }
}
