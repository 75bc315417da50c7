import Strata
import Testing

extension Unit {
    /// Parsing database URLs: both shapes, decoding, hosts, ports and parameters.
    @Suite("DatabaseURL")
    struct DatabaseURLTests {
        @Test("a postgres URL yields every component", arguments: ["postgres", "postgresql", "PostgreSQL"])
        func hierarchical(_ scheme: String) throws {
            let url = try DatabaseURL("\(scheme)://alice:s3cret@db.example.com:5433/app?sslmode=require")
            #expect(url.scheme == scheme.lowercased())
            #expect(url.isHierarchical)
            #expect(url.user == "alice")
            #expect(url.password == "s3cret")
            #expect(url.host == "db.example.com")
            #expect(url.port == 5433)
            #expect(url.path == "/app")
            #expect(url.parameter("sslmode") == "require")
        }

        @Test("user, password, host, path and parameters are percent-decoded")
        func percentDecoding() throws {
            let url = try DatabaseURL("postgres://al%40ice:p%3Ass%2Fw%25rd%C3%A9@h%2Dost/my%20db?application_name=a%26b+c")
            #expect(url.user == "al@ice")
            #expect(url.password == "p:ss/w%rdé")
            #expect(url.host == "h-ost")
            #expect(url.path == "/my db")
            #expect(url.parameter("application_name") == "a&b c")
        }

        @Test("an unencoded '@' in the password: the last '@' ends the credentials")
        func unencodedAtInPassword() throws {
            let url = try DatabaseURL("postgres://bob:p@ss@w0rd@db.internal:5432/app")
            #expect(url.user == "bob")
            #expect(url.password == "p@ss@w0rd")
            #expect(url.host == "db.internal")
            #expect(url.port == 5432)
        }

        @Test("a user without a password, and a URL without credentials")
        func credentialsOptional() throws {
            let userOnly = try DatabaseURL("postgres://carol@localhost/app")
            #expect(userOnly.user == "carol")
            #expect(userOnly.password == nil)
            let none = try DatabaseURL("postgres://localhost/app")
            #expect(none.user == nil)
            #expect(none.password == nil)
            #expect(none.port == nil)
            #expect(none.host == "localhost")
        }

        @Test("IPv6 hosts are written in brackets and kept without them")
        func ipv6() throws {
            let withPort = try DatabaseURL("postgres://u:p@[::1]:6543/app")
            #expect(withPort.host == "::1")
            #expect(withPort.port == 6543)
            let withoutPort = try DatabaseURL("postgres://[2001:db8::5]/app")
            #expect(withoutPort.host == "2001:db8::5")
            #expect(withoutPort.port == nil)
            #expect(withoutPort.description == "postgres://[2001:db8::5]/app")
        }

        @Test("ports from 1 to 65535 are accepted", arguments: [1, 5432, 65535])
        func validPorts(_ port: Int) throws {
            #expect(try DatabaseURL("postgres://h:\(port)/app").port == port)
        }

        @Test("query parameters keep their order; a repeated one takes its last value")
        func parameters() throws {
            let url = try DatabaseURL("postgres://h/app?sslmode=verify-full&options=-c%20search_path%3Dapp&flag&sslmode=disable")
            #expect(url.parameters.map(\.name) == ["sslmode", "options", "flag", "sslmode"])
            #expect(url.parameters.map(\.value) == ["verify-full", "-c search_path=app", "", "disable"])
            #expect(url.parameter("sslmode") == "disable")
            #expect(url.parameter("missing") == nil)
        }

        @Test("sqlite:path is an opaque path relative to the working directory")
        func sqliteRelative() throws {
            let url = try DatabaseURL("sqlite:data/app.db")
            #expect(url.scheme == "sqlite")
            #expect(!url.isHierarchical)
            #expect(url.path == "data/app.db")
            #expect(url.host == nil)
            #expect(url.description == "sqlite:data/app.db")
        }

        @Test("sqlite:///abs is an absolute path with an empty host")
        func sqliteAbsolute() throws {
            let url = try DatabaseURL("sqlite:///var/lib/app.db")
            #expect(url.isHierarchical)
            #expect(url.host == nil)
            #expect(url.path == "/var/lib/app.db")
        }

        @Test("sqlite::memory: keeps its colons")
        func sqliteMemory() throws {
            let url = try DatabaseURL("sqlite::memory:")
            #expect(url.path == ":memory:")
            #expect(!url.isHierarchical)
        }

        @Test("surrounding whitespace is ignored")
        func whitespace() throws {
            #expect(try DatabaseURL("  sqlite:app.db\n") == DatabaseURL("sqlite:app.db"))
        }

        @Test("a URL without a scheme is refused", arguments: ["", "app.db", "5432:db", "://host/db", "/var/app.db"])
        func noScheme(_ text: String) {
            let error = #expect(throws: ConfigurationError.self) { try DatabaseURL(text) }
            #expect(error?.summary.contains("no scheme") == true)
        }

        @Test("a port that is not a number from 1 to 65535 is refused", arguments: [
            "postgres://h:0/app", "postgres://h:65536/app", "postgres://h:99999/app", "postgres://h:port/app",
            "postgres://u:p@h:-1/app", "postgres://[::1]:x/app",
        ])
        func badPort(_ text: String) {
            let error = #expect(throws: ConfigurationError.self) { try DatabaseURL(text) }
            #expect(error?.summary.contains("port") == true)
        }

        @Test("a '%' not followed by two hex digits is refused, naming the component", arguments: [
            ("postgres://u:p%zz@h/app", "password"),
            ("postgres://u%4@h/app", "user name"),
            ("postgres://h/app%", "path"),
            ("postgres://h/app?sslmode=%g1", "parameter 'sslmode'"),
            ("sqlite:%ff.db", "path"),
        ])
        func badEscape(_ text: String, component: String) {
            let error = #expect(throws: ConfigurationError.self) { try DatabaseURL(text) }
            #expect(error?.summary.contains(component) == true, "\(String(describing: error))")
        }

        @Test("an unclosed '[' or text after an IPv6 host is refused")
        func badIPv6() {
            #expect(throws: ConfigurationError.self) { try DatabaseURL("postgres://[::1/app") }
            #expect(throws: ConfigurationError.self) { try DatabaseURL("postgres://[::1]x/app") }
        }
    }
}
