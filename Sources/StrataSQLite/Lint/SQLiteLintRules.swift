import Strata

/// SQLite's own lint rules: the limits of its `ALTER TABLE`, and type affinity.
enum SQLiteLintRules {
    static let all: [any LintRule] = [SQLiteAddColumnLimits(), SQLiteDropColumnLimits(), SQLiteTypeAffinity(), SQLiteRebuildDropsColumns()]
}
