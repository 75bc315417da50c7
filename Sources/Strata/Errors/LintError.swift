/// `migrate deploy` with `lint.deploy = "error"` found error-level findings
/// in the migrations it was about to run; nothing ran.
public struct LintError: StrataError {
    public let findings: [LintFinding]

    public init(findings: [LintFinding]) {
        self.findings = findings
    }

    public var summary: String {
        let count = findings.count == 1 ? "1 error-level lint finding" : "\(findings.count) error-level lint findings"
        return "deploy stopped before running anything: \(count) (lint.deploy = \"error\" in strata.toml)"
    }

    public var details: [String] {
        findings.map { "\($0.place): \($0.rule): \($0.message)" }
    }

    public var nextStep: String? {
        "make the migration safe (`strata lint` shows each fix), or accept a finding with `-- strata:lint-ignore RULE reason` on the line before the statement"
    }
}
