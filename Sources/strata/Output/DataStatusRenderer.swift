import Foundation
import Strata

/// `strata data status`: one line per data migration.
struct DataStatusRenderer {
    let report: DataStatusReport

    func render() {
        let console = Console.shared
        guard !report.entries.isEmpty else {
            console.line("No data migrations: \(report.dataPath) has none, and no backfill has run.")
            return
        }
        console.line(console.paint("Data migrations", .bold) + " (\(report.dataPath)):")
        for entry in report.entries {
            console.line("  " + label(entry) + "  " + entry.name + describe(entry))
            if let error = entry.record?.error, entry.record?.state == .failed {
                console.line("      " + (error.split(separator: "\n").first.map(String.init) ?? error))
            }
        }
        let pending = report.pending.count
        if pending > 0 {
            console.line("→ `strata data run` runs the \(counted(pending, "data migration")) not completed, resuming any that stopped")
        }
    }

    private func label(_ entry: DataStatusEntry) -> String {
        let console = Console.shared
        guard let record = entry.record else { return console.paint("pending    ", .yellow) }
        let text = record.state.rawValue.padding(toLength: 11, withPad: " ", startingAt: 0)
        return switch record.state {
        case .completed: console.paint(text, .green)
        case .failed: console.paint(text, .red)
        case .running, .interrupted: console.paint(text, .yellow)
        }
    }

    private func describe(_ entry: DataStatusEntry) -> String {
        var parts: [String] = []
        if entry.path == nil { parts.append("run from the command line") }
        if let record = entry.record {
            if record.kind == .backfill {
                parts.append("\(BackfillProgressRenderer.number(record.rowsDone)) rows in \(counted(record.batches, "batch"))")
                if record.state != .completed, let key = record.lastKey { parts.append("last key \(key)") }
            }
            parts.append("updated \(record.updatedAt)")
            if record.state == .running {
                parts.append("a run is at work, or one stopped without a word (kill -9): `strata data run` resumes it once no run holds it")
            }
        }
        if entry.edited { parts.append(Console.shared.paint("edited since it ran", .red)) }
        return parts.isEmpty ? "" : " (" + parts.joined(separator: "; ") + ")"
    }
}
