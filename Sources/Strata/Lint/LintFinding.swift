/// One finding: a rule that fired on a statement, with where, why and the fix.
public struct LintFinding: Sendable, Equatable, Codable {
    public var rule: String
    public var severity: LintSeverity
    public var file: String
    public var line: Int
    public var column: Int
    public var message: String
    public var why: String
    public var fix: String
    /// The `strata migrate new --recipe` command that writes the change safely, where a recipe does.
    public var recipe: String?
    /// The statement's text.
    public var statement: String
    /// Where the statement starts.
    public var statementLine: Int
    /// The file's text on `line`, for pointing at `column`.
    public var sourceLine: String
    /// The live size of the relation it is about, when connected (`users: 12 M rows, 3.1 GB`).
    public var size: String?
    /// Whether its harm depends on a table size that was not known (no database,
    /// or a table never analyzed): reported as advice until linted against the database.
    public var sizeUnknown = false

    /// `file:line:column`.
    public var place: String { "\(file):\(line):\(column)" }
}

/// What a statement locks, for the lock report of `migrate plan` and `lint --url`.
public struct StatementLocks: Sendable, Equatable, Codable {
    public struct Lock: Sendable, Equatable, Codable {
        public var relation: String
        public var mode: String
        /// `none`, `scan` or `rewrite`.
        public var effect: String
        public var size: String?
        /// What it means for others, in a sentence.
        public var consequence: String
    }

    public var file: String
    public var line: Int
    public var statement: String
    public var inTransaction: Bool
    public var locks: [Lock]
}

/// The outcome of linting: findings in file order, the lock of every statement, notes.
public struct LintReport: Sendable, Equatable, Codable {
    public var files: [String]
    public var findings: [LintFinding]
    public var statements: [StatementLocks]
    /// What was skipped and why (a psql meta-command, a file that is not SQL).
    public var notes: [String]

    /// Whether an error-level rule fired (the command then exits 1).
    public var hasErrors: Bool { findings.contains { $0.severity == .error } }

    /// Findings that count: warnings and errors (advice is shown but not counted).
    public var counted: [LintFinding] { findings.filter { $0.severity > .info } }

    /// Advice that would count on a large table: size-dependent findings on tables of unknown size.
    public var awaitingSizes: [LintFinding] { findings.filter(\.sizeUnknown) }
}
