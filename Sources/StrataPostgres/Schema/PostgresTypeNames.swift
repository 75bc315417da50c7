/// PostgreSQL's `format_type` spellings in the short upper-case form Prisma
/// writes (`character varying(255)` → `VARCHAR(255)`), so introspected
/// types read like the ones a schema file gives. Types not listed here
/// (`tsvector`, `geometry(Point,4326)`) keep `format_type`'s spelling.
enum PostgresTypeNames {
    private static let plain: [String: String] = [
        "integer": "INTEGER", "smallint": "SMALLINT", "bigint": "BIGINT", "text": "TEXT", "boolean": "BOOLEAN",
        "real": "REAL", "double precision": "DOUBLE PRECISION", "numeric": "DECIMAL", "date": "DATE", "jsonb": "JSONB",
        "json": "JSON", "bytea": "BYTEA", "uuid": "UUID", "character varying": "VARCHAR", "character": "CHAR",
        "citext": "CITEXT", "inet": "INET", "xml": "XML", "money": "MONEY", "oid": "OID", "bit": "BIT",
        "bit varying": "VARBIT", "timestamp without time zone": "TIMESTAMP", "timestamp with time zone": "TIMESTAMPTZ",
        "time without time zone": "TIME", "time with time zone": "TIMETZ",
    ]

    static func spelling(_ formatted: String) -> String {
        if let name = plain[formatted] { return name }
        // `numeric(10,2)`, `character varying(255)`, `timestamp(3) without time zone`.
        guard let open = formatted.firstIndex(of: "("), let close = formatted.firstIndex(of: ")") else { return formatted }
        let base = String(formatted[..<open]) + String(formatted[formatted.index(after: close)...])
        let modifier = String(formatted[open...close])
        guard let name = plain[base] else { return formatted }
        return name + modifier
    }
}
