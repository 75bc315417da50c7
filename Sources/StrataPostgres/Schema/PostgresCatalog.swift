import Strata

/// The catalog queries of ``PostgresSession/introspectSchema(_:)`` and the
/// assembly of their rows into a ``Schema``.
struct PostgresCatalog {
    let target: String
    let namespaces: [String]
    let dialect: PostgresDialect

    private var namespaceList: String { namespaces.map(dialect.quoteLiteral).joined(separator: ", ") }

    struct TableRow: Decodable { var oid: Int64; var ns: String; var name: String; var comment: String? }
    struct ColumnRow: Decodable {
        var rel: Int64; var name: String; var type: String; var element_type: String?; var is_array: Bool
        var enum_ns: String?; var enum_name: String?; var not_null: Bool; var default_sql: String?; var serial: Bool
        var identity: String; var generated: String; var generation: String?; var collation: String?; var comment: String?
    }
    struct ConstraintRow: Decodable {
        var rel: Int64; var name: String; var kind: String; var definition: String; var columns: [String]
        var ref_ns: String?; var ref_table: String?; var ref_columns: [String]?; var on_delete: String?; var on_update: String?
        var deferrable: Bool; var deferred: Bool
    }
    struct IndexRow: Decodable {
        var rel: Int64; var name: String; var unique: Bool; var method: String; var predicate: String?
        var parts: [IndexPartRow]
    }
    struct IndexPartRow: Decodable {
        var column: String?; var definition: String; var descending: Bool; var nulls_first: Bool
        var opclass: String?; var opclass_default: Bool; var collation: String?
    }
    struct EnumRow: Decodable { var ns: String; var name: String; var labels: [String] }
    struct ViewRow: Decodable { var ns: String; var name: String; var definition: String; var materialized: Bool }
    struct ExtensionRow: Decodable { var name: String; var ns: String }

    var tablesSQL: String {
        """
        SELECT c.oid::int8 AS oid, n.nspname AS ns, c.relname AS name, obj_description(c.oid, 'pg_class') AS comment
        FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE c.relkind IN ('r', 'p') AND NOT c.relispartition AND n.nspname IN (\(namespaceList))
          AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.objid = c.oid AND d.deptype = 'e')
        ORDER BY n.nspname, c.relname
        """
    }

    var columnsSQL: String {
        """
        SELECT a.attrelid::int8 AS rel, a.attname AS name, format_type(a.atttypid, a.atttypmod) AS type,
               CASE WHEN t.typcategory = 'A' THEN format_type(t.typelem, a.atttypmod) END AS element_type,
               t.typcategory = 'A' AS is_array,
               en.nspname AS enum_ns, et.typname AS enum_name, a.attnotnull AS not_null,
               CASE WHEN a.attgenerated = '' THEN pg_get_expr(d.adbin, d.adrelid) END AS default_sql,
               coalesce(pg_get_expr(d.adbin, d.adrelid) LIKE 'nextval(%'
                 AND pg_get_serial_sequence(quote_ident(n.nspname) || '.' || quote_ident(c.relname), a.attname) IS NOT NULL, false) AS serial,
               a.attidentity::text AS identity, a.attgenerated::text AS generated,
               CASE WHEN a.attgenerated <> '' THEN pg_get_expr(d.adbin, d.adrelid) END AS generation,
               CASE WHEN a.attcollation <> t.typcollation AND a.attcollation <> 0 THEN co.collname END AS collation,
               col_description(a.attrelid, a.attnum) AS comment
        FROM pg_attribute a
        JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace
        JOIN pg_type t ON t.oid = a.atttypid
        LEFT JOIN pg_type et ON et.oid = CASE WHEN t.typcategory = 'A' THEN t.typelem ELSE t.oid END AND et.typtype = 'e'
        LEFT JOIN pg_namespace en ON en.oid = et.typnamespace
        LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
        LEFT JOIN pg_collation co ON co.oid = a.attcollation
        WHERE c.relkind IN ('r', 'p') AND n.nspname IN (\(namespaceList)) AND a.attnum > 0 AND NOT a.attisdropped
        ORDER BY a.attrelid, a.attnum
        """
    }

    var constraintsSQL: String {
        """
        SELECT co.conrelid::int8 AS rel, co.conname AS name, co.contype::text AS kind, pg_get_constraintdef(co.oid, true) AS definition,
               ARRAY(SELECT a.attname FROM unnest(co.conkey) WITH ORDINALITY k(num, ord)
                     JOIN pg_attribute a ON a.attrelid = co.conrelid AND a.attnum = k.num ORDER BY k.ord)::text[] AS columns,
               rn.nspname AS ref_ns, rc.relname AS ref_table,
               CASE WHEN co.contype = 'f' THEN ARRAY(SELECT a.attname FROM unnest(co.confkey) WITH ORDINALITY k(num, ord)
                     JOIN pg_attribute a ON a.attrelid = co.confrelid AND a.attnum = k.num ORDER BY k.ord)::text[] END AS ref_columns,
               co.confdeltype::text AS on_delete, co.confupdtype::text AS on_update,
               co.condeferrable AS deferrable, co.condeferred AS deferred
        FROM pg_constraint co
        JOIN pg_class c ON c.oid = co.conrelid JOIN pg_namespace n ON n.oid = c.relnamespace
        LEFT JOIN pg_class rc ON rc.oid = co.confrelid LEFT JOIN pg_namespace rn ON rn.oid = rc.relnamespace
        WHERE co.contype IN ('p', 'u', 'f', 'c') AND n.nspname IN (\(namespaceList)) AND co.conislocal
        ORDER BY co.conrelid, co.conname
        """
    }

    var indexesSQL: String {
        """
        SELECT i.indrelid::int8 AS rel, ic.relname AS name, i.indisunique AS unique, am.amname AS method,
               pg_get_expr(i.indpred, i.indrelid, true) AS predicate,
               (SELECT json_agg(json_build_object(
                   'column', a.attname, 'definition', pg_get_indexdef(i.indexrelid, k.ord::int, true),
                   'descending', (i.indoption[k.ord - 1] & 1) = 1, 'nulls_first', (i.indoption[k.ord - 1] & 2) = 2,
                   'opclass', opc.opcname, 'opclass_default', coalesce(opc.opcdefault, true),
                   'collation', CASE WHEN i.indcollation[k.ord - 1] <> 0 AND i.indcollation[k.ord - 1] <> coalesce(a.attcollation, 0)
                                     AND i.indcollation[k.ord - 1] <> 100 THEN ico.collname END) ORDER BY k.ord)
                FROM unnest(i.indkey::int2[]) WITH ORDINALITY k(num, ord)
                LEFT JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.num AND k.num > 0
                LEFT JOIN pg_opclass opc ON opc.oid = i.indclass[k.ord - 1]
                LEFT JOIN pg_collation ico ON ico.oid = i.indcollation[k.ord - 1]
                WHERE k.ord <= i.indnkeyatts) AS parts
        FROM pg_index i
        JOIN pg_class ic ON ic.oid = i.indexrelid JOIN pg_am am ON am.oid = ic.relam
        JOIN pg_class c ON c.oid = i.indrelid JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE n.nspname IN (\(namespaceList)) AND c.relkind IN ('r', 'p')
          AND NOT EXISTS (SELECT 1 FROM pg_constraint co WHERE co.conindid = i.indexrelid AND co.contype IN ('p', 'u', 'x'))
        ORDER BY i.indrelid, ic.relname
        """
    }

    var enumsSQL: String {
        """
        SELECT n.nspname AS ns, t.typname AS name, array_agg(e.enumlabel ORDER BY e.enumsortorder)::text[] AS labels
        FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace JOIN pg_enum e ON e.enumtypid = t.oid
        WHERE n.nspname IN (\(namespaceList)) GROUP BY n.nspname, t.typname ORDER BY n.nspname, t.typname
        """
    }

    var viewsSQL: String {
        """
        SELECT n.nspname AS ns, c.relname AS name, pg_get_viewdef(c.oid, true) AS definition, c.relkind = 'm' AS materialized
        FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE c.relkind IN ('v', 'm') AND n.nspname IN (\(namespaceList))
          AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.objid = c.oid AND d.deptype = 'e')
        ORDER BY n.nspname, c.relname
        """
    }

    var extensionsSQL: String {
        """
        SELECT e.extname AS name, n.nspname AS ns FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace
        WHERE e.extname <> 'plpgsql' ORDER BY e.extname
        """
    }
}
