import ArgumentParser
import Strata

/// `strata db restore`
struct DbRestore: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "restore",
        abstract: "Bring back the data of a backup: dropped tables re-created, dropped columns added back and refilled by key.",
        discussion: "An SQLite backup replaces the whole database file, history included. Restoring over data that is there now needs --force.")

    @OptionGroup var global: GlobalOptions
    @OptionGroup var output: OutputOptions

    @Argument(help: ArgumentHelp("The backup folder, as `strata db backups` lists it.", valueName: "path"))
    var path: String

    @Flag(help: "Replace the data that is in the way (tables re-created, column values overwritten, the SQLite file replaced).")
    var force = false

    func run() async throws {
        let migrator = try global.migrator()
        let report = try await migrator.restore(path, force: force)
        if output.json { return Console.shared.json(RestoreJSON(report)) }
        for entry in report.restored {
            Console.shared.line("Restored \(entry.item.what) (\(counted(entry.rows, "row"))) from \(report.path).")
        }
    }
}

/// `db restore --json`.
struct RestoreJSON: Encodable {
    struct Entry: Encodable {
        let what: String
        let kind: String
        let rows: Int
    }

    let path: String
    let restored: [Entry]

    init(_ report: RestoreReport) {
        path = report.path
        restored = report.restored.map { Entry(what: $0.item.what, kind: $0.item.kind.rawValue, rows: $0.rows) }
    }
}
