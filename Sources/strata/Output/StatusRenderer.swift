import Foundation
import Strata

/// `strata migrate status` for people: where things are, then one line per
/// migration, then a summary with what to do next.
struct StatusRenderer {
    let report: StatusReport
    let configuration: Configuration
    private var console: Console { .shared }

    func render() {
        let width = max(4, report.migrations.lazy.map { $0.name.count }.max() ?? 0)
        var lines = [
            "\(console.paint("Database  ", .dim)) \(report.database)  \(console.paint("(\(configuration.urlSource))", .dim))",
            "\(console.paint("Migrations", .dim)) \(report.migrationsPath)  \(console.paint(sumNote, .dim))",
            "\(console.paint("History   ", .dim)) \(report.historyTable)\(historyNote)",
            "",
        ]
        lines.reserveCapacity(report.migrations.count + 6)
        let problems = report.problems
        // Missing on disk because a newer release applied them: reported, stopping nothing.
        let newer = Set(report.migrationsFromNewerRelease)
        if report.migrations.isEmpty { lines.append("  no migrations yet: create one with `strata migrate new --name init`") }
        for entry in report.migrations {
            let name = padded(entry.name, to: width)
            let fromNewerRelease = newer.contains(entry.name)
            let details = detail(entry, fromNewerRelease: fromNewerRelease)
            lines.append("  \(label(entry.state, stopsNothing: fromNewerRelease)) "
                + (details.isEmpty ? entry.name : "\(name)  " + console.paint(details, .dim)))
            if [.failed, .running].contains(entry.state), let error = entry.record?.error {
                for line in error.split(separator: "\n").prefix(6) { lines.append("      " + console.paint(String(line), .red)) }
            }
            if let problem = problems[entry.name] { lines.append("      → " + problem.remedy) }
        }
        lines += ["", summary]
        // One write for the whole report: a thousand migrations are a thousand lines.
        console.line(lines.joined(separator: "\n"))
    }

    private func padded(_ text: String, to width: Int) -> String {
        text.count >= width ? text : text + String(repeating: " ", count: width - text.count)
    }

    private var sumNote: String {
        guard report.sumFileExists else { return "(no strata.sum: run `strata migrate hash` to create it)" }
        guard report.unrecordedWork.isEmpty else {
            return "(strata.sum does not list \(report.unrecordedWork.joined(separator: ", ")) as it is yet: deploy records it)"
        }
        return "(strata.sum matches)"
    }

    private var historyNote: String {
        switch report.historySource {
        case .strata: ""
        case .prisma: console.paint("  (read from _prisma_migrations; the next deploy imports it)", .dim)
        case .none: console.paint("  (not created yet)", .dim)
        }
    }

    private func label(_ state: MigrationStatus.State, stopsNothing: Bool) -> String {
        let text = padded(state.rawValue, to: 15)
        switch state {
        case .missing where stopsNothing: return console.paint("! " + text, .yellow)
        case .applied: return console.paint("✔ " + text, .green)
        case .pending: return console.paint("· " + text, .yellow)
        case .outOfOrder, .running: return console.paint("! " + text, .yellow)
        case .failed, .edited, .missing: return console.paint("✖ " + text, .red)
        }
    }

    private func detail(_ entry: MigrationStatus, fromNewerRelease: Bool) -> String {
        guard let record = entry.record else { return "" }
        var parts: [String] = []
        if let finished = record.finishedAt ?? record.startedAt {
            parts.append(String(Timestamp.format(finished).prefix(19)) + " UTC")
        }
        if let duration = record.durationMilliseconds { parts.append(Duration.milliseconds(duration).formattedSeconds) }
        if record.operation != .deploy { parts.append(record.operation.rawValue) }
        switch entry.state {
        case .failed, .running:
            parts.append("\(record.statementsRun) of \(record.statementsTotal) statements took effect")
            if entry.failedCleanly { parts.append(record.execution == .transaction ? "rolled back; deploy retries it" : "deploy retries it") }
        case .pending where record.state == .rolledBack:
            parts.append("rolled back")
        case .missing where fromNewerRelease:
            parts.append("applied by a newer release than this folder; deploy goes on")
        default: break
        }
        return parts.joined(separator: " · ")
    }

    private var summary: String {
        let counts = report.counts
        let order: [MigrationStatus.State] = [.applied, .pending, .outOfOrder, .failed, .running, .edited, .missing]
        let listed = order.compactMap { state in counts[state].map { "\($0) \(state.rawValue)" } }
        guard !report.migrations.isEmpty else { return "Nothing to apply." }
        let text = "\(counted(report.migrations.count, "migration")): " + listed.joined(separator: ", ")
        switch report.exitStatus {
        case .success: return console.paint(text + ". Up to date.", .green)
        case .pending: return console.paint(text + ". Run `strata migrate deploy` to apply them.", .yellow)
        default: return console.paint(text + ". Needs attention: `strata migrate deploy` refuses until the problems above are settled.", .red)
        }
    }
}
