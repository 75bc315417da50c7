import Foundation

/// A database URL, parsed and with its password kept out of every rendering.
///
/// Three shapes are accepted:
/// - hierarchical: `postgres://user:secret@db.example.com:5432/app?sslmode=require`,
///   `postgres://u@primary:5432,standby:5432/app?target_session_attrs=read-write`,
///   `sqlite:///var/lib/app.db`
/// - opaque: `sqlite:strata.db`, `sqlite::memory:`
/// - libpq's keyword/value string: `host=db.example.com dbname=app user=alice`,
///   which is PostgreSQL's (``scheme`` `postgresql`, every pair in ``parameters``)
///
/// Components are percent-decoded. `description` masks the password, so a URL
/// can be printed, logged or put in an error message.
public struct DatabaseURL: Sendable, Equatable, CustomStringConvertible {
    /// Lower-cased scheme, e.g. `postgres`.
    public var scheme: String
    public var user: String?
    public var password: String?
    /// Host name, IP address (IPv6 without brackets), or `nil`; the first
    /// one when the URL names several (``hosts``).
    public var host: String?
    /// The port of the first host.
    public var port: Int?
    /// Every host the URL names, in order: one, or several for libpq's
    /// failover URLs (`postgres://h1:5432,h2:5433/app`). Empty when the URL names none.
    public var hosts: [HostAndPort]
    /// The path: `/app` for `postgres://h/app`, `strata.db` for `sqlite:strata.db`.
    public var path: String
    /// Query parameters in order, decoded.
    public var parameters: [(name: String, value: String)]
    /// Whether the URL had `//` after the scheme.
    public var isHierarchical: Bool
    /// Whether the text was a libpq keyword/value string (`host=db dbname=app`).
    public var isKeywordValue: Bool

    /// One host of a URL and its port.
    public struct HostAndPort: Sendable, Equatable {
        public var host: String?
        public var port: Int?

        public init(host: String?, port: Int?) {
            self.host = host
            self.port = port
        }
    }

    /// Parses a URL. Throws ``ConfigurationError`` saying what is wrong, never
    /// echoing the password.
    public init(_ text: String) throws {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        isKeywordValue = Self.looksLikeKeywordValue(trimmed)
        if isKeywordValue {
            scheme = "postgresql"
            isHierarchical = false
            let pairs = try Self.parseKeywordValue(trimmed)
            parameters = pairs
            func value(_ name: String) -> String? { pairs.last { $0.name == name }?.value }
            user = value("user")
            password = value("password")
            path = value("dbname") ?? ""
            hosts = try Self.keywordHosts(value("host") ?? value("hostaddr"), ports: value("port"))
            host = hosts.first?.host
            port = hosts.first?.port
            return
        }
        guard let colon = trimmed.firstIndex(of: ":"),
              trimmed[..<colon].first?.isLetter == true,
              trimmed[..<colon].allSatisfy({ $0.isLetter || $0.isNumber || "+-.".contains($0) })
        else {
            throw ConfigurationError(
                "the database URL has no scheme",
                nextStep: "write it as postgres://user:password@host:5432/database or sqlite:path/to/file.db")
        }
        scheme = trimmed[..<colon].lowercased()
        var rest = String(trimmed[trimmed.index(after: colon)...])
        if let hash = rest.firstIndex(of: "#") { rest = String(rest[..<hash]) }
        var query = ""
        if let mark = rest.firstIndex(of: "?") {
            query = String(rest[rest.index(after: mark)...])
            rest = String(rest[..<mark])
        }
        parameters = try Self.parseQuery(query)
        isHierarchical = rest.hasPrefix("//")
        guard isHierarchical else {
            user = nil; password = nil; host = nil; port = nil; hosts = []
            path = try Self.decode(rest, what: "path")
            return
        }
        rest.removeFirst(2)
        let authorityEnd = rest.firstIndex(of: "/") ?? rest.endIndex
        var authority = String(rest[..<authorityEnd])
        path = try Self.decode(String(rest[authorityEnd...]), what: "path")
        // The last "@" ends the credentials, so an unencoded "@" in a password still parses.
        if let at = authority.lastIndex(of: "@") {
            let credentials = authority[..<at]
            authority = String(authority[authority.index(after: at)...])
            if let separator = credentials.firstIndex(of: ":") {
                user = try Self.decode(String(credentials[..<separator]), what: "user name")
                password = try Self.decode(String(credentials[credentials.index(after: separator)...]), what: "password")
            } else {
                user = try Self.decode(String(credentials), what: "user name")
                password = nil
            }
        } else {
            user = nil
            password = nil
        }
        // libpq's failover URLs list several hosts: h1:5432,h2:5433.
        hosts = try authority.split(separator: ",", omittingEmptySubsequences: false).map {
            let (host, port) = try Self.parseHostAndPort(String($0))
            return HostAndPort(host: host, port: port)
        }
        if hosts == [HostAndPort(host: nil, port: nil)] { hosts = [] }
        host = hosts.first?.host
        port = hosts.first?.port
    }

    /// The schemes of SQLite URLs: `sqlite:`, `sqlite3:` and Prisma's `file:`.
    public static let sqliteSchemes: Set<String> = ["sqlite", "sqlite3", "file"]

    /// The database's name as a person would type it to confirm: PostgreSQL's
    /// database (`app` for `postgres://h/app`, `dbname=`; the user's name
    /// when the URL names none, as libpq defaults), SQLite's file.
    public var databaseName: String {
        if Self.sqliteSchemes.contains(scheme) { return isHierarchical ? (host ?? "") + path : path }
        let named = parameter("dbname") ?? String(path.drop { $0 == "/" })
        return named.isEmpty ? (user ?? "") : named
    }

    /// Whether this is an opaque SQLite URL naming a file (`sqlite:app.db`,
    /// not `sqlite::memory:`), whose ``path`` is that file.
    public var isSQLiteFile: Bool {
        Self.sqliteSchemes.contains(scheme) && !isHierarchical && !path.isEmpty && path != ":memory:"
    }

    /// The value of the last query parameter with this name.
    public func parameter(_ name: String) -> String? {
        parameters.last { $0.name == name }?.value
    }

    /// The URL with the password (and any `password` parameter) masked.
    public var description: String {
        if isKeywordValue { return renderedKeywordValue }
        guard isHierarchical else { return "\(scheme):\(path)\(renderedQuery)" }
        var text = "\(scheme)://"
        if let user {
            text += user
            if password != nil { text += ":***" }
            text += "@"
        }
        text += hosts.map { entry in
            var text = entry.host.map { $0.contains(":") ? "[\($0)]" : $0 } ?? ""
            if let port = entry.port { text += ":\(port)" }
            return text
        }.joined(separator: ",")
        return text + path + renderedQuery
    }

    public static func == (lhs: DatabaseURL, rhs: DatabaseURL) -> Bool {
        lhs.scheme == rhs.scheme && lhs.user == rhs.user && lhs.password == rhs.password && lhs.host == rhs.host
            && lhs.port == rhs.port && lhs.hosts == rhs.hosts && lhs.path == rhs.path
            && lhs.isHierarchical == rhs.isHierarchical && lhs.isKeywordValue == rhs.isKeywordValue
            && lhs.parameters.map(\.name) == rhs.parameters.map(\.name)
            && lhs.parameters.map(\.value) == rhs.parameters.map(\.value)
    }

    private var renderedQuery: String {
        guard !parameters.isEmpty else { return "" }
        return "?" + parameters.map { "\($0.name)=\(Self.isSecret($0.name) ? "***" : $0.value)" }.joined(separator: "&")
    }

    /// `text` with this URL's password masked wherever it appears as the
    /// password of a URL (`:secret@`, percent-encoded or not) or of a
    /// `password=` / `sslpassword=` parameter (quoted or not), and only there:
    /// a short password such as `id` leaves `outside` and `"id"` alone.
    public func redacting(_ text: String) -> String {
        var text = text
        if let password, !password.isEmpty {
            let encoded = password.addingPercentEncoding(withAllowedCharacters: .urlPasswordAllowed) ?? password
            for form in Set([password, encoded]) where text.containsBytes(of: ":" + form + "@") {
                text = text.replacingOccurrences(of: ":" + form + "@", with: ":***@")
            }
        }
        for secret in secrets {
            for name in ["password", "sslpassword", "PASSWORD", "SSLPASSWORD"] {
                for form in ["\(name)=\(secret)", "\(name)='\(secret)'", "\(name) = '\(secret)'", "\(name) = \(secret)"]
                where text.containsBytes(of: form) {
                    text = text.replacingOccurrences(of: form, with: "\(name)=***")
                }
            }
        }
        return text
    }

    /// Texts that must never be printed: the password, encoded and decoded.
    public var secrets: [String] {
        var values = parameters.filter { Self.isSecret($0.name) }.map(\.value)
        if let password { values.append(password) }
        return values.filter { !$0.isEmpty }
    }

    static func isSecret(_ name: String) -> Bool {
        ["password", "sslpassword"].contains(name.lowercased())
    }

    private static func parseHostAndPort(_ authority: String) throws -> (String?, Int?) {
        var hostPart = Substring(authority)
        var portPart: Substring?
        if hostPart.hasPrefix("[") {
            guard let close = hostPart.firstIndex(of: "]") else {
                throw ConfigurationError("the database URL has an unclosed '[' in its host")
            }
            let after = hostPart[hostPart.index(after: close)...]
            if after.hasPrefix(":") { portPart = after.dropFirst() } else if !after.isEmpty {
                throw ConfigurationError("the database URL has text after its IPv6 host: \(after)")
            }
            hostPart = hostPart[hostPart.index(after: hostPart.startIndex)..<close]
        } else if let colon = hostPart.lastIndex(of: ":") {
            portPart = hostPart[hostPart.index(after: colon)...]
            hostPart = hostPart[..<colon]
        }
        var port: Int?
        if let portPart, !portPart.isEmpty {
            guard let value = Int(portPart), (1...65535).contains(value) else {
                throw ConfigurationError(
                    "the database URL's port is not a number from 1 to 65535",
                    nextStep: "if the password contains ':', '@', '/' or '?', percent-encode it (e.g. '@' as %40)")
            }
            port = value
        }
        let host = try decode(String(hostPart), what: "host")
        return (host.isEmpty ? nil : host, port)
    }

    private static func parseQuery(_ query: String) throws -> [(name: String, value: String)] {
        try query.split(separator: "&", omittingEmptySubsequences: true).map { pair in
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let name = try decode(String(parts[0]).replacingOccurrences(of: "+", with: " "), what: "parameter name")
            let value = parts.count > 1
                ? try decode(String(parts[1]).replacingOccurrences(of: "+", with: " "), what: "parameter '\(name)'")
                : ""
            return (name, value)
        }
    }

    private static func decode(_ text: String, what: String) throws -> String {
        guard text.contains("%") else { return text }
        var bytes: [UInt8] = []
        var iterator = Array(text.utf8).makeIterator()
        while let byte = iterator.next() {
            guard byte == UInt8(ascii: "%") else { bytes.append(byte); continue }
            guard let high = iterator.next().flatMap(hexValue), let low = iterator.next().flatMap(hexValue) else {
                throw ConfigurationError("the database URL's \(what) has a '%' that is not followed by two hex digits")
            }
            bytes.append(high << 4 | low)
        }
        guard let decoded = String(validating: bytes, as: UTF8.self) else {
            throw ConfigurationError("the database URL's \(what) is not valid UTF-8 once decoded")
        }
        return decoded
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case 48...57: byte - 48
        case 65...70: byte - 55
        case 97...102: byte - 87
        default: nil
        }
    }
}
