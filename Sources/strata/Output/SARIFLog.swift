import Strata

/// A SARIF 2.1.0 log of lint findings, for GitHub code scanning and other tools.
struct SARIFLog: Encodable {
    let findings: [LintFinding]
    let rules: [any LintRule]

    enum CodingKeys: String, CodingKey {
        case schema = "$schema", version, runs
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode("https://json.schemastore.org/sarif-2.1.0.json", forKey: .schema)
        try container.encode("2.1.0", forKey: .version)
        let ids = rules.map(\.info.id)
        let run = Run(
            tool: Tool(driver: Driver(
                name: "strata", version: StrataVersion.current,
                rules: rules.map { rule in
                    Rule(
                        id: rule.info.id, shortDescription: Text(text: rule.info.summary), fullDescription: Text(text: rule.info.why),
                        help: Text(text: "Instead:\n" + rule.info.fix),
                        defaultConfiguration: Configuration(level: Self.level(rule.info.severity)))
                })),
            results: findings.map { finding in
                Result(
                    ruleId: finding.rule, ruleIndex: ids.firstIndex(of: finding.rule), level: Self.level(finding.severity),
                    message: Text(text: finding.message + (finding.size.map { " (\($0))" } ?? "")),
                    locations: [Location(physicalLocation: PhysicalLocation(
                        artifactLocation: ArtifactLocation(uri: finding.file),
                        region: Region(startLine: finding.line, startColumn: finding.column)))])
            })
        try container.encode([run], forKey: .runs)
    }

    static func level(_ severity: LintSeverity) -> String {
        switch severity {
        case .error: "error"
        case .warning: "warning"
        case .info: "note"
        }
    }

    struct Run: Encodable { let tool: Tool; let results: [Result] }
    struct Tool: Encodable { let driver: Driver }
    struct Driver: Encodable { let name: String; let version: String; let rules: [Rule] }
    struct Rule: Encodable {
        let id: String
        let shortDescription: Text
        let fullDescription: Text
        let help: Text
        let defaultConfiguration: Configuration
    }
    struct Configuration: Encodable { let level: String }
    struct Text: Encodable { let text: String }
    struct Result: Encodable {
        let ruleId: String
        let ruleIndex: Int?
        let level: String
        let message: Text
        let locations: [Location]
    }
    struct Location: Encodable { let physicalLocation: PhysicalLocation }
    struct PhysicalLocation: Encodable { let artifactLocation: ArtifactLocation; let region: Region }
    struct ArtifactLocation: Encodable { let uri: String }
    struct Region: Encodable { let startLine: Int; let startColumn: Int }
}
