import Foundation
import Strata

/// Shows a deploy, down or reset as it runs: one line per migration with its
/// duration, and a summary; or, with `--json`, the report as data.
struct RunRenderer: Sendable {
    let json: Bool
    let dryRun: Bool
    let direction: MigratorEvent.Direction
    private var console: Console { .shared }

    init(json: Bool, dryRun: Bool, direction: MigratorEvent.Direction) {
        self.json = json
        self.dryRun = dryRun
        self.direction = direction
    }

    var handle: MigratorEventHandler {
        let json = json
        let dryRun = dryRun
        return { event in
            let console = Console.shared
            switch event {
            case .started(let name, _, let execution, let reason):
                if execution == .statements, !json {
                    console.line(console.paint("  ! \(name) runs without a transaction: \(reason ?? "")", .yellow))
                }
                if console.isInteractive, !json { console.partial("  … \(name)") }
            case .linted(let report) where !json:
                if let text = LintRenderer.findings(of: report, paint: console.paint) { console.line(text) }
            case .backup(let backup):
                BackupRenderer.render(backup, json: json, dryRun: dryRun)
            case .droppedObjects(let count):
                if !json { console.line("Dropped \(counted(count, "object")) in the database, data included.") }
            case .finished(let name, let direction, let duration, let statements):
                RunProgress.shared.finished(name)
                guard !json else { return }
                let clear = console.isInteractive ? "\r\u{1B}[2K" : ""
                let mark = direction == .up ? console.paint("✔", .green) : console.paint("↩", .yellow)
                console.partial(clear)
                console.line("  \(mark) \(name)  \(console.paint("\(duration.formattedSeconds), \(counted(statements, "statement"))", .dim))")
            default:
                EventPrinter.stderr(event)
            }
        }
    }

    func finish(_ report: DeployReport, database: String) {
        if let sql = report.dryRunSQL { return DryRunJSON(planned: report.planned, sql: sql).print(json: json) }
        if json {
            console.json(RunJSON(database: database, migrations: report.applied.map(RunJSON.Entry.init), direction: "up",
                                 createdHistoryTable: report.createdHistoryTable, importedPrismaRows: report.importedPrismaRows,
                                 droppedObjects: report.droppedObjects,
                                 backups: report.backups.isEmpty ? nil : report.backups.map(BackupJSON.init),
                                 seeds: report.seeds?.outcomes))
            return
        }
        let total = report.applied.reduce(Int64(0)) { $0 + $1.durationMilliseconds }
        if report.applied.isEmpty {
            console.line("Already up to date: no pending migrations in \(database).")
        } else {
            let count = counted(report.applied.count, "migration")
            let durability = report.flushedTogether ? " (flushed to disk together at the last commit)" : ""
            console.line(console.paint("Applied \(count) to \(database) in \(Duration.milliseconds(total).formattedSeconds)\(durability).", .bold))
        }
        if let seeds = report.seeds { SeedRenderer(json: false).render(seeds) }
    }

    func finish(_ report: DownReport, database: String) {
        if let sql = report.dryRunSQL { return DryRunJSON(planned: report.planned, sql: sql).print(json: json) }
        if json {
            console.json(RunJSON(database: database, migrations: report.rolledBack.map(RunJSON.Entry.init), direction: "down",
                                 createdHistoryTable: false, importedPrismaRows: 0, droppedObjects: 0))
            return
        }
        guard !report.rolledBack.isEmpty else {
            return console.line("Nothing to roll back: no migration is applied in \(database).")
        }
        let count = counted(report.rolledBack.count, "migration")
        console.line(console.paint("Rolled back \(count) in \(database).", .bold))
    }
}

/// Shows what `resolve` or `baseline` recorded.
struct RecordRenderer {
    let json: Bool

    func render(_ report: RecordReport) {
        let console = Console.shared
        if let sql = report.dryRunSQL { return DryRunJSON(planned: report.recorded, sql: sql).print(json: json) }
        if json {
            console.json(RecordJSON(recorded: report.recorded, state: report.state.rawValue, operation: report.operation.rawValue))
            return
        }
        if report.recorded.isEmpty {
            console.line("Nothing to record: every migration up to there is already in the history.")
        }
        let outcome = report.operation == .removed
            ? "recorded as removed on purpose: what it did stays, and status no longer reports its folder missing"
            : "recorded as \(report.state.rawValue.replacingOccurrences(of: "_", with: " "))"
        for name in report.recorded {
            console.line("  \(console.paint("✔", .green)) \(name) \(outcome)")
        }
    }
}
