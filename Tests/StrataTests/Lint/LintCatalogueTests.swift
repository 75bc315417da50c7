@testable import Strata
import Testing

/// The recall catalogue: unsafe migrations, one hazard each, every one
/// flagged (warning or error) by the rule named; and safe migrations that look
/// scary, none flagged. Linted as a deploy would: the tables of `schema`
/// exist and hold 5 million rows each.
@Suite("Lint catalogue")
struct LintCatalogueTests {
    static let schema = """
        CREATE TYPE status AS ENUM ('OPEN', 'VOID', 'DONE');
        CREATE TABLE users (id integer PRIMARY KEY, email varchar(100) NOT NULL, name text, role text, bio text,
                            created_at timestamptz NOT NULL DEFAULT now(), status status);
        CREATE TABLE orders (id bigint PRIMARY KEY, user_id integer, total numeric(10,2), note text, status status);
        CREATE INDEX users_email_idx ON users (email);
        CREATE MATERIALIZED VIEW order_totals AS SELECT user_id, sum(total) AS total FROM orders GROUP BY user_id;
        CREATE TABLE events (id bigint, at date) PARTITION BY RANGE (at);
        """

    struct Case: CustomTestStringConvertible, Sendable {
        let name: String
        let sql: String
        /// The rule that must flag it; `nil` for a safe case.
        let rule: String?
        var testDescription: String { name }
    }

    static func unsafe(_ name: String, _ rule: String, _ sql: String) -> Case { Case(name: name, sql: sql, rule: rule) }
    static func safe(_ name: String, _ sql: String) -> Case { Case(name: name, sql: sql, rule: nil) }

    static let unsafeCases: [Case] = [
        // Destructive
        unsafe("drop a table", "ban-drop-table", "DROP TABLE orders;"),
        unsafe("drop a table if it exists", "ban-drop-table", "DROP TABLE IF EXISTS orders;"),
        unsafe("drop a column", "ban-drop-column", "ALTER TABLE users DROP COLUMN bio;"),
        unsafe("drop a column among other clauses", "ban-drop-column", "ALTER TABLE users ADD COLUMN about text, DROP COLUMN bio;"),
        unsafe("drop a schema", "ban-drop-schema", "DROP SCHEMA reporting CASCADE;"),
        unsafe("drop a database", "ban-drop-database", "DROP DATABASE legacy;"),
        unsafe("drop a sequence", "ban-drop-sequence", "DROP SEQUENCE invoice_number_seq;"),
        unsafe("drop a type in use", "ban-drop-type", "DROP TYPE status CASCADE;"),
        unsafe("drop a constraint", "ban-drop-constraint", "ALTER TABLE users DROP CONSTRAINT users_pkey;"),
        unsafe("truncate", "ban-truncate", "TRUNCATE orders;"),
        unsafe("truncate cascade", "ban-truncate", "TRUNCATE users CASCADE;"),
        unsafe("drop column cascade", "ban-cascade", "ALTER TABLE users DROP COLUMN role CASCADE;"),
        unsafe("recreate an enum without a value", "enum-value-removed", """
            CREATE TYPE status_new AS ENUM ('OPEN', 'DONE');
            ALTER TABLE orders ALTER COLUMN status TYPE status_new USING (status::text::status_new);
            ALTER TABLE users ALTER COLUMN status TYPE status_new USING (status::text::status_new);
            ALTER TYPE status RENAME TO status_old;
            ALTER TYPE status_new RENAME TO status;
            DROP TYPE status_old;
            """),
        // Backward-incompatible
        unsafe("rename a table", "renaming-table", "ALTER TABLE orders RENAME TO purchases;"),
        unsafe("rename a column", "renaming-column", "ALTER TABLE users RENAME COLUMN name TO full_name;"),
        unsafe("rename an enum value", "renaming-enum-value", "ALTER TYPE status RENAME VALUE 'VOID' TO 'CANCELLED';"),
        unsafe("narrow a varchar", "changing-column-type", "ALTER TABLE users ALTER COLUMN email TYPE varchar(50);"),
        unsafe("text to integer", "changing-column-type", "ALTER TABLE orders ALTER COLUMN note TYPE integer USING note::integer;"),
        unsafe("set not null", "setting-not-null", "ALTER TABLE users ALTER COLUMN role SET NOT NULL;"),
        unsafe("drop a default writers rely on", "dropping-default", "ALTER TABLE users ALTER COLUMN created_at DROP DEFAULT;"),
        // Locks and rewrites
        unsafe("index without concurrently", "require-concurrent-index-creation", "CREATE INDEX users_name_idx ON users (name);"),
        unsafe("unique index without concurrently", "require-concurrent-index-creation", "CREATE UNIQUE INDEX users_name_key ON users (name);"),
        unsafe("drop index without concurrently", "require-concurrent-index-deletion", "DROP INDEX users_email_idx;"),
        unsafe("reindex without concurrently", "require-concurrent-reindex", "REINDEX TABLE users;"),
        unsafe("foreign key without not valid", "foreign-key-without-not-valid",
               "ALTER TABLE orders ADD CONSTRAINT orders_user_fkey FOREIGN KEY (user_id) REFERENCES users (id);"),
        unsafe("check without not valid", "check-without-not-valid", "ALTER TABLE orders ADD CONSTRAINT orders_total_check CHECK (total >= 0);"),
        unsafe("validate in the same transaction", "validate-in-same-transaction", """
            ALTER TABLE orders ADD CONSTRAINT orders_total_check CHECK (total >= 0) NOT VALID;
            ALTER TABLE orders VALIDATE CONSTRAINT orders_total_check;
            """),
        unsafe("set not null without a check", "set-not-null-without-check", "ALTER TABLE users ALTER COLUMN name SET NOT NULL;"),
        unsafe("volatile default", "adding-volatile-default", "ALTER TABLE users ADD COLUMN token uuid DEFAULT gen_random_uuid();"),
        unsafe("clock_timestamp default", "adding-volatile-default", "ALTER TABLE orders ADD COLUMN seen_at timestamptz DEFAULT clock_timestamp();"),
        unsafe("required column without default", "adding-required-column", "ALTER TABLE users ADD COLUMN tenant_id bigint NOT NULL;"),
        unsafe("int to bigint rewrites", "column-type-rewrite", "ALTER TABLE users ALTER COLUMN id TYPE bigint;"),
        unsafe("unique constraint builds an index", "adding-unique-without-index", "ALTER TABLE users ADD CONSTRAINT users_name_key UNIQUE (name);"),
        unsafe("primary key builds an index", "adding-unique-without-index", "ALTER TABLE orders DROP CONSTRAINT orders_pkey, ADD PRIMARY KEY (id, user_id);"),
        unsafe("serial column rewrites", "adding-generated-column", "ALTER TABLE orders ADD COLUMN seq bigserial;"),
        unsafe("identity column rewrites", "adding-generated-column", "ALTER TABLE orders ADD COLUMN seq bigint GENERATED ALWAYS AS IDENTITY;"),
        unsafe("stored generated column rewrites", "adding-generated-column",
               "ALTER TABLE orders ADD COLUMN total_cents bigint GENERATED ALWAYS AS ((total * 100)::bigint) STORED;"),
        unsafe("vacuum full", "ban-vacuum-full", "-- strata:transaction off\nVACUUM FULL users;"),
        unsafe("cluster", "ban-cluster", "CLUSTER users USING users_email_idx;"),
        unsafe("lock table", "ban-lock-table", "LOCK TABLE orders IN EXCLUSIVE MODE;"),
        unsafe("set tablespace", "ban-set-tablespace", "ALTER TABLE orders SET TABLESPACE archive;"),
        unsafe("detach partition without concurrently", "require-concurrent-detach-partition", "ALTER TABLE events DETACH PARTITION events_2023;"),
        unsafe("refresh without concurrently", "require-concurrent-refresh", "REFRESH MATERIALIZED VIEW order_totals;"),
        // Data in a schema migration
        unsafe("update every row", "unfiltered-data-change", "UPDATE users SET role = 'USER';"),
        unsafe("delete every row", "unfiltered-data-change", "DELETE FROM orders;"),
        // Transactions
        unsafe("concurrently forced into a transaction", "concurrently-in-transaction",
               "-- strata:transaction on\nCREATE INDEX CONCURRENTLY users_name_idx ON users (name);"),
        unsafe("concurrently inside BEGIN", "concurrently-in-transaction", "BEGIN;\nDROP INDEX CONCURRENTLY users_email_idx;\nCOMMIT;"),
        unsafe("new enum value used in its transaction", "enum-value-used-in-transaction", """
            -- strata:transaction on
            ALTER TYPE status ADD VALUE 'ARCHIVED';
            UPDATE orders SET status = 'ARCHIVED' WHERE id = 1;
            """),
    ]

    static let safeCases: [Case] = [
        safe("dangerous words in comments", "-- DROP TABLE users; TRUNCATE orders;\n/* ALTER TABLE users DROP COLUMN bio; */\nSELECT 1;"),
        safe("dangerous words in a string", "INSERT INTO users (id, email, bio) VALUES (1, 'a@b.c', 'DROP TABLE users; TRUNCATE orders');"),
        safe("dangerous words in a function body", """
            CREATE FUNCTION purge_orders() RETURNS void LANGUAGE plpgsql AS $$
            BEGIN
              DELETE FROM orders;
              EXECUTE 'DROP TABLE orders';
            END $$;
            """),
        safe("an index on a new table", "CREATE TABLE invoices (id bigint PRIMARY KEY, user_id integer);\nCREATE INDEX invoices_user_idx ON invoices (user_id);"),
        safe("a foreign key from a new table", """
            CREATE TABLE invoices (id bigint PRIMARY KEY, user_id integer REFERENCES users (id));
            ALTER TABLE invoices ADD CONSTRAINT invoices_order_fkey FOREIGN KEY (id) REFERENCES orders (id);
            """),
        safe("a concurrent index", "CREATE INDEX CONCURRENTLY users_name_idx ON users (name);"),
        safe("drop index concurrently with the transaction off", "-- strata:transaction off\nDROP INDEX CONCURRENTLY users_email_idx;"),
        safe("a foreign key NOT VALID", "ALTER TABLE orders ADD CONSTRAINT orders_user_fkey FOREIGN KEY (user_id) REFERENCES users (id) NOT VALID;"),
        safe("a check NOT VALID", "ALTER TABLE orders ADD CONSTRAINT orders_total_check CHECK (total >= 0) NOT VALID;"),
        safe("a small, filtered update", "UPDATE users SET role = 'ADMIN' WHERE id = 1;"),
        safe("a nullable column", "ALTER TABLE users ADD COLUMN nickname text;"),
        safe("a constant default", "ALTER TABLE users ADD COLUMN plan text NOT NULL DEFAULT 'FREE';"),
        safe("a now() default", "ALTER TABLE orders ADD COLUMN placed_at timestamptz NOT NULL DEFAULT now();"),
        safe("varchar widened", "ALTER TABLE users ALTER COLUMN email TYPE varchar(200);"),
        safe("varchar to text", "ALTER TABLE users ALTER COLUMN email TYPE text;"),
        safe("numeric precision raised", "ALTER TABLE orders ALTER COLUMN total TYPE numeric(12,2);"),
        safe("add an enum value", "ALTER TYPE status ADD VALUE 'ARCHIVED';"),
        safe("unique constraint on an existing index", """
            ALTER TABLE users ADD CONSTRAINT users_email_key UNIQUE USING INDEX users_email_idx;
            """),
        safe("refresh concurrently", "REFRESH MATERIALIZED VIEW CONCURRENTLY order_totals;"),
        safe("drop a table made in the same migration", "CREATE TABLE scratch (id int);\nDROP TABLE scratch;"),
        safe("rename a column of a new table", "CREATE TABLE drafts (id int, titel text);\nALTER TABLE drafts RENAME COLUMN titel TO title;"),
        safe("set a local lock timeout", "SET LOCAL lock_timeout = '2s';\nALTER TABLE users ADD COLUMN locale text;"),
    ]

    /// `NOT VALID` then `VALIDATE` in separate migrations, and a SET NOT NULL after a validated check.
    static let safeAcrossMigrations: [(name: String, steps: [String])] = [
        ("NOT VALID then VALIDATE in the next migration", [
            "ALTER TABLE orders ADD CONSTRAINT orders_user_fkey FOREIGN KEY (user_id) REFERENCES users (id) NOT VALID;",
            "ALTER TABLE orders VALIDATE CONSTRAINT orders_user_fkey;",
        ]),
        ("SET NOT NULL after a validated check", [
            "ALTER TABLE users ADD CONSTRAINT users_name_not_null CHECK (name IS NOT NULL) NOT VALID;",
            "ALTER TABLE users VALIDATE CONSTRAINT users_name_not_null;",
            "-- strata:lint-ignore setting-not-null every writer sets name since v12\nALTER TABLE users ALTER COLUMN name SET NOT NULL;",
        ]),
    ]

    func harness() -> LintHarness {
        var harness = LintHarness(.postgresql)
        harness.statistics = LintHarness.sized(5_000_000, "users", "orders", "order_totals", "events")
        return harness
    }

    @Test func theCatalogueIsLargeEnough() {
        #expect(Self.unsafeCases.count >= 40)
        #expect(Self.safeCases.count + Self.safeAcrossMigrations.count >= 20)
        let families = Set(Self.unsafeCases.compactMap { rule in
            Linter.allRules(for: LintHarness(.postgresql).dialect).first { $0.info.id == rule.rule }?.info.family
        })
        #expect(families == [.destructive, .backwardIncompatible, .locking, .data, .transactions])
    }

    @Test(arguments: unsafeCases)
    func everyUnsafeMigrationIsFlagged(_ example: Case) throws {
        let findings = try harness().findings(example.sql, after: [Self.schema]).filter { $0.severity > .info }
        #expect(findings.contains { $0.rule == example.rule }, "\(example.rule ?? "") did not flag it; findings: \(findings.map(\.rule))")
    }

    @Test(arguments: safeCases)
    func noSafeMigrationIsFlagged(_ example: Case) throws {
        let findings = try harness().findings(example.sql, after: [Self.schema]).filter { $0.severity > .info }
        #expect(findings.isEmpty, "flagged: \(findings.map { "\($0.rule): \($0.message)" })")
    }

    @Test(arguments: safeAcrossMigrations.map(\.name))
    func aSafeRecipeAcrossMigrationsIsNotFlagged(_ name: String) throws {
        let steps = try #require(Self.safeAcrossMigrations.first { $0.name == name }).steps
        let report = try harness().report(steps.last!, after: [Self.schema] + steps.dropLast())
        let flagged = report.findings.filter { $0.severity > .info && $0.file != LintHarness.path(0) }
        #expect(flagged.isEmpty, "flagged: \(flagged.map { "\($0.file) \($0.rule): \($0.message)" })")
    }
}
