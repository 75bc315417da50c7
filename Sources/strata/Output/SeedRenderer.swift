import Foundation
import Strata
import Synchronization

/// Shows what `db seed` did: each seed's outcome, or each generated table's rows and speed.
struct SeedRenderer: Sendable {
    let json: Bool
    private let progress = GenerationProgress()

    init(json: Bool) {
        self.json = json
    }

    func render(_ report: SeedReport) {
        let console = Console.shared
        if json { return console.json(SeedJSON(seedsPath: report.seedsPath, seeds: report.outcomes)) }
        if report.outcomes.isEmpty {
            return console.line("No seed files in \(report.seedsPath)/: add .sql files there, or generate rows with --generate TABLE=ROWS.")
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
            say("Generating " + tables.map { "\(Self.number($0.rows)) \($0.table)" }.joined(separator: ", ") + " in one transaction:")
        case .tableStarted:
            break
        case .progress(let table, let made, let rows):
            progress.show("  \(table): \(Self.number(made)) of \(Self.number(rows)) rows", json: json)
        case .tableFinished(let table):
            progress.clear()
            // A pace over less than 10 ms says nothing.
            let pace = table.seconds >= 0.01 ? " (\(Self.number(Int(table.rowsPerSecond))) rows/s)" : ""
            say("  \(console.paint("✔", .green)) \(table.name): \(Self.number(table.rows)) rows in \(Self.seconds(table.seconds))\(pace)")
        }
    }

    func render(_ report: SeedGenerationReport) {
        let console = Console.shared
        if json { return console.json(GenerationJSON(seed: report.seed, tables: report.tables, seconds: report.seconds, notes: report.notes)) }
        for note in report.notes { console.line(console.paint("note: ", .yellow) + note) }
        let rows = report.tables.reduce(0) { $0 + $1.rows }
        console.line("Inserted \(Self.number(rows)) rows in \(Self.seconds(report.seconds)) with seed \(report.seed); the same seed gives the same rows.")
    }

    private static func seconds(_ value: Double) -> String { String(format: "%.2f s", value) }

    private static func number(_ value: Int) -> String { BackfillProgressRenderer.number(value) }
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

/// A table's progress while its rows are made: redrawn in place on a
/// terminal, else a line every few seconds (on standard error with --json).
final class GenerationProgress: Sendable {
    private struct State {
        var last: ContinuousClock.Instant?
        var shown = false
    }

    private let state = Mutex(State())

    func show(_ text: String, json: Bool) {
        let console = Console.shared
        let inPlace = !json && console.isInteractive
        let now = ContinuousClock.now
        let due = state.withLock { state -> Bool in
            guard state.last.map({ now - $0 >= (inPlace ? .milliseconds(100) : .seconds(2)) }) ?? true else { return false }
            state.last = now
            state.shown = inPlace
            return true
        }
        guard due else { return }
        if inPlace { console.partial("\r\u{1B}[2K" + text) } else if json { console.note(text) } else { console.line(text) }
    }

    func clear() {
        let shown = state.withLock { state -> Bool in
            defer { state.shown = false; state.last = nil }
            return state.shown
        }
        if shown { Console.shared.partial("\r\u{1B}[2K") }
    }
}
