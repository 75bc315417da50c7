import CLibPQ
import Foundation
import Strata

/// What libpq is handed to connect: the URL's parts as libpq's own keywords,
/// with the parameters that are Strata's or Prisma's taken out, and the
/// defaults Strata adds where the user set nothing.
///
/// Everything the URL leaves out, libpq fills in as psql would: `PGHOST`,
/// `PGPORT`, `PGUSER`, `PGPASSWORD`, `PGDATABASE`, `PGSSLMODE`, ...,
/// `~/.pgpass` (or `PGPASSFILE`), `service=` / `PGSERVICE` with
/// `pg_service.conf`, Unix sockets, `target_session_attrs` over several hosts.
struct ConnectionParameters {
    /// Keyword/value pairs in order; a later one overrides an earlier one.
    private(set) var pairs: [(keyword: String, value: String)]
    /// The schema named by the configuration or the URL (`schema`, or the
    /// first entry of `search_path`); `nil` leaves it to the server.
    let schema: String?

    /// Prisma's parameters that tune its connection pool or query engine and
    /// mean nothing to one migration connection.
    static let ignoredPrismaParameters: Set<String> = [
        "connection_limit", "pool_timeout", "pgbouncer", "socket_timeout", "statement_cache_size",
        "max_connection_lifetime", "max_idle_connection_lifetime",
    ]

    init(_ request: ConnectionRequest, environment: [String: String] = ProcessInfo.processInfo.environment) throws {
        let url = request.url
        var pairs: [(keyword: String, value: String)] = []
        if !url.isKeywordValue {
            if let user = url.user { pairs.append(("user", user)) }
            if let password = url.password { pairs.append(("password", password)) }
            if url.hosts.contains(where: { $0.host != nil }) {
                pairs.append(("host", url.hosts.map { $0.host ?? "" }.joined(separator: ",")))
            }
            if url.hosts.contains(where: { $0.port != nil }) {
                pairs.append(("port", url.hosts.map { $0.port.map(String.init) ?? "" }.joined(separator: ",")))
            }
            let database = url.path.hasPrefix("/") ? String(url.path.dropFirst()) : url.path
            if !database.isEmpty { pairs.append(("dbname", database)) }
        }

        var urlSchema: String?
        var searchPath: String?
        for (name, value) in url.parameters {
            switch name {
            case "schema": urlSchema = value
            case "search_path": searchPath = value
            case _ where Self.ignoredPrismaParameters.contains(name): continue
            case "sslaccept", "sslidentity":
                throw ConfigurationError(
                    "the database URL's \(name) is a Prisma parameter libpq does not have",
                    nextStep: name == "sslaccept"
                        ? "to verify the server write sslmode=verify-full&sslrootcert=/path/to/ca.crt; "
                            + "sslmode=require encrypts without verifying"
                        : "give the client certificate and key as sslcert=/path/client.crt&sslkey=/path/client.key")
            default: pairs.append((name, value))
            }
        }
        try Self.checkKeywords(pairs.map(\.keyword))
        try Self.checkSSLMode(pairs.last { $0.keyword == "sslmode" }?.value ?? environment["PGSSLMODE"])

        let given = Set(pairs.map(\.keyword))
        let usesService = given.contains("service") || environment["PGSERVICE"] != nil
        // Lowest priority first: the URL, the environment and a service file all override these.
        var defaults: [(keyword: String, value: String)] = [
            ("fallback_application_name", String(request.applicationName.prefix(63)))
        ]
        if !given.contains("connect_timeout"), environment["PGCONNECT_TIMEOUT"] == nil, !usesService {
            // libpq counts whole seconds and takes 2 as its smallest.
            let seconds = max(2, (request.connectTimeout.milliseconds + 999) / 1000)
            defaults.append(("connect_timeout", String(seconds)))
        }
        if !given.contains("keepalives_idle"), !usesService {
            // A server that vanished without closing the socket (a crash of
            // its host, a network partition) is noticed within about 25 s
            // instead of the operating system's two hours.
            defaults += [("keepalives_idle", "10"), ("keepalives_interval", "5"), ("keepalives_count", "3")]
        }
        if !given.contains("client_encoding"), environment["PGCLIENTENCODING"] == nil {
            // Migration files are UTF-8, whatever the database's own encoding.
            defaults.append(("client_encoding", "UTF8"))
        }

        let options = pairs.last { $0.keyword == "options" }?.value ?? environment["PGOPTIONS"]
        let schema = request.schema ?? urlSchema ?? Self.firstSchema(of: searchPath ?? Self.searchPath(inOptions: options))
        let path = (request.schema ?? urlSchema).map { PostgresDialect().quoteIdentifier($0) } ?? searchPath
        if let path {
            // As a startup option, the search path is the session's default:
            // `RESET search_path` and `DISCARD ALL` come back to it.
            let setting = "-c search_path=" + Self.escapedOption(path)
            pairs.append(("options", options.map { "\($0) \(setting)" } ?? setting))
        }
        self.pairs = defaults + pairs
        self.schema = schema
    }

    /// Runs `body` with the pairs as the NULL-terminated C arrays `PQconnectdbParams` takes.
    func withCArrays<T>(_ body: (UnsafePointer<UnsafePointer<CChar>?>, UnsafePointer<UnsafePointer<CChar>?>) -> T) -> T {
        let keywords = pairs.map { strdup($0.keyword) }
        let values = pairs.map { strdup($0.value) }
        defer {
            keywords.forEach { free($0) }
            // Wipe the password from this copy before freeing it.
            for value in values { if let value { memset(value, 0, strlen(value)) }; free(value) }
        }
        let keywordArray = keywords.map { UnsafePointer($0) } + [nil]
        let valueArray = values.map { UnsafePointer($0) } + [nil]
        return keywordArray.withUnsafeBufferPointer { keywordPointer in
            valueArray.withUnsafeBufferPointer { valuePointer in
                body(keywordPointer.baseAddress!, valuePointer.baseAddress!)
            }
        }
    }

    /// The keywords libpq knows, from libpq itself: parsing an empty string
    /// lists every option, and reads no environment or service file.
    static func knownKeywords() throws -> Set<String> {
        try libpqKeywords.get()
    }

    private static let libpqKeywords = Result<Set<String>, any Error> {
        let pq = try LibPQ.functions()
        guard let options = pq.PQconninfoParse("", nil) else { return [] }
        defer { pq.PQconninfoFree(options) }
        var keywords: Set<String> = []
        var option = options
        while let keyword = option.pointee.keyword {
            keywords.insert(String(cString: keyword))
            option += 1
        }
        return keywords
    }

    private static func checkKeywords(_ keywords: [String]) throws {
        let known = try knownKeywords()
        guard let unknown = keywords.first(where: { !known.contains($0) }) else { return }
        throw ConfigurationError(
            "the database URL has a parameter that neither libpq nor Strata knows: \(unknown)",
            nextStep: "remove it, or spell it as libpq does (host, port, dbname, user, sslmode, sslrootcert, "
                + "target_session_attrs, ...: https://www.postgresql.org/docs/current/libpq-connect.html#LIBPQ-PARAMKEYWORDS); "
                + "Strata adds schema and search_path")
    }

    private static func checkSSLMode(_ mode: String?) throws {
        guard let mode else { return }
        let modes = ["disable", "allow", "prefer", "require", "verify-ca", "verify-full"]
        guard !modes.contains(mode) else { return }
        throw ConfigurationError(
            "sslmode=\(mode) is not a libpq sslmode",
            nextStep: "use " + modes.dropLast().joined(separator: ", ") + " or " + modes.last!)
    }

    /// `search_path=a,b` inside libpq's `options` (`-c search_path=a,b` or `--search_path=a,b`).
    private static func searchPath(inOptions options: String?) -> String? {
        guard let options, let range = options.range(of: "search_path=") else { return nil }
        var value = ""
        var characters = options[range.upperBound...].makeIterator()
        while let character = characters.next(), character != " " {
            if character == "\\", let escaped = characters.next() { value.append(escaped) } else { value.append(character) }
        }
        return value
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

    /// libpq's `options` separate arguments by spaces unless a backslash escapes them.
    private static func escapedOption(_ value: String) -> String {
        var escaped = ""
        for character in value {
            if character == " " || character == "\\" { escaped.append("\\") }
            escaped.append(character)
        }
        return escaped
    }
}
