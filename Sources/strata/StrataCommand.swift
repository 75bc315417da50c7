import ArgumentParser
import Foundation
import Strata
import StrataPostgres
import StrataSQLite

/// `strata`: version-controlled database migrations.
@main
struct StrataCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "strata",
        abstract: "Version-controlled schema migrations for PostgreSQL and SQLite.",
        discussion: """
            Exit codes: 0 success · 1 error · 2 pending migrations (status) · 3 needs attention \
            (failed, edited, missing, out-of-order, strata.sum mismatch) · 4 lock timeout · 5 a migration failed · \
            6 a backup or restore failed · 130 interrupted.
            """,
        version: StrataVersion.full,
        subcommands: [Init.self, Migrate.self, DataCommand.self, DbCommand.self, Lint.self, SchemaCommand.self, Completions.self])

    /// Runs the command; a ``StrataError`` is printed with its next step and
    /// ends the process with its documented exit status.
    static func main() async {
        // `strata --version` answers before argument parsing: the parser's
        // first protocol-conformance lookup scans the conformance records of
        // the whole (statically linked) binary, which costs milliseconds.
        if CommandLine.arguments.dropFirst() == ["--version"] {
            Console.shared.line(StrataVersion.full)
            return
        }
        do {
            nonisolated(unsafe) var command = try parseAsRoot()
            try await Interruption.cancellingOnSignals {
                if var asyncCommand = command as? any AsyncParsableCommand {
                    try await asyncCommand.run()
                } else {
                    try command.run()
                }
            }
        } catch is CancellationError {
            report(InterruptedError())
        } catch let error as any StrataError {
            report(error)
        } catch {
            // The parser's own errors (unknown option, bad value) in Strata's
            // spelling: `error:` as every other failure, on standard error;
            // `--help` and the like on standard output with exit code 0.
            let code = exitCode(for: error)
            let message = fullMessage(for: error)
            // `ExitCode(n)` (status's 2 and 3) carries no message: the output said it all.
            guard !message.isEmpty else { Foundation.exit(code.rawValue) }
            guard code != .success else {
                Console.shared.line(message)
                Foundation.exit(code.rawValue)
            }
            let text = message.hasPrefix("Error: ") ? String(message.dropFirst("Error: ".count)) : message
            Console.shared.note(Console.shared.paintErr("error:", .red) + " " + text)
            Foundation.exit(code.rawValue)
        }
    }
}

extension StrataCommand {
    /// Prints a failure with its next step on standard error (and, with
    /// `--json`, as JSON on standard output), then exits with its status.
    static func report(_ error: any StrataError) -> Never {
        Console.shared.error(error)
        if CommandLine.arguments.contains("--json") {
            Console.shared.json(FailureJSON(error, done: RunProgress.shared.done))
        }
        Foundation.exit(error.exitStatus.rawValue)
    }
}

/// Strata's version, as `strata --version` prints it.
enum StrataVersion {
    static let current = "0.1.0"

    /// Strata's version and those of the parser and library it runs on.
    static var full: String {
        """
        strata \(current)
        PostgreSQL: scripts parsed with the PostgreSQL \(PostgresDialect.parserGrammarVersion) grammar (libpg_query), connections through libpq
        SQLite: \(SQLiteDialect.libraryVersion) (the system library)
        """
    }
}
