import Foundation
import Strata

/// Shows a rehearsal: the shadow's fill, then each pending migration's time and locks.
struct RehearsalRenderer: Sendable {
    let json: Bool
    private let seeds: SeedRenderer

    init(json: Bool) {
        self.json = json
        seeds = SeedRenderer(json: json)
    }

    func show(_ event: RehearsalEvent) {
        let console = Console.shared
        let say: (String) -> Void = json ? { console.note($0) } : { console.line($0) }
        switch event {
        case .replayed(let count):
            say("Shadow database: \(counted(count, "applied migration")) replayed.")
        case .generating(let event):
            seeds.show(event)
        case .started:
            break
        case .finished(let migration):
            say("  \(console.paint("✔", .green)) \(migration.name)  \(Self.time(migration.durationMilliseconds)), \(counted(migration.statements, "statement"))")
            for lock in migration.locks where lock.mode >= .shareUpdateExclusive {
                let held = lock.heldMilliseconds.map { "for \(Self.time($0))" } ?? "briefly, between two samples"
                say("      \(lock.relation): \(lock.mode.name) \(held) (\(Self.consequence(lock.mode)))")
            }
        }
    }

    func render(_ report: RehearsalReport) {
        let console = Console.shared
        if json { return console.json(RehearsalJSON(report)) }
        guard !report.migrations.isEmpty else {
            return console.line("Nothing to rehearse: no migration is pending.")
        }
        let total = report.migrations.reduce(Int64(0)) { $0 + $1.durationMilliseconds }
        console.line(console.paint("Rehearsed \(counted(report.migrations.count, "pending migration")) in \(Self.time(total)) on the filled shadow.", .bold))
        if !report.locksSampled {
            console.line("\(report.database) runs one writer at a time: each migration holds the database's write lock for its whole time.")
        } else {
            console.line("Locks that block writes (SHARE and stronger) or reads (ACCESS EXCLUSIVE) are held that long on a table this size; "
                + "`strata migrate new --recipe` writes the change in steps that hold them briefly.")
        }
    }

    static func time(_ milliseconds: Int64) -> String { Duration.milliseconds(milliseconds).formattedSeconds }

    static func consequence(_ mode: LockMode) -> String {
        if mode.blocksReads { return "reads and writes wait" }
        if mode.blocksWrites { return "writes wait" }
        return "reads and writes go on; other schema changes wait"
    }
}

/// `migrate rehearse --json`.
struct RehearsalJSON: Encodable {
    struct Lock: Encodable {
        let relation: String
        let mode: String
        /// `nil` for a lock held between two samples.
        let heldMs: Int64?
        let blocksReads: Bool
        let blocksWrites: Bool
    }

    struct Migration: Encodable {
        let name: String
        let durationMs: Int64
        let statements: Int
        let locks: [Lock]
    }

    let database: String
    let replayed: Int
    let generated: [SeedGenerationReport.Table]
    let migrations: [Migration]
    let locksSampled: Bool
    let exitCode: Int32 = 0

    init(_ report: RehearsalReport) {
        database = report.database
        replayed = report.replayed
        generated = report.generated?.tables ?? []
        locksSampled = report.locksSampled
        migrations = report.migrations.map { migration in
            Migration(
                name: migration.name, durationMs: migration.durationMilliseconds, statements: migration.statements,
                locks: migration.locks.map {
                    Lock(relation: $0.relation, mode: $0.mode.name, heldMs: $0.heldMilliseconds, blocksReads: $0.mode.blocksReads, blocksWrites: $0.mode.blocksWrites)
                })
        }
    }
}
