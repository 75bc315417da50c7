import Foundation
import Strata

/// Shows backups: as deploy takes them, the list of `db backups`, and what
/// `db backup` and `db restore` did; or, with `--json`, the same as data.
enum BackupRenderer {
    /// One backup event of a run: backups taken on standard output, as part
    /// of the run; a dry run's plan, what needs no backup, and statements run
    /// without a backup on standard error (the last loudly, always).
    static func render(_ event: BackupEvent, json: Bool, dryRun: Bool) {
        let console = Console.shared
        switch event {
        case .turnedOff:
            console.note(console.paintErr(event.description, .yellow))
        case .backedUp where !json:
            console.line("  " + console.paint(event.description, .bold))
        case .notNeeded where !json, .wouldBackUp where !json:
            console.note(event.description)
        default:
            break
        }
    }

    /// `db backups`: one line per backup, oldest first.
    static func list(_ backups: [BackupFolder], directory: String) {
        let console = Console.shared
        guard !backups.isEmpty else {
            console.line("No backups in \(directory).")
            return
        }
        for backup in backups {
            let manifest = backup.manifest
            let source = manifest.migration.map { "before \($0)" } ?? "by hand"
            console.line("\(manifest.createdAt)  \(source)  \(manifest.what)  \(ByteCount.text(manifest.bytes))")
            console.line(console.paint("  \(backup.path)", .dim))
        }
        console.line("\(counted(backups.count, "backup")) in \(directory); restore one with `strata db restore PATH`.")
    }
}

/// A backup as `--json` shows it.
struct BackupJSON: Encodable {
    let path: String
    let createdAt: String
    let migration: String?
    let database: String
    let product: String
    let bytes: Int64
    let items: [BackupItem]

    init(_ backup: BackupFolder) {
        path = backup.path
        createdAt = backup.manifest.createdAt
        migration = backup.manifest.migration
        database = backup.manifest.database
        product = backup.manifest.product
        bytes = backup.manifest.bytes
        items = backup.manifest.items
    }
}
