import Strata
@testable import StrataPostgres
import Testing

extension Unit {
    /// What libpq is handed for a URL: its parts as libpq's keywords, Strata's
    /// and Prisma's parameters taken out, Strata's defaults added.
    @Suite("PostgreSQL connection parameters")
    struct ConnectionParametersTests {
        private func parameters(_ url: String, schema: String? = nil, environment: [String: String] = [:]) throws -> ConnectionParameters {
            try ConnectionParameters(
                ConnectionRequest(url: DatabaseURL(url), schema: schema, applicationName: "strata tester@host"),
                environment: environment)
        }

        private func value(_ keyword: String, in parameters: ConnectionParameters) -> String? {
            parameters.pairs.last { $0.keyword == keyword }?.value
        }

        @Test("a URL becomes libpq keywords; its parameters follow and override")
        func urlParts() throws {
            let result = try parameters("postgres://al%40ice:p%3Ass@db.example.com:6543/my%20db?sslmode=verify-full&dbname=other")
            #expect(value("user", in: result) == "al@ice")
            #expect(value("password", in: result) == "p:ss")
            #expect(value("host", in: result) == "db.example.com")
            #expect(value("port", in: result) == "6543")
            #expect(value("dbname", in: result) == "other")
            #expect(value("sslmode", in: result) == "verify-full")
        }

        @Test("several hosts become libpq's host and port lists")
        func hostLists() throws {
            let result = try parameters("postgresql://u@a.example:5432,b.example,[::1]:5433/app?target_session_attrs=read-write")
            #expect(value("host", in: result) == "a.example,b.example,::1")
            #expect(value("port", in: result) == "5432,,5433")
            #expect(value("target_session_attrs", in: result) == "read-write")
        }

        @Test("an empty URL leaves everything to libpq's environment and defaults")
        func emptyURL() throws {
            let result = try parameters("postgres://")
            #expect(Set(result.pairs.map(\.keyword)) == [
                "fallback_application_name", "connect_timeout", "client_encoding",
                "keepalives_idle", "keepalives_interval", "keepalives_count",
            ])
            #expect(value("keepalives_idle", in: try parameters("postgres://h/db?keepalives_idle=60")) == "60")
        }

        @Test("Strata's defaults yield to the URL and to libpq's environment variables")
        func defaults() throws {
            let plain = try parameters("postgres://h/app")
            #expect(value("fallback_application_name", in: plain) == "strata tester@host")
            #expect(value("connect_timeout", in: plain) == "10")
            #expect(value("client_encoding", in: plain) == "UTF8")
            let given = try parameters("postgres://h/app?connect_timeout=3&client_encoding=LATIN1")
            #expect(given.pairs.filter { $0.keyword == "connect_timeout" }.last?.value == "3")
            #expect(value("client_encoding", in: given) == "LATIN1")
            let environment = try parameters("postgres://h/app", environment: ["PGCONNECT_TIMEOUT": "30", "PGCLIENTENCODING": "SJIS"])
            #expect(value("connect_timeout", in: environment) == nil)
            #expect(value("client_encoding", in: environment) == nil)
            let service = try parameters("service=prod")
            #expect(value("connect_timeout", in: service) == nil, "a service file may set it")
        }

        @Test("schema (configuration, then Prisma's parameter) becomes the session's search path, quoted")
        func schema() throws {
            let prisma = try parameters("postgres://h/app?schema=My%20App")
            #expect(prisma.schema == "My App")
            #expect(value("options", in: prisma) == "-c search_path=\"My\\ App\"")
            #expect(value("schema", in: prisma) == nil)
            let configured = try parameters("postgres://h/app?schema=ignored", schema: "tenant")
            #expect(configured.schema == "tenant")
            #expect(value("options", in: configured) == "-c search_path=\"tenant\"")
        }

        @Test("search_path: Strata's parameter or libpq's options; its first schema is the target")
        func searchPath() throws {
            let strata = try parameters("postgres://h/app?search_path=app,public")
            #expect(strata.schema == "app")
            #expect(value("options", in: strata) == "-c search_path=app,public")
            let options = try parameters("postgres://h/app?options=-c%20search_path%3Dbilling,public%20-c%20work_mem%3D64MB")
            #expect(options.schema == "billing")
            #expect(value("options", in: options) == "-c search_path=billing,public -c work_mem=64MB")
            let merged = try parameters("postgres://h/app?options=-c%20work_mem%3D64MB&schema=app")
            #expect(value("options", in: merged) == "-c work_mem=64MB -c search_path=\"app\"")
            let fromEnvironment = try parameters("postgres://h/app?schema=app", environment: ["PGOPTIONS": "-c geqo=off"])
            #expect(value("options", in: fromEnvironment) == "-c geqo=off -c search_path=\"app\"")
            #expect(try parameters("postgres://h/app?search_path=%22$user%22,public").schema == nil)
        }

        @Test("Prisma's pool parameters are dropped; its TLS parameters are errors that say libpq's spelling")
        func prismaParameters() throws {
            let result = try parameters("postgres://h/app?connection_limit=5&pool_timeout=2&pgbouncer=true&socket_timeout=9&statement_cache_size=0")
            #expect(!result.pairs.contains { ["connection_limit", "pool_timeout", "pgbouncer", "socket_timeout", "statement_cache_size"].contains($0.keyword) })
            let accept = #expect(throws: ConfigurationError.self) { try parameters("postgres://h/app?sslaccept=strict") }
            #expect(accept?.description.contains("sslmode=verify-full") == true)
            #expect(throws: ConfigurationError.self) { try parameters("postgres://h/app?sslidentity=id.p12") }
        }

        @Test("a parameter libpq does not know is an error naming it; so is an sslmode it does not have")
        func unknownParameters() throws {
            let unknown = #expect(throws: ConfigurationError.self) { try parameters("postgres://h/app?sslmode=require&colour=blue") }
            #expect(unknown?.description.contains("colour") == true)
            #expect(throws: ConfigurationError.self) { try parameters("host=h frobnicate=1") }
            let mode = #expect(throws: ConfigurationError.self) { try parameters("postgres://h/app?sslmode=sometimes") }
            #expect(mode?.description.contains("verify-full") == true)
            #expect(throws: ConfigurationError.self) { try parameters("postgres://h/app", environment: ["PGSSLMODE": "always"]) }
            for keyword in ["sslrootcert", "sslcert", "sslkey", "target_session_attrs", "passfile", "service", "options", "keepalives"] {
                #expect(try ConnectionParameters.knownKeywords().contains(keyword), "\(keyword)")
            }
        }

        @Test("a keyword/value string is passed on pair by pair")
        func keywordValue() throws {
            let result = try parameters("host=/var/run/postgresql dbname='my app' user=alice password='it\\'s' schema=app")
            #expect(value("host", in: result) == "/var/run/postgresql")
            #expect(value("dbname", in: result) == "my app")
            #expect(value("password", in: result) == "it's")
            #expect(result.schema == "app")
            #expect(value("schema", in: result) == nil)
        }
    }
}
