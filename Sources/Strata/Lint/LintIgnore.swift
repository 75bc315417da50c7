/// `-- strata:lint-ignore rule-id[, rule-id ...] [reason]`: rules a file (in
/// its leading comments) or the next statement (on the lines just before it)
/// accepts, with the reason for the reviewer.
///
/// ```sql
/// -- strata:lint-ignore ban-drop-column the app stopped reading it in v42
/// ALTER TABLE users DROP COLUMN legacy_flags;
/// ```
public struct LintIgnore: Sendable, Equatable {
    public var rules: [String]
    public var reason: String?
    /// The directive's line in its file.
    public var line: Int

    public init(rules: [String], reason: String? = nil, line: Int) {
        self.rules = rules
        self.reason = reason
        self.line = line
    }

    /// Reads the words after `strata:lint-ignore`: ids separated by commas, then the reason.
    init<Words: Collection>(words: Words, line: Int, path: String) throws where Words.Element: StringProtocol {
        var rules: [String] = []
        var rest = words.map { String($0) }
        while let word = rest.first {
            let ids = word.split(separator: ",").map(String.init)
            rules += ids
            rest.removeFirst()
            let continues = word.hasSuffix(",") || rest.first?.hasPrefix(",") == true
            if !continues { break }
        }
        guard !rules.isEmpty else {
            throw MigrationFileError(
                path: path, location: SourceLocation(line: line, column: 1),
                problem: "`-- strata:lint-ignore` names no rule",
                nextStep: "write e.g. `-- strata:lint-ignore ban-drop-column the app no longer reads it`; `strata lint --rules` lists the ids")
        }
        self.rules = rules
        self.reason = rest.isEmpty ? nil : rest.joined(separator: " ")
        self.line = line
    }

    /// The `-- strata:lint-ignore` comments in the text between two statements.
    ///
    /// - Parameters:
    ///   - gap: the script's text from the end of the previous statement to the start of this one.
    ///   - firstLine: the line number `gap` starts on.
    static func directives(in gap: Substring, firstLine: Int, path: String) throws -> [LintIgnore] {
        var found: [LintIgnore] = []
        var line = firstLine
        for text in gap.split(separator: "\n", omittingEmptySubsequences: false) {
            defer { line += 1 }
            let trimmed = text.trimmingWhitespace()
            guard trimmed.hasPrefix("--") else { continue }
            let comment = trimmed.dropFirst(2).trimmingWhitespace()
            guard comment.hasPrefix("strata:lint-ignore") else { continue }
            let words = comment.dropFirst("strata:lint-ignore".count).split(whereSeparator: \.isWhitespace)
            found.append(try LintIgnore(words: words, line: line, path: path))
        }
        return found
    }
}
