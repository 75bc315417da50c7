/// One lint rule: what it looks for, why it matters and the safe way, with
/// the examples that prove it (the tests run every one, and
/// `docs/lint-rules.md` is written from them).
///
/// ```swift
/// struct BanTruncate: LintRule {
///     let info = LintRuleInfo(id: "ban-truncate", family: .destructive, severity: .error, ...)
///     func check(_ statement: LintedStatement, in context: LintContext) -> [Violation] { ... }
/// }
/// ```
public protocol LintRule: Sendable {
    var info: LintRuleInfo { get }

    /// The kinds of action the rule looks at: it is asked only about
    /// statements that do one of them. `nil` asks about every statement.
    var triggers: Set<ActionKind>? { get }

    /// The violations of one statement, judged against what the run did before it.
    func check(_ statement: LintedStatement, in context: LintContext) -> [LintViolation]
}

extension LintRule {
    public var triggers: Set<ActionKind>? { nil }
}

/// A rule's identity and documentation.
public struct LintRuleInfo: Sendable {
    /// Stable, kebab-case, e.g. `require-concurrent-index-creation`.
    public var id: String
    public var family: LintFamily
    public var severity: LintSeverity
    /// One line: what the rule catches.
    public var summary: String
    /// Which lock, what it blocks, what breaks.
    public var why: String
    /// The safe alternative, as SQL a user can adapt.
    public var fix: String
    /// Whether the hazard grows with the table: with live statistics, a small
    /// table makes it advice and a large one an error.
    public var scalesWithTableSize: Bool
    /// The zero-downtime recipe (`strata migrate new --recipe`) that makes the change safe, where one does.
    public var recipe: Recipe?
    /// SQL that must fire the rule and SQL that must not.
    public var examples: [LintExample]

    public init(
        id: String, family: LintFamily, severity: LintSeverity, summary: String, why: String, fix: String,
        scalesWithTableSize: Bool = false, recipe: Recipe? = nil, examples: [LintExample]
    ) {
        self.id = id
        self.family = family
        self.severity = severity
        self.summary = summary
        self.why = why
        self.fix = fix
        self.scalesWithTableSize = scalesWithTableSize
        self.recipe = recipe
        self.examples = examples
    }
}

/// A rule's example, run by the tests.
public struct LintExample: Sendable {
    /// The migration the example lints.
    public var sql: String
    /// Whether the rule must fire on it.
    public var fires: Bool
    /// Migrations applied before it (their objects exist and are not new).
    public var before: [String]
    /// The dialect the SQL is written in.
    public var dialect: LintDialect
    /// What the example shows, for the docs.
    public var note: String?
    /// Whether it is linted with Strata's own statement lock timeout turned off.
    public var statementLockTimeoutOff = false

    /// The same example, linted with `statement_lock_timeout` turned off.
    public func withStatementLockTimeoutOff() -> Self {
        var copy = self
        copy.statementLockTimeoutOff = true
        return copy
    }

    public static func fires(_ sql: String, after before: [String] = [], in dialect: LintDialect = .postgresql, _ note: String? = nil) -> Self {
        LintExample(sql: sql, fires: true, before: before, dialect: dialect, note: note)
    }

    public static func passes(_ sql: String, after before: [String] = [], in dialect: LintDialect = .postgresql, _ note: String? = nil) -> Self {
        LintExample(sql: sql, fires: false, before: before, dialect: dialect, note: note)
    }
}

/// Which database an example's SQL is written for (a label for tests and docs).
public enum LintDialect: String, Sendable, CaseIterable {
    case postgresql, sqlite
}

public enum LintFamily: String, Sendable, CaseIterable {
    case destructive
    case backwardIncompatible = "backward-incompatible"
    case locking
    case data
    case transactions
    case advice
    case sqlite

    public var title: String {
        switch self {
        case .destructive: "Destructive changes"
        case .backwardIncompatible: "Changes that break the code still running"
        case .locking: "Locks and rewrites"
        case .data: "Data changes in a schema migration"
        case .transactions: "Transactions"
        case .advice: "Types and timeouts (advice)"
        case .sqlite: "SQLite"
        }
    }
}

public enum LintSeverity: String, Sendable, Comparable, CaseIterable, Codable {
    /// Advice: shown, not counted.
    case info
    case warning
    case error

    public static func < (lhs: Self, rhs: Self) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }
}

/// What a rule found in one statement.
public struct LintViolation: Sendable, Equatable {
    /// The specific message, naming the objects (`Dropping column users.email deletes its data`).
    public var message: String
    /// Where in the script it points (a clause's offset); the statement's start when nil.
    public var byteOffset: Int?
    /// The relation whose size decides how bad it is, for rules that scale with size.
    public var relation: TableReference?
    /// The safe alternative for this very statement, when the rule can write it; else the rule's own.
    public var fix: String?
    /// The rule's recipe asked for this very change, as far as the statement tells.
    public var recipe: RecipeRequest?

    public init(
        _ message: String, at byteOffset: Int? = nil, relation: TableReference? = nil, fix: String? = nil, recipe: RecipeRequest? = nil
    ) {
        self.message = message
        self.byteOffset = byteOffset
        self.relation = relation
        self.fix = fix
        self.recipe = recipe
    }
}
