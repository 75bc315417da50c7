import Foundation
import Strata
import Testing

/// `strata db backup|backups|restore` and deploy's backups, through the built binary.
@Suite("strata db: backups from the command line")
struct DbBackupCLITests {
    @Test("deploy prints each backup with its size; db backups lists it; db restore brings the column back and exits 6 on bad input", arguments: Backend.allCases)
    func newcomerSession(_ backend: Backend) async throws {
        try await withFreshDatabase(backend) { project, database in
            let url = ["--url", database.url]
            let environment = backend == .postgres ? [BackupConfiguration.pgDumpVariable: try BackupFixture.requirePgDump()] : [:]
            func strata(_ arguments: [String]) async throws -> CLIResult {
                try await CLI.run(arguments + url, in: project.root, environment: environment)
            }
            try project.add("001_users", BackupFixture.createUsers)
            try project.add("002_drop_email", BackupTests.dropEmail)
            let deploy = try await strata(["migrate", "deploy"])
            #expect(deploy.status == 0, "\(deploy.output)")
            #expect(deploy.stdout.contains("Backed up ") && deploy.stdout.contains("(3 rows, ") && deploy.stdout.contains(" to .strata/backups/"), "\(deploy.stdout)")

            let list = try await strata(["db", "backups"])
            #expect(list.status == 0 && list.stdout.contains("before 002_drop_email") && list.stdout.contains("1 backup in .strata/backups"), "\(list.output)")
            let json = try await strata(["db", "backups", "--json"])
            let listed = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [[String: Any]]
            let path = try #require(listed?.first?["path"] as? String)
            #expect(listed?.count == 1 && listed?.first?["migration"] as? String == "002_drop_email")

            let missing = try await strata(["db", "restore", "no/such/backup"])
            #expect(missing.status == 6 && missing.stderr.contains("no/such/backup is not a backup folder: it does not exist"), "\(missing.output)")
            if backend == .sqlite {
                let refused = try await strata(["db", "restore", path])
                #expect(refused.status == 6 && refused.stderr.contains("pass --force"), "\(refused.output)")
            }
            let restore = try await strata(["db", "restore", path] + (backend == .sqlite ? ["--force"] : []))
            #expect(restore.status == 0 && restore.stdout.contains("Restored ") && restore.stdout.contains("(3 rows)"), "\(restore.output)")
            #expect(try await BackupFixture.emails(database) == BackupFixture.expectedEmails)
        }
    }

    @Test("with backup = false in strata.toml, deploy warns on standard error at the destructive statement")
    func turnedOff() async throws {
        try await withFreshDatabase(.sqlite) { project, database in
            try Data("backup = false\n".utf8).write(to: project.root.appendingPathComponent("strata.toml"))
            try project.add("001_users", BackupFixture.createUsers)
            try project.add("002_drop_email", BackupTests.dropEmail)
            let deploy = try await CLI.run(["migrate", "deploy", "--url", database.url], in: project.root)
            #expect(deploy.status == 0, "\(deploy.output)")
            #expect(deploy.stderr.contains("WITHOUT A BACKUP") && deploy.stderr.contains("002_drop_email/migration.sql:2"), "\(deploy.stderr)")
            #expect(!FileManager.default.fileExists(atPath: project.backups.path))
        }
    }
}
