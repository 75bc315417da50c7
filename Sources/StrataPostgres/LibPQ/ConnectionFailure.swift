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

    /// One message without libpq's trailing newline and tab indents.
    static func tidy(_ message: String) -> String {
        message.split(separator: "\n", omittingEmptySubsequences: true)
            .map { $0.trimmingCharacters(in: .whitespaces) }
            .joined(separator: "\n")
    }

    /// What to do about the failures users meet most.
    private static func hint(for message: String) -> String? {
        if message.contains("no password supplied") {
            return "the server asks for a password: put it in the URL, in PGPASSWORD, or in ~/.pgpass (PGPASSFILE names another file)"
        }
        if message.contains("password authentication failed") {
            return "check the user name and password (the URL, PGUSER / PGPASSWORD, ~/.pgpass)"
        }
        if message.contains("certificate verify failed") || message.contains("root certificate file") {
            return "the server's TLS certificate is not trusted: add sslrootcert=/path/to/ca.crt to the URL, "
                + "or use sslmode=require to encrypt without verifying the server"
        }
        if message.contains("server does not support SSL") {
            return "the server has TLS turned off: use sslmode=prefer or sslmode=disable, or turn ssl on in the server"
        }
        if message.contains("Connection refused") || message.contains("No such file or directory") {
            return "nothing listens on that host and port (or socket): is the server running?"
        }
        if message.contains("timeout expired") {
            return "the server did not answer in time: check the host, port and firewall, or raise connect_timeout"
        }
        if message.contains("could not translate host name") {
            return "the host name does not resolve: check it"
        }
        if message.contains("does not exist") && message.contains("database") {
            return "create the database (createdb NAME), or fix the database name in the URL"
        }
        if message.contains("pg_hba.conf") {
            return "the server's pg_hba.conf does not admit this user, database and address"
        }
        if message.contains("session is read-only") || message.contains("hot standby") {
            return "no host was a primary: deploy must reach one (target_session_attrs=read-write picks it among several)"
        }
        return nil
    }
}
