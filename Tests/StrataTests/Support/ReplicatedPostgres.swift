import Foundation
import Testing

/// A PostgreSQL primary of its own with one streaming standby, for what a
/// backfill does while a replica lags. A cluster apart from the shared test
/// server, so that pausing its replay slows no other test's backfill.
/// Started with `scripts/postgres` and `pg_basebackup -R`; `stop()` removes both.
final class ReplicatedPostgres: @unchecked Sendable {
    /// The primary's URL (superuser `strata`).
    let primaryURL: String
    /// The standby's URL: the same user and password, its own port.
    let standbyURL: String
    private let folder: String
    private let bin: String

    init() throws {
        guard Backend.postgresAdminURL != nil, let bin = Self.serverBinaries else { try skipWithoutPostgres() }
        self.bin = bin
        let started = try Self.run([Self.repository + "/scripts/postgres", "start"], asOwner: false)
        var exports: [String: String] = [:]
        for line in started.split(separator: "\n") where line.hasPrefix("export ") {
            let pair = line.dropFirst("export ".count).split(separator: "=", maxSplits: 1)
            guard pair.count == 2 else { continue }
            exports[String(pair[0])] = String(pair[1]).trimmingCharacters(in: CharacterSet(charactersIn: "'"))
        }
        guard let folder = exports["STRATA_TEST_POSTGRES_DIR"], let primary = exports["STRATA_TEST_POSTGRES_URL"] else {
            throw Failure(what: "scripts/postgres start printed no cluster: \(started)")
        }
        self.folder = folder
        primaryURL = primary
        let server = try PostgresTestServer(primary)
        let standbyPort = try Self.freePort()
        do {
            _ = try Self.run([
                bin + "/pg_basebackup", "-h", server.host, "-p", server.port, "-U", server.user, "-D", folder + "/standby",
                "-R", "-X", "stream",
            ], environment: ["PGPASSWORD": server.password])
            // The standby must allow as many connections as the primary (scripts/postgres sets 300).
            _ = try Self.run([
                bin + "/pg_ctl", "-D", folder + "/standby", "-l", folder + "/standby.log", "-w", "-o",
                "-c listen_addresses=127.0.0.1 -p \(standbyPort) -k \(folder) -c ssl=off -c max_connections=300 "
                    + "-c wal_receiver_status_interval=1s",
                "start",
            ])
        } catch {
            _ = try? Self.run([bin + "/pg_ctl", "-D", folder + "/standby", "-m", "immediate", "stop"])
            _ = try? Self.run([Self.repository + "/scripts/postgres", "stop", folder], asOwner: false)
            throw error
        }
        standbyURL = "postgres://\(server.user):\(server.password)@127.0.0.1:\(standbyPort)/postgres"
    }

    /// Stops the standby and the primary, and removes their folder.
    func stop() {
        _ = try? Self.run([bin + "/pg_ctl", "-D", folder + "/standby", "-m", "immediate", "stop"])
        _ = try? Self.run([Self.repository + "/scripts/postgres", "stop", folder], asOwner: false)
    }

    // MARK: - Processes

    private struct Failure: Error, CustomStringConvertible {
        let what: String
        var description: String { what }
    }

    /// The newest installed server's `bin` folder (Debian's layout), if any.
    private static var serverBinaries: String? {
        let root = "/usr/lib/postgresql"
        let versions = (try? FileManager.default.contentsOfDirectory(atPath: root)) ?? []
        return versions.compactMap(Int.init).sorted().last.map { "\(root)/\($0)/bin" }
    }

    /// The repository's root, from this file's place in it.
    private static let repository = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path

    private static func freePort() throws -> Int {
        let output = try run(["/usr/bin/env", "python3", "-c",
            "import socket; s=socket.socket(); s.bind(('127.0.0.1', 0)); print(s.getsockname()[1])"], asOwner: false)
        guard let port = Int(output.trimmingCharacters(in: .whitespacesAndNewlines)) else { throw Failure(what: "no free port: \(output)") }
        return port
    }

    /// Runs a command to its end and returns what it printed; as the
    /// `postgres` user when the tests run as root (the server refuses root).
    /// Spawned and waited for with `posix_spawn` and `waitpid`, its output
    /// to a file: a server the command starts keeps its inherited
    /// descriptors open, so a pipe would never end.
    @discardableResult
    private static func run(_ arguments: [String], asOwner: Bool = true, environment: [String: String] = [:]) throws -> String {
        let owner = asOwner && getuid() == 0
        let argv = (owner ? ["/usr/sbin/runuser", "-u", "postgres", "--"] : []) + ["/usr/bin/env"]
            + environment.map { "\($0)=\($1)" } + arguments
        let log = FileManager.default.temporaryDirectory.appendingPathComponent("strata-replica-\(UUID().uuidString).log").path
        defer { try? FileManager.default.removeItem(atPath: log) }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 1, log, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        posix_spawn_file_actions_adddup2(&actions, 1, 2)
        let cArguments = argv.map { strdup($0) } + [nil]
        defer { cArguments.forEach { free($0) } }
        var pid: pid_t = 0
        let spawned = posix_spawn(&pid, argv[0], &actions, nil, cArguments, environ)
        guard spawned == 0 else { throw Failure(what: "cannot run \(argv[0]): error \(spawned)") }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0, errno == EINTR {}
        let text = (try? String(contentsOfFile: log, encoding: .utf8)) ?? ""
        // Exited normally with status 0: the low 7 bits (the signal) and the exit code are both zero.
        guard status == 0 else { throw Failure(what: "\(arguments.joined(separator: " ")) failed (status \(status)): \(text)") }
        return text
    }
}
