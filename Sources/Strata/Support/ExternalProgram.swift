import Foundation

/// A program Strata runs, such as `pg_dump`, found by path or on `PATH`.
/// Its output and messages go through files in a temporary folder, not
/// pipes, so no pipe fills while another is waited on. Arguments carry no
/// secrets: connection details go in `environment`.
///
/// ```swift
/// let pgDump = try ExternalProgram.find("pg_dump", override: nil)
/// let version = try await pgDump.run(["--version"]).output
/// ```
package struct ExternalProgram: Sendable {
    /// The executable's path.
    package let path: String

    package init(path: String) {
        self.path = path
    }

    /// `override` when given (a path, or a name looked up on `PATH`), else `name` on `PATH`; `nil` when not found.
    package static func find(_ name: String, override: String? = nil, environment: [String: String] = ProcessInfo.processInfo.environment) -> ExternalProgram? {
        let wanted = override ?? name
        if wanted.contains("/") {
            return FileManager.default.isExecutableFile(atPath: wanted) ? ExternalProgram(path: wanted) : nil
        }
        let folders = (environment["PATH"] ?? "").split(separator: ":").map(String.init)
        return folders.map { joinPath($0, wanted) }.first(where: FileManager.default.isExecutableFile(atPath:)).map(ExternalProgram.init)
    }

    /// The program of the same name as `name` in this one's folder, when there is one.
    package func sibling(_ name: String) -> ExternalProgram? {
        let candidate = joinPath((path as NSString).deletingLastPathComponent, name)
        return FileManager.default.isExecutableFile(atPath: candidate) ? ExternalProgram(path: candidate) : nil
    }

    /// What a run printed and how it ended.
    package struct Outcome: Sendable {
        package var status: Int32
        /// Standard output (empty when it went to a file).
        package var output: String
        /// Standard error, trimmed.
        package var messages: String
    }

    /// Runs the program with `arguments` and `environment` (the whole
    /// environment it gets) and waits for it; standard output goes to
    /// `outputFile` when given.
    ///
    /// - Throws: ``BackupError`` when it cannot be started; `CancellationError`
    ///   when the task was cancelled (the program is terminated).
    package func run(
        _ arguments: [String], environment: [String: String] = ProcessInfo.processInfo.environment, outputFile: URL? = nil
    ) async throws -> Outcome {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("strata-run-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let output = outputFile ?? folder.appendingPathComponent("output")
        let messages = folder.appendingPathComponent("messages")
        let (outputHandle, messagesHandle): (FileHandle, FileHandle)
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            try Data().write(to: output)
            try Data().write(to: messages)
            outputHandle = try FileHandle(forWritingTo: output)
            messagesHandle = try FileHandle(forWritingTo: messages)
        } catch {
            throw BackupError(
                "\(path) cannot be run: its output cannot be written: \(error.localizedDescription)",
                nextStep: "set TMPDIR to a folder you may write to, and check the backup folder is writable")
        }
        defer {
            try? outputHandle.close()
            try? messagesHandle.close()
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = arguments
        process.environment = environment
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = outputHandle
        process.standardError = messagesHandle
        // A cancelled task (Ctrl-C) stops the program too, and is an interruption, not its failure.
        nonisolated(unsafe) let running = process
        let status: Int32 = try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { continuation in
                process.terminationHandler = { continuation.resume(returning: $0.terminationStatus) }
                do {
                    try process.run()
                } catch {
                    continuation.resume(throwing: BackupError("\(path) could not be started: \(error.localizedDescription)"))
                }
            }
        } onCancel: {
            if running.isRunning { running.terminate() }
        }
        try Task.checkCancellation()
        let said = String(decoding: (try? Data(contentsOf: messages)) ?? Data(), as: UTF8.self)
        let printed = outputFile == nil ? String(decoding: (try? Data(contentsOf: output)) ?? Data(), as: UTF8.self) : ""
        return Outcome(status: status, output: printed, messages: said.trimmingCharacters(in: .whitespacesAndNewlines))
    }
}
