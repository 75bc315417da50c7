import Strata

/// PostgreSQL's own lint rules: advice on its types.
enum PostgresLintRules {
    static let all: [any LintRule] = [PreferTextField(), PreferBigint(), PreferTimestamptz(), PreferIdentity(), BanCharField()]
}
