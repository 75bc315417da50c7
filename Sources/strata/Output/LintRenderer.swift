import Foundation
import Strata

/// Prints lint findings: for people (`file:line:column`, the line with a
/// caret, why, the fix), as JSON, as GitHub workflow annotations, or as SARIF
/// 2.1.0 for code scanning. Each finding is written once, so output grows
/// with the findings, never faster.
struct LintRenderer {
    enum Format: String, CaseIterable {
        case human, json, github, sarif
    }

    let format: Format
    /// Whether advice (`info`) is shown.
    let advice: Bool
    private var console: Console { .shared }

    func render(_ report: LintReport, rules: [any LintRule]) {
        let shown = report.findings.filter { advice || $0.severity > .info }
        switch format {
        case .human:
            human(report, shown: shown)
        case .json:
            console.json(shown)
        case .github:
            for finding in shown { console.line(Self.annotation(finding)) }
            for note in report.notes { console.line("::notice::" + Self.escape(note)) }
        case .sarif:
            console.json(SARIFLog(findings: shown, rules: rules))
        }
    }

    private func human(_ report: LintReport, shown: [LintFinding]) {
        var text = ""
        for finding in shown { text += Self.block(finding, paint: console.paint) + "\n" }
        if !text.isEmpty { console.line(String(text.dropLast())) }
        for note in report.notes { console.note("note: " + note) }
        console.line(Self.summary(report, advice: advice))
    }

    /// The findings that count (warnings and errors) of a run about to start, for deploy and dev; `nil` when there are none.
    static func findings(of report: LintReport, paint: (String, Console.Style) -> String) -> String? {
        let counted = report.counted
        guard !counted.isEmpty else { return nil }
        let head = "Lint: \(counted.count == 1 ? "1 finding" : "\(counted.count) findings") in " + (report.files.count == 1 ? report.files[0] : "the migrations about to run") + ":\n"
        return head + counted.map { block($0, paint: paint) }.joined(separator: "\n")
    }

    /// One finding for people.
    static func block(_ finding: LintFinding, paint: (String, Console.Style) -> String) -> String {
        let label = switch finding.severity {
        case .error: paint("error", .red)
        case .warning: paint("warning", .yellow)
        case .info: paint("advice", .cyan)
        }
        let number = String(finding.line)
        let gutter = String(repeating: " ", count: number.count)
        let caret = String(repeating: " ", count: max(0, finding.column - 1)) + paint("^", .bold)
        var lines = [
            "\(finding.place): \(label): \(finding.message) " + paint("[\(finding.rule)]", .dim),
            " \(number) | \(finding.sourceLine)",
            " \(gutter) | \(caret)",
        ]
        if let size = finding.size { lines.append(" \(gutter) = size: \(size)") }
        if finding.sizeUnknown { lines.append(" \(gutter) = size: unknown, so this is advice; linted against the database (--url) it counts on a large table") }
        lines.append(" \(gutter) = why: \(finding.why)")
        let fix = finding.fix.split(separator: "\n", omittingEmptySubsequences: false)
        lines.append(" \(gutter) = fix: " + (fix.first.map(String.init) ?? ""))
        lines += fix.dropFirst().map { " \(gutter)        \($0)" }
        if let recipe = finding.recipe {
            lines.append(" \(gutter) = recipe: \(recipe)" + (recipe.contains("<") ? "  (fill in each <...> first)" : ""))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// - Parameter connected: whether the report was made against the database (sizes were asked for).
    static func summary(_ report: LintReport, advice: Bool, connected: Bool = false) -> String {
        let errors = report.findings.filter { $0.severity == .error }.count
        let warnings = report.findings.filter { $0.severity == .warning }.count
        let infos = report.findings.filter { $0.severity == .info }.count
        let files = counted(report.files.count, "file")
        var parts: [String] = []
        if errors > 0 { parts.append(counted(errors, "error")) }
        if warnings > 0 { parts.append(counted(warnings, "warning")) }
        let counts = parts.isEmpty ? "no findings" : parts.joined(separator: ", ")
        let adviceNote = infos == 0 ? "" : advice ? ", \(infos) advice" : " (\(infos) advice hidden: --advice shows it)"
        let unsized = report.awaitingSizes.count
        let depends = unsized == 1 ? "1 finding depends" : "\(unsized) findings depend"
        let sizeNote = unsized == 0 ? ""
            : connected ? "\n\(depends) on the size of tables never analyzed (or not read): run ANALYZE on them, then plan again."
            : "\n\(depends) on table sizes Strata could not read; `strata lint --url URL` or `strata migrate plan` judges them on the live tables."
        return "Linted \(files): \(counts)\(adviceNote).\(sizeNote)"
    }

    /// `::warning file=...,line=...,col=...,title=...::message`.
    static func annotation(_ finding: LintFinding) -> String {
        let level = switch finding.severity {
        case .error: "error"
        case .warning: "warning"
        case .info: "notice"
        }
        let properties = "file=\(escapeProperty(finding.file)),line=\(finding.line),col=\(finding.column),title=\(escapeProperty("strata lint: \(finding.rule)"))"
        return "::\(level) \(properties)::" + escape(
            "\(finding.message)\nwhy: \(finding.why)\nfix:\n\(finding.fix)" + (finding.recipe.map { "\nrecipe: \($0)" } ?? ""))
    }

    /// Workflow-command data escapes: `%`, CR and LF.
    static func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "%", with: "%25").replacingOccurrences(of: "\r", with: "%0D").replacingOccurrences(of: "\n", with: "%0A")
    }

    /// Property escapes add `:` and `,`.
    static func escapeProperty(_ text: String) -> String {
        escape(text).replacingOccurrences(of: ":", with: "%3A").replacingOccurrences(of: ",", with: "%2C")
    }
}
