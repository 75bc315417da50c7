@testable import Strata
import StrataPostgres
import StrataSQLite
import Testing

/// Every rule's own examples: the SQL that must fire it fires it, the SQL that must not does not.
@Suite("Lint rule examples")
struct LintRuleExampleTests {
    static let dialects: [(LintDialect, any Dialect)] = [(.postgresql, PostgresDialect()), (.sqlite, SQLiteDialect())]

    static var allRules: [(id: String, rule: any LintRule)] {
        var seen = Set<String>()
        return dialects.flatMap { Linter.allRules(for: $0.1) }.filter { seen.insert($0.info.id).inserted }.map { ($0.info.id, $0) }
    }

    static var cases: [ExampleCase] {
        dialects.flatMap { dialect, driverDialect in
            Linter.allRules(for: driverDialect).flatMap { rule in
                rule.info.examples.enumerated().filter { $0.element.dialect == dialect }.map { index, example in
                    ExampleCase(rule: rule.info.id, index: index, example: example)
                }
            }
        }
    }

    struct ExampleCase: CustomTestStringConvertible, Sendable {
        let rule: String
        let index: Int
        let example: LintExample
        var testDescription: String { "\(rule) #\(index + 1) (\(example.fires ? "fires" : "passes"), \(example.dialect.rawValue))" }
    }

    @Test(arguments: cases)
    func example(_ example: ExampleCase) throws {
        var harness = LintHarness(example.example.dialect)
        if example.example.statementLockTimeoutOff { harness.statementLockTimeout = nil }
        let findings = try harness.findings(example.example.sql, after: example.example.before)
        #expect(!findings.contains { $0.rule == Linter.syntaxErrorRule }, "the example does not parse: \(findings)")
        let fired = findings.filter { $0.rule == example.rule }
        if example.example.fires {
            #expect(!fired.isEmpty, "\(example.rule) did not fire on:\n\(example.example.sql)\nfindings: \(findings.map(\.rule))")
        } else {
            #expect(fired.isEmpty, "\(example.rule) fired on:\n\(example.example.sql)\n\(fired.map(\.message))")
        }
    }

    @Test func everyRuleHasAStableIdAndBothKindsOfExample() {
        for dialect in Self.dialects {
            for rule in Linter.allRules(for: dialect.1) {
                let id = rule.info.id
                #expect(id.wholeMatch(of: /[a-z0-9]+(-[a-z0-9]+)*/) != nil, "\(id) is not kebab-case")
                #expect(rule.info.examples.contains { $0.fires }, "\(id) has no example that fires")
                #expect(rule.info.examples.contains { !$0.fires }, "\(id) has no example that passes")
                #expect(!rule.info.why.isEmpty && !rule.info.fix.isEmpty && !rule.info.summary.isEmpty)
            }
        }
        let engineIds = Linter.allRules(for: PostgresDialect()).map(\.info.id)
        #expect(Set(engineIds).count == engineIds.count, "duplicate rule ids")
    }
}
