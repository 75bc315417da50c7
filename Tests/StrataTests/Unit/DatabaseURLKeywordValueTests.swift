import Strata
import Testing

extension Unit {
    /// libpq's other shapes of a connection: keyword/value strings and several hosts.
    @Suite("DatabaseURL keyword/value and host lists")
    struct DatabaseURLKeywordValueTests {
        @Test("a keyword/value string is PostgreSQL's, with libpq's quoting")
        func keywordValue() throws {
            let url = try DatabaseURL("host=db.example.com port = 5433 dbname='my app' user=alice password='s3 cr\\'et' sslmode=require")
            #expect(url.isKeywordValue)
            #expect(url.scheme == "postgresql")
            #expect(url.host == "db.example.com")
            #expect(url.port == 5433)
            #expect(url.user == "alice")
            #expect(url.password == "s3 cr'et")
            #expect(url.path == "my app")
            #expect(url.parameter("sslmode") == "require")
            #expect(url.description == "host=db.example.com port=5433 dbname='my app' user=alice password=*** sslmode=require")
            #expect(url.secrets.contains("s3 cr'et"))
        }

        @Test("bad keyword/value strings are clear errors that never quote the password", arguments: [
            "host=db password='Sup3rS3cret",
            "host=db Sup3rS3cret",
            "host=db port=notaport password=Sup3rS3cret",
        ])
        func keywordValueErrors(_ text: String) {
            let error = #expect(throws: ConfigurationError.self) { try DatabaseURL(text) }
            #expect(error.map { !"\($0)".contains("Sup3rS3cret") } == true)
        }

        @Test("several hosts, each with or without a port; the first is host and port")
        func hostList() throws {
            let url = try DatabaseURL("postgres://u:secret@a.example:5432,b.example,[::1]:5433/app?target_session_attrs=read-write")
            #expect(url.hosts == [
                .init(host: "a.example", port: 5432), .init(host: "b.example", port: nil), .init(host: "::1", port: 5433),
            ])
            #expect(url.host == "a.example")
            #expect(url.port == 5432)
            #expect(url.description == "postgres://u:***@a.example:5432,b.example,[::1]:5433/app?target_session_attrs=read-write")
            let keywords = try DatabaseURL("host=a,b port=5432,5433")
            #expect(keywords.hosts == [.init(host: "a", port: 5432), .init(host: "b", port: 5433)])
        }

        @Test("a URL that names no host has none")
        func noHost() throws {
            #expect(try DatabaseURL("postgres:///app?host=/tmp").hosts.isEmpty)
            #expect(try DatabaseURL("postgres://").hosts.isEmpty)
        }
    }
}
