import Foundation
import Testing

/// A PgBouncer in front of the test cluster, in transaction pooling mode
/// (the way many teams reach production), started for one test.
final class PgBouncerServer {
    let port: Int
    private let process: Process
    private let folder: URL

    /// Where PgBouncer is installed (Debian's `pgbouncer` package), if it is.
    static var binary: String? {
        ["/usr/sbin/pgbouncer", "/usr/bin/pgbouncer"].first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    /// `roundRobin` hands a client's next transaction to the pool's server sessions in turn, not the last one used;
    /// `poolSize` is how many server sessions each database and user gets.
    init(inFrontOf front: PostgresTestServer, poolMode: String = "transaction", roundRobin: Bool = false, poolSize: Int = 4) throws {
        let binary = try Self.requireBinary()
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("strata-pgbouncer-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        port = Int.random(in: 20_000...40_000)
        let ini = """
            [databases]
            * = host=\(front.host) port=\(front.port) user=\(front.user) password=\(front.password)
            [pgbouncer]
            listen_addr = 127.0.0.1
            listen_port = \(port)
            unix_socket_dir =
            auth_type = trust
            auth_file = \(folder.path)/users.txt
            pool_mode = \(poolMode)
            default_pool_size = \(poolSize)
            server_round_robin = \(roundRobin ? 1 : 0)
            max_client_conn = 100
            ignore_startup_parameters = extra_float_digits,options
            logfile = \(folder.path)/pgbouncer.log
            pidfile = \(folder.path)/pgbouncer.pid
            """
        try Data(ini.utf8).write(to: folder.appendingPathComponent("pgbouncer.ini"))
        try Data("\"\(front.user)\" \"\"\n".utf8).write(to: folder.appendingPathComponent("users.txt"))
        process = Process()
        process.executableURL = URL(fileURLWithPath: binary)
        // PgBouncer refuses to run as root: then it drops to an ordinary user, who must write its log.
        let asRoot = getuid() == 0
        if asRoot { try FileManager.default.setAttributes([.posixPermissions: 0o777], ofItemAtPath: folder.path) }
        process.arguments = (asRoot ? ["-u", Self.ordinaryUser] : []) + [folder.appendingPathComponent("pgbouncer.ini").path]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        // Ready once it accepts connections.
        let deadline = Date().addingTimeInterval(10)
        while !Self.accepts(port: port) {
            guard Date() < deadline, process.isRunning else { throw MissingPgBouncer() }
            Thread.sleep(forTimeInterval: 0.05)
        }
    }

    /// The binary; without one the test is skipped (failed in CI).
    private static func requireBinary() throws -> String {
        if let binary { return binary }
        if Backend.isCI { throw MissingPgBouncer() }
        try Test.cancel("PgBouncer is not installed: scripts/install-dependencies --with-postgres installs it")
    }

    /// The user PgBouncer runs as when the tests run as root.
    private static var ordinaryUser: String {
        getpwnam("postgres") != nil ? "postgres" : "nobody"
    }

    deinit {
        stop()
        try? FileManager.default.removeItem(at: folder)
    }

    /// Stops PgBouncer, closing its server connections (and what they hold).
    /// `Process.waitUntilExit` spins a run loop that never ends on a
    /// cooperative thread: this polls instead.
    func stop() {
        guard process.isRunning else { return }
        kill(process.processIdentifier, SIGKILL)
        let deadline = Date().addingTimeInterval(5)
        while process.isRunning, Date() < deadline { Thread.sleep(forTimeInterval: 0.02) }
    }

    /// The URL of `database` through PgBouncer.
    func url(of database: String, user: String) -> String {
        "postgres://\(user)@127.0.0.1:\(port)/\(database)?sslmode=disable"
    }

    private static func accepts(port: Int) -> Bool {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(descriptor) }
        var address = loopbackAddress(port: UInt16(port))
        return withUnsafePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) == 0
            }
        }
    }
}

struct MissingPgBouncer: Error, CustomStringConvertible {
    var description: String { "PgBouncer did not start (is the pgbouncer package installed?)" }
}
