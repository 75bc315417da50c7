import Foundation
import Strata

/// Shows what `db seed` did: each seed's outcome, or each generated table's rows and speed.
struct SeedRenderer: Sendable {
    let json: Bool

    func render(_ report: SeedReport) {
        let console = Console.shared
        if json { return console.json(SeedJSON(seedsPath: report.seedsPath, seeds: report.outcomes)) }
        if report.outcomes.isEmpty {
            return console.line("No seeds in \(report.seedsPath): add .sql files there, or generate rows with --generate TABLE=ROWS.")
        }
        for outcome in report.outcomes {
            let name = outcome.path ?? outcome.name
            switch outcome.result {
            case .ran:
                console.line("  \(console.paint("✔", .green)) \(name)" + (outcome.statements.map { ": \(counted($0, "statement")) in one transaction" } ?? ""))
            case .alreadyRan:
                console.line("  \(console.paint("·", .dim)) \(name): ran before" + (outcome.ranBefore.map { " (\($0))" } ?? "") + ", skipped")
            case .changed:
                console.line("  \(console.paint("!", .yellow)) \(name): changed since it ran" + (outcome.ranBefore.map { " (\($0))" } ?? "")
                    + ", skipped; `strata db seed --force` runs it again (it inserts its rows a second time unless it clears them first)")
            }
        }
        let ran = report.ran.count
        let changed = report.changed.count
        if ran > 0 {
            console.line("Seeded \(counted(ran, "seed")).")
        } else if changed > 0 {
            console.line("Nothing ran: \(changed == 1 ? "1 seed changed" : "\(changed) seeds changed") since it ran; `strata db seed --force` runs the seeds again.")
        } else {
            console.line("Nothing to seed: every seed ran before (--force runs them again).")
        }
    }

    /// Progress of a generation run, on stderr with --json.
    func show(_ event: SeedGenerationEvent) {
        let console = Console.shared
        let say: (String) -> Void = json ? { console.note($0) } : { console.line($0) }
        switch event {
        case .planned(let tables):
            say("Generating " + tables.map { "\($0.rows) \($0.table)" }.joined(separator: ", ") + " in one transaction:")
        case .tableStarted:
            break
        case .tableFinished(let table):
            say("  \(console.paint("✔", .green)) \(table.name): \(counted(table.rows, "row")) in \(Self.seconds(table.seconds)) (\(Int(table.rowsPerSecond)) rows/s)")
        }
    }

    func render(_ report: SeedGenerationReport) {
        let console = Console.shared
        if json { return console.json(GenerationJSON(seed: report.seed, tables: report.tables, seconds: report.seconds, notes: report.notes)) }
        for note in report.notes { console.line(console.paint("note: ", .yellow) + note) }
        let rows = report.tables.reduce(0) { $0 + $1.rows }
        console.line("Inserted \(counted(rows, "row")) in \(Self.seconds(report.seconds)) with seed \(report.seed); the same seed gives the same rows.")
    }

    private static func seconds(_ value: Double) -> String { String(format: "%.2f s", value) }
}

/// `db seed --json`.
struct SeedJSON: Encodable {
    let seedsPath: String
    let seeds: [SeedOutcome]
    let exitCode: Int32 = 0
}

/// `db seed --generate --json`.
struct GenerationJSON: Encodable {
    let seed: UInt64
    let tables: [SeedGenerationReport.Table]
    let seconds: Double
    let notes: [String]
    let exitCode: Int32 = 0
}
