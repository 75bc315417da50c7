import Foundation
import Strata

/// `pg_dump` and `pg_restore`, found where the configuration says:
/// ``BackupConfiguration/pgDumpVariable`` (`STRATA_PG_DUMP`), else
/// `[backup] pg_dump` in `strata.toml`, else `PATH`; `pg_restore` beside
/// that `pg_dump`, else on `PATH`.
struct PostgresBackupTools {
    let pgDump: ExternalProgram
    let pgRestore: ExternalProgram

    /// The advice every "cannot back up" error ends with.
    static func installAdvice(serverMajor: Int?) -> String {
        let version = serverMajor.map(String.init) ?? "<server major version>"
        return "install PostgreSQL's client tools \(serverMajor.map { "\($0) or newer" } ?? "of the server's version or newer") "
            + "(Debian/Ubuntu: apt-get install postgresql-client-\(version); macOS: brew install libpq), "
            + "point \(BackupConfiguration.pgDumpVariable) or [backup] pg_dump in strata.toml at its pg_dump "
            + "(e.g. /usr/lib/postgresql/\(version)/bin/pg_dump), or turn backups off with [backup] enabled = false; nothing was applied"
    }

    /// Finds both programs.
    ///
    /// - Throws: ``BackupError`` naming what was looked for and what to install.
    static func find(_ configuration: BackupConfiguration, serverMajor: Int?, environment: [String: String] = ProcessInfo.processInfo.environment) throws -> PostgresBackupTools {
        let variable = environment[BackupConfiguration.pgDumpVariable].flatMap { $0.isEmpty ? nil : $0 }
        let override = variable ?? configuration.pgDump
        guard let pgDump = ExternalProgram.find("pg_dump", override: override, environment: environment) else {
            let looked = if let variable { "\(BackupConfiguration.pgDumpVariable) names \(variable), which is not an executable file" }
                else if let configured = configuration.pgDump { "[backup] pg_dump in strata.toml names \(configured), which is not an executable file" }
                else { "pg_dump is not on PATH" }
            throw BackupError("cannot back up before destructive statements: \(looked)", nextStep: installAdvice(serverMajor: serverMajor))
        }
        guard let pgRestore = pgDump.sibling("pg_restore") ?? ExternalProgram.find("pg_restore", environment: environment) else {
            throw BackupError(
                "pg_restore is neither beside \(pgDump.path) nor on PATH", nextStep: installAdvice(serverMajor: serverMajor))
        }
        return PostgresBackupTools(pgDump: pgDump, pgRestore: pgRestore)
    }

    /// The major version `program --version` prints (`pg_dump (PostgreSQL) 16.4 (Debian 16.4-1)` is 16).
    ///
    /// - Throws: ``BackupError`` when it does not run or says no version.
    static func majorVersion(of program: ExternalProgram, serverMajor: Int?) async throws -> Int {
        let outcome = try await program.run(["--version"])
        let words = outcome.output.split(whereSeparator: \.isWhitespace)
        guard outcome.status == 0, let number = words.first(where: { $0.first?.isNumber == true }),
              let major = Int(number.prefix { $0.isNumber }) else {
            throw BackupError(
                "\(program.path) --version did not say its version (exit status \(outcome.status))",
                details: [outcome.messages, outcome.output].filter { !$0.isEmpty }, nextStep: installAdvice(serverMajor: serverMajor))
        }
        return major
    }
}
