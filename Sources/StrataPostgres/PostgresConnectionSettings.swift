import Foundation
import NIOSSL
import PostgresNIO
import Strata

/// Turns a `postgres://` URL into postgres-nio's connection configuration,
/// the way libpq reads the same URL: `sslmode`, `sslrootcert`, `host` (a
/// Unix-socket directory), `port`, `user`, `password`, `dbname`, and Prisma's
/// `schema` / libpq-style `search_path` or `options=-c search_path=...`.
struct PostgresConnectionSettings {
    let configuration: PostgresConnection.Configuration
    /// The database user.
    let user: String
    /// The schema named by the request or the URL; `nil` leaves it to the server.
    let schema: String?

    init(_ request: ConnectionRequest, environment: [String: String] = ProcessInfo.processInfo.environment) throws {
        let url = request.url
        let user = url.user ?? url.parameter("user") ?? environment["PGUSER"] ?? ProcessInfo.processInfo.userName
        let password = url.password ?? url.parameter("password") ?? environment["PGPASSWORD"]
        var database = url.path.hasPrefix("/") ? String(url.path.dropFirst()) : url.path
        if database.isEmpty { database = url.parameter("dbname") ?? environment["PGDATABASE"] ?? user }
        let host = url.host ?? url.parameter("host") ?? environment["PGHOST"] ?? "localhost"
        let portText = url.port.map(String.init) ?? url.parameter("port") ?? environment["PGPORT"]
        guard let port = Int(portText ?? "5432"), (1...65535).contains(port) else {
            throw ConfigurationError("the database URL's port is not a number from 1 to 65535")
        }

        var configuration: PostgresConnection.Configuration
        if host.hasPrefix("/") {
            configuration = PostgresConnection.Configuration(
                unixSocketPath: "\(host)/.s.PGSQL.\(port)", username: user, password: password, database: database)
        } else {
            let tls = try Self.tls(url, host: host)
            configuration = PostgresConnection.Configuration(
                host: host, port: port, username: user, password: password, database: database, tls: tls)
            if tls.isAllowed, !host.isIPAddress { configuration.options.tlsServerName = host }
        }
        configuration.options.connectTimeout = .milliseconds(request.connectTimeout.milliseconds)
        let schema = request.schema ?? url.parameter("schema") ?? Self.firstSchema(of: Self.searchPath(url))
        var startup = [("application_name", String(request.applicationName.prefix(63)))]
        if let schema {
            startup.append(("search_path", PostgresDialect().quoteIdentifier(schema)))
        } else if let searchPath = Self.searchPath(url) {
            startup.append(("search_path", searchPath))
        }
        configuration.options.additionalStartupParameters = startup
        self.configuration = configuration
        self.user = user
        self.schema = schema
    }

    private static func searchPath(_ url: DatabaseURL) -> String? {
        if let path = url.parameter("search_path") { return path }
        guard let options = url.parameter("options") else { return nil }
        // libpq's options=-c search_path=a,b
        let parts = options.components(separatedBy: "search_path=")
        guard parts.count > 1 else { return nil }
        return parts[1].split(separator: " ").first.map(String.init)
    }

    private static func firstSchema(of searchPath: String?) -> String? {
        guard let first = searchPath?.split(separator: ",").first?.trimmingCharacters(in: .whitespaces),
              !first.isEmpty, first != "$user", first != "\"$user\""
        else { return nil }
        if first.hasPrefix("\""), first.hasSuffix("\""), first.count >= 2 {
            return String(first.dropFirst().dropLast()).replacingOccurrences(of: "\"\"", with: "\"")
        }
        return first
    }

    private static func tls(_ url: DatabaseURL, host: String) throws -> PostgresConnection.Configuration.TLS {
        let mode = url.parameter("sslmode") ?? "prefer"
        var tls = TLSConfiguration.makeClientConfiguration()
        if let rootCertificate = url.parameter("sslrootcert") {
            tls.trustRoots = .file(rootCertificate)
        }
        func context() throws -> NIOSSLContext {
            do {
                return try NIOSSLContext(configuration: tls)
            } catch {
                throw ConfigurationError("cannot set up TLS (sslmode=\(mode)): \(error)")
            }
        }
        switch mode {
        case "disable":
            return .disable
        case "allow", "prefer":
            tls.certificateVerification = .none
            return .prefer(try context())
        case "require":
            // As libpq: encrypt, and verify the server only when a root certificate is given.
            tls.certificateVerification = url.parameter("sslrootcert") == nil ? .none : .noHostnameVerification
            return .require(try context())
        case "verify-ca":
            tls.certificateVerification = .noHostnameVerification
            return .require(try context())
        case "verify-full":
            tls.certificateVerification = .fullVerification
            return .require(try context())
        default:
            throw ConfigurationError(
                "sslmode=\(mode) is not a libpq sslmode",
                nextStep: "use disable, allow, prefer, require, verify-ca or verify-full")
        }
    }
}

extension String {
    var isIPAddress: Bool {
        (try? SocketAddress(ipAddress: self, port: 0)) != nil
    }
}
