import Foundation
import Strata

/// libpq's connection messages, kept in its words and given Strata's next step.
enum ConnectionFailure {
    static let closedHint =
        "the server closed the connection: it restarted, or the session was terminated (pg_terminate_backend)"
    static let terminatedHint = "the session was terminated (pg_terminate_backend), or the server is shutting down"

    /// The error for a connection attempt that failed with `message`.
    ///
    /// A parameter value libpq refuses (`invalid sslmode value`, `invalid
    /// port number`) is bad input, a ``ConfigurationError``; everything else
    /// is a ``DatabaseError`` of kind `.connection`.
    static func error(libpqMessage message: String) -> any Error {
        let text = tidy(message)
        if text.hasPrefix("invalid ") || text.hasPrefix("could not match ") {
            return ConfigurationError(
                "libpq refuses the connection parameters: \(text)",
                nextStep: "fix that parameter in the database URL, the PG* variables or the service file")
        }
        return DatabaseError(kind: .connection, message: text, hint: hint(for: text))
    }

    /// One message without libpq's trailing newline and tab indents, and
    /// without the repeats of a retried attempt (`sslmode=prefer` tries
    /// with TLS, then without: a wrong password fails twice alike).
    static func tidy(_ message: String) -> String {
        var lines: [String] = []
        for line in message.split(separator: "\n", omittingEmptySubsequences: true) {
            let text = line.trimmingCharacters(in: .whitespaces)
            if !lines.contains(text) { lines.append(text) }
        }
        return lines.joined(separator: "\n")
    }

    /// What to do about the failures users meet most, as a next step.
    private static func hint(for message: String) -> String? {
        if message.contains("no password supplied") {
            return "give the password in the URL, in PGPASSWORD, or in ~/.pgpass (PGPASSFILE names another file)"
        }
        if message.contains("password authentication failed") {
            return "check the user name and password (the URL, PGUSER / PGPASSWORD, ~/.pgpass)"
        }
        if message.contains("certificate verify failed") || message.contains("root certificate file") {
            return "add sslrootcert=/path/to/ca.crt to the URL to trust the server's certificate, "
                + "or use sslmode=require to encrypt without verifying the server"
        }
        if message.contains("server does not support SSL") {
            return "the server has TLS turned off: use sslmode=prefer or sslmode=disable, or turn ssl on in the server"
        }
        if message.contains("Connection refused") || message.contains("No such file or directory") {
            return "start the server, or fix the host and port: nothing listens there"
        }
        if message.contains("timeout expired") {
            return "check the host, the port and any firewall, or raise connect_timeout (Strata waits 10 s by default)"
        }
        if message.contains("could not translate host name") {
            return "check the host name: it does not resolve"
        }
        if message.contains("does not exist") && message.contains("database") {
            return "create the database (createdb NAME), or fix its name in the URL"
        }
        if message.contains("pg_hba.conf") {
            return "the server's pg_hba.conf must admit this user, database and address"
        }
        if message.contains("session is read-only") || message.contains("hot standby") {
            return "point the URL at the primary: migrations need a server that takes writes "
                + "(with several hosts, target_session_attrs=read-write picks it)"
        }
        return nil
    }
}
