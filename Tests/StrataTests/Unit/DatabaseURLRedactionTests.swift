import Strata
import Testing

extension Unit {
    /// The password of a database URL never reaches a rendering or an error message.
    @Suite("DatabaseURL redaction")
    struct DatabaseURLRedactionTests {
        static let secret = "Sup3rS3cret"

        @Test("description masks the password and password parameters", arguments: [
            ("postgres://alice:Sup3rS3cret@db:5432/app", "postgres://alice:***@db:5432/app"),
            ("postgres://alice:Sup3r%53%33cret@db/app", "postgres://alice:***@db/app"),
            ("postgres://alice@db/app?password=Sup3rS3cret", "postgres://alice@db/app?password=***"),
            ("postgres://db/app?sslmode=require&PASSWORD=Sup3rS3cret", "postgres://db/app?sslmode=require&PASSWORD=***"),
            ("postgres://db/app?sslpassword=Sup3rS3cret", "postgres://db/app?sslpassword=***"),
            ("postgres://alice:Sup3rS3cret@[::1]:5432/app", "postgres://alice:***@[::1]:5432/app"),
            ("sqlite:app.db?password=Sup3rS3cret", "sqlite:app.db?password=***"),
        ])
        func description(_ text: String, expected: String) throws {
            let url = try DatabaseURL(text)
            #expect(url.description == expected)
            #expect(!url.description.contains(Self.secret))
            #expect(url.secrets.contains(Self.secret))
        }

        @Test("redacting masks the password where it is a password, and nowhere else")
        func redactingComponentsOnly() throws {
            let short = try DatabaseURL("postgres://carol:id@db/app?sslpassword=id")
            #expect(short.redacting("outside any transaction; \"id\" BIGINT") == "outside any transaction; \"id\" BIGINT")
            #expect(short.redacting("connect to postgres://carol:id@db/app failed") == "connect to postgres://carol:***@db/app failed")
            #expect(short.redacting("host=db password=id sslpassword='id'") == "host=db password=*** sslpassword=***")
            let scheme = try DatabaseURL("postgres://carol:postgres@db/app")
            #expect(scheme.redacting("postgres://carol:postgres@db/app") == "postgres://carol:***@db/app")
            let encoded = try DatabaseURL("postgres://carol:a%2Fb@db/app")
            #expect(encoded.redacting("postgres://carol:a%2Fb@db/app and :a/b@") == "postgres://carol:***@db/app and :***@")
        }

        @Test("an error about a URL never quotes its password", arguments: [
            "postgres://alice:Sup3rS3cret@db:99999/app",
            "postgres://alice:Sup3rS3cret@db:notaport/app",
            "postgres://alice:Sup3rS3cret%zz@db/app",
            "postgres://alice:Sup3rS3cret@[::1]garbage/app",
            "postgres://alice:Sup3rS3cret@[::1/app",
            "postgres://alice:Sup3rS3cret@db%zz/app",
            "postgres://alice:Sup3rS3cret@db/app%",
            "postgres://db/app?password=Sup3rS3cret%",
            "postgres://db/app?password=Sup3rS3cret&x=%zz",
            "postgres://alice:Sup3r/S3cret@db/app",
            "postgres://alice:Sup3r#S3cret@db/app",
            "Sup3rS3cret",
        ])
        func errors(_ text: String) {
            let error = #expect(throws: ConfigurationError.self) { try DatabaseURL(text) }
            let message = error.map(String.init(describing:)) ?? ""
            #expect(!message.isEmpty)
            #expect(!message.contains("Sup3r"), "\(message)")
            #expect(!message.contains("S3cret"), "\(message)")
        }
    }
}
