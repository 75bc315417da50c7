import Foundation
@testable import Strata
import StrataPostgres
import Testing

/// Every SQL file PostgreSQL ships for its own extensions lints without a
/// crash: psql meta-commands are skipped with a note, and a file the parser
/// cannot read (the `@extowner@` placeholders CREATE EXTENSION substitutes) is
/// a syntax-error finding, not a failure.
@Suite("Lint on PostgreSQL's extension scripts")
struct ExtensionScriptsTests {
    static let folder = "/usr/share/postgresql/15/extension"
    static let present = FileManager.default.fileExists(atPath: folder)

    @Test(.enabled(if: present || ProcessInfo.processInfo.environment["CI"] == "true", "PostgreSQL 15's extension scripts are not installed"))
    func everyExtensionScriptLints() async throws {
        let names = try FileManager.default.contentsOfDirectory(atPath: Self.folder).filter { $0.hasSuffix(".sql") }.sorted()
        #expect(names.count > 100)
        // Seconds of parsing: on a dispatch queue, so the tests waiting on timers and databases keep their threads.
        let report = try await Self.offThePool {
            let scripts = try names.map { try MigrationScript(readingFile: Self.folder + "/" + $0) }
            let linter = try Linter(dialect: PostgresDialect())
            return linter.judge(try linter.read(scripts.map { [$0] }), lockReport: true)
        }
        #expect(report.files.count == names.count)
        let unreadable = report.findings.filter { $0.rule == Linter.syntaxErrorRule }
        for finding in unreadable {
            let text = try String(contentsOfFile: finding.file, encoding: .utf8)
            #expect(text.contains("@extowner@") || text.contains("@extschema@"), "\(finding.file): \(finding.message)")
        }
        #expect(report.notes.count > 100, "the \\echo lines are skipped with a note")
        #expect(report.statements.count > 3000)
    }

    static func offThePool<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            DispatchQueue.global().async { continuation.resume(with: Result { try work() }) }
        }
    }
}
