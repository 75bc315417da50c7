import Foundation
@testable import Strata
import Testing

/// A blog schema with the constraints generated rows must respect.
private enum BlogSchema {
    static func migration(_ backend: Backend) -> String {
        switch backend {
        case .postgres:
            """
            CREATE TYPE role AS ENUM ('USER', 'ADMIN', 'EDITOR');
            CREATE TABLE users (
              id bigserial PRIMARY KEY,
              email varchar(40) NOT NULL UNIQUE,
              name text NOT NULL,
              role role NOT NULL DEFAULT 'USER',
              age int CHECK (age >= 18 AND age < 30),
              created_at timestamptz NOT NULL DEFAULT now(),
              updated_at timestamptz NOT NULL,
              deleted_at timestamptz,
              CHECK (updated_at >= created_at)
            );
            CREATE TABLE posts (
              id uuid PRIMARY KEY,
              author_id bigint NOT NULL REFERENCES users(id),
              title varchar(30) NOT NULL,
              slug text NOT NULL UNIQUE,
              status text NOT NULL CHECK (status IN ('draft', 'published')),
              price numeric(6,2) CHECK (price > 0 AND price <= 50),
              created_at timestamp(3) NOT NULL
            );
            CREATE TABLE tags (id serial PRIMARY KEY, name varchar(12) NOT NULL UNIQUE);
            CREATE TABLE post_tags (post_id uuid NOT NULL REFERENCES posts(id), tag_id int NOT NULL REFERENCES tags(id), PRIMARY KEY (post_id, tag_id));
            CREATE TABLE profiles (user_id bigint PRIMARY KEY REFERENCES users(id), bio text);
            """
        case .sqlite:
            """
            CREATE TABLE users (
              id INTEGER PRIMARY KEY AUTOINCREMENT,
              email VARCHAR(40) NOT NULL UNIQUE,
              name TEXT NOT NULL,
              role TEXT NOT NULL DEFAULT 'USER' CHECK (role IN ('USER', 'ADMIN', 'EDITOR')),
              age INTEGER CHECK (age >= 18 AND age < 30),
              created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
              updated_at DATETIME NOT NULL,
              deleted_at DATETIME,
              CHECK (updated_at >= created_at)
            );
            CREATE TABLE posts (
              id TEXT PRIMARY KEY NOT NULL,
              author_id INTEGER NOT NULL REFERENCES users(id),
              title VARCHAR(30) NOT NULL,
              slug TEXT NOT NULL UNIQUE,
              status TEXT NOT NULL CHECK (status IN ('draft', 'published')),
              price DECIMAL(6,2) CHECK (price > 0 AND price <= 50),
              created_at DATETIME NOT NULL
            );
            CREATE TABLE tags (id INTEGER PRIMARY KEY, name VARCHAR(12) NOT NULL UNIQUE);
            CREATE TABLE post_tags (post_id TEXT NOT NULL REFERENCES posts(id), tag_id INTEGER NOT NULL REFERENCES tags(id), PRIMARY KEY (post_id, tag_id));
            CREATE TABLE profiles (user_id INTEGER PRIMARY KEY NOT NULL REFERENCES users(id), bio TEXT);
            """
        }
    }

    static let counts = "users=600,posts=1500,tags=20,post_tags=3000,profiles=400"
}

@Suite("Generated seed data")
struct SeedGenerationTests {
    @Test("generated rows keep every constraint, point at existing rows and come out the same for a seed", arguments: Backend.allCases)
    func generatesValidRows(_ backend: Backend) async throws {
        var fingerprints: [String] = []
        for seed in [UInt64(7), 7, 8] {
            try await withFreshDatabase(backend) { project, database in
                try project.add("20240101000000_blog", BlogSchema.migration(backend))
                let migrator = try project.migrator(database)
                try await migrator.deploy()
                let reference = Date(timeIntervalSince1970: 1_780_000_000)
                let report = try await migrator.generateSeedData(try SeedGeneration(parsing: BlogSchema.counts, seed: seed), reference: reference)
                #expect(report.tables.map(\.name) == ["users", "posts", "tags", "post_tags", "profiles"])
                #expect(report.tables.map(\.rows) == [600, 1500, 20, 3000, 400])
                let checks = try await database.query("""
                    SELECT (SELECT count(DISTINCT email) FROM users) AS emails,
                           (SELECT max(length(email)) FROM users) AS longest_email,
                           (SELECT count(*) FROM users WHERE updated_at < created_at) AS updated_before_created,
                           (SELECT count(*) FROM users WHERE role = 'USER') AS plain_users,
                           (SELECT count(*) FROM users WHERE age IS NULL) AS no_age,
                           (SELECT count(*) FROM users WHERE deleted_at IS NULL) AS not_deleted,
                           (SELECT max(length(title)) FROM posts) AS longest_title,
                           (SELECT count(DISTINCT author_id) FROM posts) AS authors,
                           (SELECT count(*) FROM posts p WHERE NOT EXISTS (SELECT 1 FROM users u WHERE u.id = p.author_id)) AS orphans,
                           (SELECT count(DISTINCT user_id) FROM profiles) AS profiled
                    """)
                let row = try #require(checks.first)
                #expect(row["emails"].integer == 600, "unique e-mail addresses")
                #expect((row["longest_email"].integer ?? 99) <= 40, "within varchar(40)")
                #expect(row["updated_before_created"].integer == 0)
                let plain = row["plain_users"].integer ?? 0
                #expect(plain > 300 && plain < 600, "the default role is the usual one, not the only one: \(plain)")
                let noAge = row["no_age"].integer ?? 0
                #expect(noAge > 20 && noAge < 150, "a nullable column is sometimes null: \(noAge)")
                #expect((row["not_deleted"].integer ?? 0) > 450, "deleted_at is mostly null")
                #expect((row["longest_title"].integer ?? 99) <= 30)
                #expect((row["authors"].integer ?? 0) > 300, "posts spread over the users")
                #expect(row["orphans"].integer == 0)
                #expect(row["profiled"].integer == 400, "one profile per user at most")
                let emails = try await database.query("SELECT email, name FROM users ORDER BY id LIMIT 50")
                let first = try #require(emails.first)
                let given = first["name"].string?.split(separator: " ").first.map { $0.lowercased() } ?? "?"
                #expect(first["email"].string?.hasPrefix(given) == true, "the e-mail address belongs to the row's name: \(first)")
                fingerprints.append(emails.map { $0["email"].string ?? "" }.joined(separator: ","))
            }
        }
        #expect(fingerprints[0] == fingerprints[1], "the same seed gives the same rows")
        #expect(fingerprints[0] != fingerprints[2], "another seed gives other rows")
    }

    @Test("generating again adds rows that keep unique columns unique", arguments: Backend.allCases)
    func generatesOnTopOfExistingRows(_ backend: Backend) async throws {
        try await withFreshDatabase(backend) { project, database in
            try project.add("20240101000000_blog", BlogSchema.migration(backend))
            let migrator = try project.migrator(database)
            try await migrator.deploy()
            for _ in 0..<2 { _ = try await migrator.generateSeedData(try SeedGeneration(parsing: "users=300,tags=10,posts=200")) }
            #expect(try await database.query("SELECT count(DISTINCT email) AS n FROM users").first?["n"].integer == 600)
            #expect(try await database.query("SELECT count(DISTINCT name) AS n FROM tags").first?["n"].integer == 20)
            if backend == .postgres {
                _ = try await migrator.generateSeedData(try SeedGeneration(parsing: "public.tags=5"))
                #expect(try await database.query("SELECT count(*) AS n FROM tags").first?["n"].integer == 25, "a table named with its schema")
            }
        }
    }

    @Test("what cannot be generated is refused before any row is inserted", arguments: Backend.allCases)
    func refusals(_ backend: Backend) async throws {
        try await withFreshDatabase(backend) { project, database in
            try project.add("20240101000000_blog", BlogSchema.migration(backend))
            let migrator = try project.migrator(database)
            try await migrator.deploy()
            let missing = await #expect(throws: RefusalError.self) {
                try await migrator.generateSeedData(try SeedGeneration(parsing: "user=10"))
            }
            #expect(missing?.nextStep?.contains("did you mean `users`?") == true)
            let empty = await #expect(throws: RefusalError.self) {
                try await migrator.generateSeedData(try SeedGeneration(parsing: "tags=5,posts=10"))
            }
            #expect(empty?.summary == "posts.author_id references users, which has no rows to point at")
            let tooMany = await #expect(throws: RefusalError.self) {
                try await migrator.generateSeedData(try SeedGeneration(parsing: "users=10,profiles=11"))
            }
            #expect(tooMany?.summary.contains("profiles.user_id is unique") == true)
            #expect(try await database.query("SELECT count(*) AS n FROM tags").first?["n"].integer == 0, "a refused run inserts nothing, tags neither")
            #expect(try await database.query("SELECT count(*) AS n FROM users").first?["n"].integer == 0)
        }
    }

    @Test("--generate reads TABLE=ROWS pairs and says what is wrong with others")
    func parsesCounts() throws {
        let generation = try SeedGeneration(parsing: "users=10_000, posts=50000", seed: 3)
        #expect(generation.counts.map(\.table) == ["users", "posts"])
        #expect(generation.counts.map(\.rows) == [10_000, 50_000])
        for bad in ["users", "users=0", "users=ten", "users=1,users=2", ""] {
            #expect(throws: RefusalError.self, "\(bad)") { try SeedGeneration(parsing: bad) }
        }
    }

    @Test("checks are read in the forms PostgreSQL and SQLite give them back")
    func readsChecks() {
        #expect(CheckFact.read("age >= 18 AND age < 120")
            == [.bound(column: "age", lower: 18, upper: nil, lowerStrict: false, upperStrict: false),
                .bound(column: "age", lower: nil, upper: 120, lowerStrict: false, upperStrict: true)])
        #expect(CheckFact.read("status = ANY (ARRAY['draft'::text, 'published'::text])") == [.values(column: "status", ["draft", "published"])])
        #expect(CheckFact.read("\"role\" IN ('USER', 'ADMIN')") == [.values(column: "role", ["USER", "ADMIN"])])
        #expect(CheckFact.read("price > 0::numeric") == [.bound(column: "price", lower: 0, upper: nil, lowerStrict: true, upperStrict: false)])
        #expect(CheckFact.read("char_length(name) <= 100") == [.length(column: "name", min: nil, max: 100)])
        #expect(CheckFact.read("(updated_at >= created_at)") == [.order(later: "updated_at", earlier: "created_at")])
        #expect(CheckFact.read("rating BETWEEN 1 AND 5") == [.bound(column: "rating", lower: 1, upper: 5, lowerStrict: false, upperStrict: false)])
        #expect(CheckFact.read("(name)::text <> ''::text") == [.nonEmpty(column: "name")])
        #expect(CheckFact.read("a > 0 OR b > 0") == nil, "a disjunction is not understood")
        #expect(CheckFact.read("lower(email) = email") == nil)
    }
}
