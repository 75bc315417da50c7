import Strata

extension PostgresSession: SchemaCatalog {
    func tableExists(_ table: TableReference) async throws -> Bool {
        let schema = table.schema.map(dialect.quoteLiteral) ?? "current_schema()"
        let rows = try await query("""
            SELECT 1 FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
            WHERE n.nspname = \(schema) AND c.relname = \(dialect.quoteLiteral(table.name)) AND c.relkind IN ('r', 'p')
            """)
        return !rows.isEmpty
    }

    /// The sessions holding granted locks on the relations the statement
    /// names, from `pg_locks` and `pg_stat_activity`, longest-running first.
    func lockHolders(blocking statement: String) async throws -> [LockHolder] {
        let relations = PgQuery.relations(in: statement)
        guard !relations.isEmpty else { return [] }
        let names = relations.map { dialect.quoteLiteral(dialect.qualified($0)) }.joined(separator: ", ")
        let rows = try await query("""
            SELECT a.pid, a.usename, a.application_name, a.state, left(a.query, 120) AS query,
                   string_agg(DISTINCT l.mode, ', ') AS modes, string_agg(DISTINCT c.relname, ', ') AS relations,
                   CAST(EXTRACT(EPOCH FROM clock_timestamp() - coalesce(a.xact_start, a.query_start)) * 1000 AS BIGINT) AS held_ms
            FROM pg_catalog.pg_locks l
            JOIN pg_catalog.pg_class c ON c.oid = l.relation
            JOIN pg_catalog.pg_stat_activity a ON a.pid = l.pid
            WHERE l.granted AND l.pid <> pg_catalog.pg_backend_pid()
              AND l.relation = ANY (ARRAY(SELECT pg_catalog.to_regclass(name) FROM unnest(ARRAY[\(names)]) AS name))
            GROUP BY a.pid, a.usename, a.application_name, a.state, a.query, a.xact_start, a.query_start
            ORDER BY held_ms DESC NULLS LAST
            """)
        return rows.map { row in
            let application = row["application_name"].string.flatMap { $0.isEmpty ? nil : $0 } ?? "no application name"
            let held = row["held_ms"].integer.map { " for " + Duration.milliseconds($0).formattedSeconds } ?? ""
            let query = (row["query"].string ?? "").split(whereSeparator: \.isNewline).joined(separator: " ")
            return LockHolder(description: "pid \(row["pid"].string ?? "?") (\(application), user \(row["usename"].string ?? "?")), "
                + "\(row["state"].string ?? "?")\(held), holding \(row["modes"].string ?? "?") on \(row["relations"].string ?? "?"); "
                + "its query: \(query)")
        }
    }

    /// Reads `pg_index` and `pg_enum`. An index is found by its name on its
    /// table (it lives in the table's schema); an invalid one, which a failed
    /// or interrupted `CREATE INDEX CONCURRENTLY` leaves, is a leftover to
    /// drop before the statement can run again.
    func effect(of check: CatalogCheck) async throws -> CatalogEffect? {
        switch check {
        case .indexBuilt(let index, let table):
            let rows = try await query("""
                SELECT n.nspname, i.indisvalid FROM pg_catalog.pg_index i
                JOIN pg_catalog.pg_class c ON c.oid = i.indexrelid JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
                WHERE c.relname = \(dialect.quoteLiteral(index))
                  AND i.indrelid = pg_catalog.to_regclass(\(dialect.quoteLiteral(dialect.qualified(table))))
                """)
            guard let row = rows.first else { return .notDone }
            if row["indisvalid"] == .boolean(true) { return .done }
            let name = dialect.qualified(TableReference(schema: row["nspname"].string, name: index))
            return .leftover(what: "the invalid index \(name)", cleanup: "DROP INDEX CONCURRENTLY IF EXISTS \(name)")
        case .indexDropped(let index):
            let rows = try await query("SELECT pg_catalog.to_regclass(\(dialect.quoteLiteral(dialect.qualified(index)))) IS NULL AS gone")
            return rows.first?["gone"] == .boolean(true) ? .done : .notDone
        case .enumValueAdded(let type, let value):
            let rows = try await query("""
                SELECT 1 FROM pg_catalog.pg_enum
                WHERE enumtypid = pg_catalog.to_regtype(\(dialect.quoteLiteral(dialect.qualified(type))))
                  AND enumlabel = \(dialect.quoteLiteral(value))
                """)
            return rows.isEmpty ? .notDone : .done
        }
    }

    func schemaExists(_ schema: String) async throws -> Bool {
        try await !query("SELECT 1 FROM pg_catalog.pg_namespace WHERE nspname = \(dialect.quoteLiteral(schema))").isEmpty
    }

    /// Drops, in the target schema, every extension, table, view, materialized
    /// view, foreign table, sequence, routine and type the user owns (directly or
    /// through a role), skipping objects that belong to an extension and
    /// sequences that belong to a column (they go with their table).
    func resetPlan(historyTable: TableReference) async throws -> ResetPlan {
        guard let schema else { return ResetPlan(statements: [], objectCount: 0) }
        let schemaLiteral = dialect.quoteLiteral(schema)
        func ownedBy(_ owner: String) -> String {
            "pg_catalog.pg_has_role(current_user, \(owner), 'MEMBER')"
        }
        func outsideExtensions(_ catalog: String, _ object: String) -> String {
            "NOT EXISTS (SELECT 1 FROM pg_catalog.pg_depend d WHERE d.classid = 'pg_catalog.\(catalog)'::regclass "
                + "AND d.objid = \(object) AND d.deptype = 'e')"
        }
        let quotedSchema = dialect.quoteIdentifier(schema)
        var statements: [String] = []

        let extensions = try await query("""
            SELECT e.extname AS name FROM pg_catalog.pg_extension e JOIN pg_catalog.pg_namespace n ON n.oid = e.extnamespace
            WHERE n.nspname = \(schemaLiteral) AND \(ownedBy("e.extowner")) ORDER BY e.extname
            """)
        statements += extensions.compactMap(\.["name"].string).map {
            "DROP EXTENSION IF EXISTS \(dialect.quoteIdentifier($0)) CASCADE"
        }

        let relations = try await query("""
            SELECT c.relname AS name, c.relkind::text AS kind FROM pg_catalog.pg_class c
            JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
            WHERE n.nspname = \(schemaLiteral) AND c.relkind IN ('r', 'p', 'v', 'm', 'f', 'S') AND NOT c.relispartition
              AND \(ownedBy("c.relowner")) AND \(outsideExtensions("pg_class", "c.oid"))
              AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_depend d WHERE d.classid = 'pg_catalog.pg_class'::regclass
                              AND d.objid = c.oid AND d.deptype IN ('a', 'i'))
            ORDER BY CASE c.relkind WHEN 'v' THEN 0 WHEN 'm' THEN 1 WHEN 'S' THEN 3 ELSE 2 END, c.relname
            """)
        let relationKeyword = ["r": "TABLE", "p": "TABLE", "v": "VIEW", "m": "MATERIALIZED VIEW", "f": "FOREIGN TABLE", "S": "SEQUENCE"]
        for row in relations {
            guard let name = row["name"].string, let keyword = relationKeyword[row["kind"].string ?? ""] else { continue }
            statements.append("DROP \(keyword) IF EXISTS \(quotedSchema).\(dialect.quoteIdentifier(name)) CASCADE")
        }

        let routines = try await query("""
            SELECT p.proname AS name, p.prokind::text AS kind, pg_catalog.pg_get_function_identity_arguments(p.oid) AS arguments
            FROM pg_catalog.pg_proc p JOIN pg_catalog.pg_namespace n ON n.oid = p.pronamespace
            WHERE n.nspname = \(schemaLiteral) AND \(ownedBy("p.proowner")) AND \(outsideExtensions("pg_proc", "p.oid"))
            ORDER BY p.proname, 3
            """)
        let routineKeyword = ["f": "FUNCTION", "w": "FUNCTION", "p": "PROCEDURE", "a": "AGGREGATE"]
        for row in routines {
            guard let name = row["name"].string, let keyword = routineKeyword[row["kind"].string ?? ""] else { continue }
            let arguments = row["arguments"].string ?? ""
            statements.append("DROP \(keyword) IF EXISTS \(quotedSchema).\(dialect.quoteIdentifier(name))(\(arguments)) CASCADE")
        }

        let types = try await query("""
            SELECT t.typname AS name, t.typtype::text AS kind FROM pg_catalog.pg_type t
            JOIN pg_catalog.pg_namespace n ON n.oid = t.typnamespace
            LEFT JOIN pg_catalog.pg_class c ON c.oid = t.typrelid
            WHERE n.nspname = \(schemaLiteral) AND t.typtype IN ('e', 'd', 'r', 'c') AND (c.oid IS NULL OR c.relkind = 'c')
              AND \(ownedBy("t.typowner")) AND \(outsideExtensions("pg_type", "t.oid"))
            ORDER BY t.typname
            """)
        for row in types {
            guard let name = row["name"].string else { continue }
            let keyword = row["kind"].string == "d" ? "DOMAIN" : "TYPE"
            statements.append("DROP \(keyword) IF EXISTS \(quotedSchema).\(dialect.quoteIdentifier(name)) CASCADE")
        }
        // One statement per object.
        return ResetPlan(statements: statements, objectCount: statements.count)
    }

    /// Every other schema the user owns (with all in it), then what
    /// ``resetPlan(historyTable:)`` drops in the target schema.
    func clearPlan() async throws -> ResetPlan {
        let target = dialect.quoteLiteral(schema ?? "public")
        let schemas = try await query("""
            SELECT n.nspname AS name FROM pg_catalog.pg_namespace n
            WHERE n.nspname NOT LIKE 'pg\\_%' AND n.nspname <> 'information_schema' AND n.nspname <> \(target)
              AND pg_catalog.pg_has_role(current_user, n.nspowner, 'MEMBER')
            ORDER BY n.nspname
            """).compactMap(\.["name"].string)
        let inTarget = try await resetPlan(historyTable: TableReference(name: Configuration.defaultHistoryTable))
        let drops = schemas.map { "DROP SCHEMA IF EXISTS \(dialect.quoteIdentifier($0)) CASCADE" }
        return ResetPlan(statements: drops + inTarget.statements, objectCount: drops.count + inTarget.objectCount)
    }
}