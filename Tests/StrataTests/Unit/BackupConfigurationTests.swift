import Foundation
@testable import Strata
import Testing

extension Unit {
    /// `[backup]` in strata.toml, and what a statement's facts say deploy must back up.
    @Suite("Backup configuration and targets")
    struct BackupConfigurationTests {
        func resolve(_ folder: ScratchFolder) throws -> Configuration {
            try Configuration.resolve(.init(), environment: [:], workingDirectory: folder.path)
        }

        @Test("[backup] enabled, dir (relative to strata.toml) and pg_dump; backup = false; defaults")
        func backupTable() throws {
            let folder = try ScratchFolder()
            try folder.write("strata.toml", "[environments.development]\nurl = \"sqlite:dev.db\"\n")
            #expect(try resolve(folder).backup == BackupConfiguration(enabled: true, directory: ".strata/backups"))
            try folder.write("strata.toml", "[backup]\nenabled = false\ndir = \"/mnt/backups\"\npg_dump = \"/usr/lib/postgresql/16/bin/pg_dump\"\n")
            #expect(try resolve(folder).backup == BackupConfiguration(enabled: false, directory: "/mnt/backups", pgDump: "/usr/lib/postgresql/16/bin/pg_dump"))
            try folder.write("conf/strata.toml", "[backup]\ndir = \"volume/backups\"\n")
            let nested = try Configuration.resolve(.init(configPath: folder.path("conf/strata.toml")), environment: [:], workingDirectory: folder.path)
            #expect(nested.backup.directory == "conf/volume/backups")
            try folder.write("strata.toml", "backup = false\n")
            #expect(try resolve(folder).backup.enabled == false)
        }

        @Test("unknown [backup] keys and wrong types are errors")
        func badBackupTable() throws {
            let folder = try ScratchFolder()
            for text in ["[backup]\nenable = false\n", "[backup]\nenabled = \"no\"\n", "backup = 3\n", "[backup]\ndir = \"\"\n"] {
                try folder.write("strata.toml", text)
                #expect(throws: ConfigurationError.self, "\(text)") { try resolve(folder) }
            }
        }

        @Test("targets: dropped and truncated tables, dropped columns and schemas; nothing for other statements")
        func targets() throws {
            let users = TableReference(name: "users")
            let facts = StatementFacts(actions: [
                StatementAction(.dropColumn(table: users, column: "email", cascade: false)),
                StatementAction(.drop(ObjectDrop(kind: .table, names: [TableReference(name: "old")]))),
                StatementAction(.truncate([users], cascade: false)),
                StatementAction(.drop(ObjectDrop(kind: .schema, names: [TableReference(name: "archive")]))),
                StatementAction(.drop(ObjectDrop(kind: .index, names: [TableReference(name: "users_idx")]))),
                StatementAction(.truncate([users], cascade: false)),
            ])
            #expect(BackupTarget.targets(of: facts) == [.column(users, "email"), .table(TableReference(name: "old")), .table(users), .schema("archive")])
            #expect(BackupTarget.targets(of: StatementFacts(actions: [StatementAction(.addColumn(table: users, ColumnDefinition(name: "x", type: nil)))])).isEmpty)
        }

        @Test("sizes read as people write them")
        func byteCounts() {
            #expect(ByteCount.text(812) == "812 B")
            #expect(ByteCount.text(12_288) == "12 KB")
            #expect(ByteCount.text(1_700) == "1.7 KB")
            #expect(ByteCount.text(3 * 1024 * 1024 + 400 * 1024) == "3.4 MB")
        }
    }
}
