import Foundation

/// What a `strata` process printed and how it ended.
struct CLIResult: Sendable {
    let stdout: String
    let stderr: String
    let status: Int32

    var output: String { stdout + stderr }
}

/// Runs the built `strata` binary, the way a user or CI would.
enum CLI {
    /// The binary: `$STRATA_BIN`, else `strata` beside the test bundle.
    static var binary: URL {
        if let path = ProcessInfo.processInfo.environment["STRATA_BIN"] { return URL(fileURLWithPath: path) }
        let candidates = [
            URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent(),
            Bundle.main.bundleURL.deletingLastPathComponent(),
            Bundle.main.bundleURL,
        ].map { $0.appendingPathComponent("strata") }
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) }
            ?? URL(fileURLWithPath: #filePath).deletingLastPathComponent()
                .appendingPathComponent("../../../.build/debug/strata").standardized
    }

    /// Runs `strata command` on a terminal (script(1) gives it one) in
    /// `directory`, typing `answer` after half a second if given; returns
    /// what the terminal showed.
    static func onTerminal(
        _ command: String, in directory: URL, typing answer: String? = nil, environment: [String: String] = [:]
    ) throws -> String {
        let run = "script -qec '\(binary.path) \(command)' /dev/null"
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", answer.map { "(sleep 0.5; echo '\($0)') | \(run)" } ?? "\(run) < /dev/null"]
        process.currentDirectoryURL = directory
        process.environment = ["PATH": "/usr/bin:/bin", "HOME": NSTemporaryDirectory(), "TERM": "xterm"].merging(environment) { $1 }
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        while process.isRunning { Thread.sleep(forTimeInterval: 0.01) }
        return output
    }

    /// Runs `strata arguments...` in `directory` with a clean environment plus `environment`.
    /// `whileRunning` gets the process once it started (to signal it, say).
    static func run(
        _ arguments: [String], in directory: URL, environment: [String: String] = [:],
        whileRunning: @escaping @Sendable (Process) async throws -> Void = { _ in }
    ) async throws -> CLIResult {
        let process = Process()
        process.executableURL = binary
        process.arguments = arguments
        process.currentDirectoryURL = directory
        var env = ["PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin", "HOME": NSTemporaryDirectory(), "USER": "tester"]
        env.merge(environment) { _, new in new }
        process.environment = env
        let outputs = FileManager.default.temporaryDirectory.appendingPathComponent("strata-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: outputs, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: outputs) }
        let outURL = outputs.appendingPathComponent("out"), errURL = outputs.appendingPathComponent("err")
        try Data().write(to: outURL)
        try Data().write(to: errURL)
        let out = try FileHandle(forWritingTo: outURL), err = try FileHandle(forWritingTo: errURL)
        process.standardOutput = out
        process.standardError = err
        async let status: Int32 = withCheckedThrowingContinuation { continuation in
            process.terminationHandler = { continuation.resume(returning: $0.terminationStatus) }
            do { try process.run() } catch { continuation.resume(throwing: error) }
        }
        while !process.isRunning, process.processIdentifier == 0 { try await Task.sleep(for: .milliseconds(5)) }
        try await whileRunning(process)
        let exitStatus = try await status
        try out.close()
        try err.close()
        return CLIResult(
            stdout: String(decoding: try Data(contentsOf: outURL), as: UTF8.self),
            stderr: String(decoding: try Data(contentsOf: errURL), as: UTF8.self),
            status: exitStatus)
    }
}
