import Foundation
import Strata
import Testing

/// Golden-file tests of the statement splitters, one fixture per trap.
@Suite("Splitting")
enum Splitting {}

/// `Fixtures/split/<dialect>/NAME.sql` split by a dialect and rendered must
/// equal `NAME.golden`. Run with `STRATA_UPDATE_GOLDEN=1` to rewrite the
/// goldens, then read every changed one: a golden states what is correct.
///
/// The rendering, per statement:
///
/// ```
/// -- statement 2 at 3:1 [outside transaction: VACUUM cannot run inside a transaction block]
/// VACUUM
///
/// ```
///
/// A script with no statements renders as `-- no statements`; one the
/// splitter rejects as `-- syntax error at LINE:COLUMN (byte N): message`.
enum SplitGolden {
    static let fixtures = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent() // Splitting
        .deletingLastPathComponent() // StrataTests
        .appendingPathComponent("Fixtures/split")

    static var updating: Bool { ProcessInfo.processInfo.environment["STRATA_UPDATE_GOLDEN"] == "1" }

    static func script(_ name: String, in folder: String) throws -> String {
        try String(contentsOf: fixtures.appendingPathComponent("\(folder)/\(name).sql"), encoding: .utf8)
    }

    /// The fixture names in a folder, to check that every fixture is a test case.
    static func fixtureNames(in folder: String) throws -> Set<String> {
        let files = try FileManager.default.contentsOfDirectory(atPath: fixtures.appendingPathComponent(folder).path)
        return Set(files.filter { $0.hasSuffix(".sql") }.map { String($0.dropLast(4)) })
    }

    static func render(_ script: String, with dialect: any Dialect) -> String {
        let source = SourceText(script)
        let statements: [ScriptStatement]
        do {
            statements = try dialect.split(script: script)
        } catch let error as ScriptSyntaxError {
            let place = error.byteOffset.map { "\(source.location(ofByte: $0)) (byte \($0))" } ?? "an unknown place"
            return "-- syntax error at \(place): \(error.message)\n"
        } catch {
            return "-- unexpected error: \(error)\n"
        }
        if statements.isEmpty { return "-- no statements\n" }
        return statements.enumerated().map { index, statement in
            "-- statement \(index + 1) at \(source.location(ofByte: statement.byteOffset)) [\(describe(statement.requirement))]\n"
                + statement.sql + "\n\n"
        }.joined()
    }

    static func describe(_ requirement: TransactionRequirement) -> String {
        switch requirement {
        case .none: "none"
        case .mustRunOutsideTransaction(let reason): "outside transaction: \(reason)"
        case .aroundTransaction(let reason): "around transaction: \(reason)"
        case .controlsTransaction(let control): "controls transaction: \(control.rawValue)"
        }
    }

    /// Compares the rendering of `NAME.sql` with `NAME.golden`, or rewrites the
    /// golden when updating (never for a known bug: its golden stays correct).
    static func check(_ name: String, in folder: String, with dialect: any Dialect) throws {
        let actual = render(try script(name, in: folder), with: dialect)
        let goldenURL = fixtures.appendingPathComponent("\(folder)/\(name).golden")
        if updating {
            try Data(actual.utf8).write(to: goldenURL)
            return
        }
        let expected = try? String(contentsOf: goldenURL, encoding: .utf8)
        try #require(expected != nil, "\(goldenURL.path) is missing: run with STRATA_UPDATE_GOLDEN=1 and review it")
        #expect(actual == expected, "\(folder)/\(name): the split differs from the golden file")
    }

    /// Each statement is the script's own bytes at its offset, and starts with
    /// neither whitespace nor a comment.
    static func checkOffsets(_ name: String, in folder: String, with dialect: any Dialect) throws {
        let script = try script(name, in: folder)
        let bytes = Array(script.utf8)
        let statements: [ScriptStatement]
        do {
            statements = try dialect.split(script: script)
        } catch let error as ScriptSyntaxError {
            // The error points at a token of the script.
            let offset = try #require(error.byteOffset)
            #expect(offset >= 0 && offset < bytes.count && !SQLComments.isWhitespace(bytes[offset]))
            return
        }
        for statement in statements {
            let sql = Array(statement.sql.utf8)
            #expect(statement.byteOffset + sql.count <= bytes.count)
            guard statement.byteOffset + sql.count <= bytes.count else { continue }
            #expect(Array(bytes[statement.byteOffset..<statement.byteOffset + sql.count]) == sql,
                    "statement at byte \(statement.byteOffset) is not the script's text there")
            #expect(SQLComments.skipWhitespaceAndComments(sql, from: 0, to: sql.count) == 0)
            #expect(sql.last.map { !SQLComments.isWhitespace($0) } == true)
        }
    }
}
