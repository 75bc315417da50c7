/// The `[lint]` table of `strata.toml`: rule severities, and what `migrate
/// deploy` does with findings.
///
/// ```toml
/// [lint]
/// deploy = "error"                  # error-level findings stop a deploy before anything runs
/// large_table_rows = 1000000        # with live statistics: at least this many rows makes it an error
/// [lint.rules]
/// ban-drop-column = "error"
/// prefer-text-field = "off"
/// ```
public struct LintConfiguration: Sendable, Equatable {
    /// What `migrate deploy` does with the findings of the migrations it is about to run.
    public enum DeployGate: String, Sendable, Equatable, CaseIterable {
        /// Print them and carry on (the default).
        case warn
        /// Print them, and stop before anything runs when an error-level rule fired.
        case error
        /// Do not lint.
        case off
    }

    /// Per rule id: the severity it reports at, or `nil` for `off`.
    public var severities: [String: LintSeverity?]
    public var deploy: DeployGate
    /// With live statistics, a table smaller than this (rows) makes a size-bound hazard advice.
    public var smallTableRows: Double
    /// With live statistics, a table at least this large (rows) makes a size-bound hazard an error.
    public var largeTableRows: Double

    public init(
        severities: [String: LintSeverity?] = [:], deploy: DeployGate = .warn, smallTableRows: Double = 10_000,
        largeTableRows: Double = 1_000_000
    ) {
        self.severities = severities
        self.deploy = deploy
        self.smallTableRows = smallTableRows
        self.largeTableRows = largeTableRows
    }

    /// The keys the `[lint]` table takes.
    static let keys = ["deploy", "rules", "small_table_rows", "large_table_rows"]
}
