import Foundation

/// Graphviz's `dot` program, found on `PATH`, turning DOT text into a drawing.
///
/// ```swift
/// let svg = try await Graphviz().render(diagram.dot, format: "svg")
/// ```
struct Graphviz {
    /// The `dot` executable's path.
    let executable: String

    /// The first executable `dot` in `PATH`'s folders.
    ///
    /// - Throws: ``GraphvizError/notInstalled`` when there is none.
    init() throws {
        let folders = (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":").map(String.init)
        guard let found = folders.map({ joinPath($0, "dot") }).first(where: { FileManager.default.isExecutableFile(atPath: $0) }) else {
            throw GraphvizError.notInstalled
        }
        executable = found
    }

    /// `dot -T<format>` of `source`: the drawing. The DOT text, the drawing
    /// and `dot`'s messages go through files in a temporary folder rather
    /// than pipes, so no pipe can fill while another is waited on.
    ///
    /// - Throws: ``GraphvizError`` when `dot` cannot start or exits with a failure.
    func render(_ source: String, format: String) async throws -> Data {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("strata-dot-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let input = folder.appendingPathComponent("diagram.dot")
        let output = folder.appendingPathComponent("diagram.\(format)")
        let messages = folder.appendingPathComponent("messages")
        let messagesHandle: FileHandle
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            try Data(source.utf8).write(to: input)
            try Data().write(to: messages)
            messagesHandle = try FileHandle(forWritingTo: messages)
        } catch {
            throw GraphvizError(
                "the diagram could not be written to \(folder.path) for `dot`: \(error.localizedDescription)",
                nextStep: "set TMPDIR to a folder you may write to, or use --format dot and run `dot` yourself")
        }
        defer { try? messagesHandle.close() }

        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = ["-T\(format)", "-o", output.path, input.path]
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = FileHandle.nullDevice
        process.standardError = messagesHandle
        let status: Int32 = try await withCheckedThrowingContinuation { continuation in
            process.terminationHandler = { continuation.resume(returning: $0.terminationStatus) }
            do {
                try process.run()
            } catch {
                continuation.resume(throwing: GraphvizError("\(executable) could not be started: \(error.localizedDescription)"))
            }
        }
        let said = String(decoding: (try? Data(contentsOf: messages)) ?? Data(), as: UTF8.self)
            .split(separator: "\n").map(String.init)
        guard status == 0, let drawn = try? Data(contentsOf: output) else {
            throw GraphvizError(
                "\(executable) failed to draw the diagram (exit status \(status))", details: said,
                nextStep: "write it with --format dot and run `dot -T\(format)` on it to see why")
        }
        return drawn
    }
}
