import Foundation
import Strata

extension PostgresConnection {
    /// Runs `COPY ... TO STDOUT` on the connection's thread, writing its data
    /// into `file` (created or emptied); returns the number of rows copied.
    func copyOut(_ sql: String, to file: URL) async throws -> Int {
        try await perform { connection, call in
            guard FileManager.default.createFile(atPath: file.path, contents: nil), let handle = try? FileHandle(forWritingTo: file) else {
                throw BackupError("\(file.path) cannot be written", nextStep: "make the backup folder writable, or set [backup] dir in strata.toml")
            }
            defer { try? handle.close() }
            do {
                return try connection.copyOut(sql, call: call) { bytes in try handle.write(contentsOf: bytes) }
            } catch let failure as LibPQConnection.StatementFailure {
                throw failure.error
            }
        }
    }
}
