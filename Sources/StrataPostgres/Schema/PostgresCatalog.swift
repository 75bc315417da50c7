import Strata

/// The catalog queries of ``PostgresSession/introspectSchema(_:)`` and the
/// assembly of their rows into a ``Schema``.
struct PostgresCatalog {
    let target: String
    let namespaces: [String]
    let dialect: PostgresDialect

    private var namespaceList: String { namespaces.map(dialect.quoteLiteral).joined(separator: ", ") }

    struct TableRow: Decodable { var oid: Int64; var ns: String; var name: String; var comment: String? }
    /// `expression` is the default, or the generation expression when `generated` is set;
    /// `owns_sequence`: a sequence belongs to the column (as `serial` makes one).
    struct ColumnRow: Decodable {
        var rel: Int64; var name: String; var type: String; var element_type: String?; var is_array: Bool
        var enum_ns: String?; var enum_name: String?; var not_null: Bool; var expression: String?; var owns_sequence: Bool
        var identity: String; var generated: String; var collation: String?; var comment: String?
    }
    /// `check` is the definition of a check constraint, `nil` for the other kinds.
    struct ConstraintRow: Decodable {
        var rel: Int64; var name: String; var kind: String; var check: String?; var columns: [String]
        var ref_ns: String?; var ref_table: String?; var ref_columns: [String]?; var on_delete: String?; var on_update: String?
        var deferrable: Bool; var deferred: Bool
    }
    struct IndexRow: Decodable {
        var rel: Int64; var name: String; var unique: Bool; var method: String; var predicate: String?
        var parts: [IndexPartRow]
    }
    /// `definition` is the expression of a part that is not a column, `nil` for a column.
    struct IndexPartRow: Decodable {
        var column: String?; var definition: String?; var descending: Bool; var nulls_first: Bool
        var opclass: String?; var opclass_default: Bool; var collation: String?
    }
    struct EnumRow: Decodable { var ns: String; var name: String; var labels: [String] }
    struct SequenceRow: Decodable { var ns: String; var name: String; var start: Int64; var increment: Int64 }
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

    /// Every column, with one `pg_get_expr` for its default or generation
    /// expression; its comment and its owned sequence are joins, not a function
    /// call per column (`col_description`, `pg_get_serial_sequence`: that one
    /// parses the table's name from text).
    var columnsSQL: String {
        """
        SELECT a.attrelid::int8 AS rel, a.attname AS name, format_type(a.atttypid, a.atttypmod) AS type,
               CASE WHEN t.typcategory = 'A' THEN format_type(t.typelem, a.atttypmod) END AS element_type,
               t.typcategory = 'A' AS is_array,
               en.nspname AS enum_ns, et.typname AS enum_name, a.attnotnull AS not_null,
               pg_get_expr(d.adbin, d.adrelid) AS expression,
               d.oid IS NOT NULL AND EXISTS (
                 SELECT 1 FROM pg_depend dep JOIN pg_class s ON s.oid = dep.objid AND s.relkind = 'S'
                 WHERE dep.refclassid = 'pg_class'::regclass AND dep.refobjid = a.attrelid AND dep.refobjsubid = a.attnum
                   AND dep.classid = 'pg_class'::regclass AND dep.deptype IN ('a', 'i')) AS owns_sequence,
               a.attidentity::text AS identity, a.attgenerated::text AS generated,
               CASE WHEN a.attcollation <> t.typcollation AND a.attcollation <> 0 THEN co.collname END AS collation,
               ds.description AS comment
        FROM pg_attribute a
        JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace
        JOIN pg_type t ON t.oid = a.atttypid
        LEFT JOIN pg_type et ON et.oid = CASE WHEN t.typcategory = 'A' THEN t.typelem ELSE t.oid END AND et.typtype = 'e'
        LEFT JOIN pg_namespace en ON en.oid = et.typnamespace
        LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
        LEFT JOIN pg_collation co ON co.oid = a.attcollation
        LEFT JOIN pg_description ds ON ds.objoid = a.attrelid AND ds.classoid = 'pg_class'::regclass AND ds.objsubid = a.attnum
        WHERE c.relkind IN ('r', 'p') AND n.nspname IN (\(namespaceList)) AND a.attnum > 0 AND NOT a.attisdropped
        ORDER BY a.attrelid, a.attnum
        """
    }

    var constraintsSQL: String {
        """
        SELECT co.conrelid::int8 AS rel, co.conname AS name, co.contype::text AS kind,
               CASE WHEN co.contype = 'c' THEN pg_get_constraintdef(co.oid, true) END AS check,
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

    /// The parts of every index in one pass, grouped by index (a subquery per
    /// index costs a plan of its own each); `pg_get_indexdef` only for expressions.
    var indexesSQL: String {
        """
        SELECT i.indrelid::int8 AS rel, ic.relname AS name, i.indisunique AS unique, am.amname AS method,
               pg_get_expr(i.indpred, i.indrelid, true) AS predicate, p.parts
        FROM pg_index i
        JOIN pg_class ic ON ic.oid = i.indexrelid JOIN pg_am am ON am.oid = ic.relam
        JOIN pg_class c ON c.oid = i.indrelid JOIN pg_namespace n ON n.oid = c.relnamespace
        JOIN (SELECT k.indexrelid, json_agg(json_build_object(
                   'column', a.attname, 'definition', CASE WHEN k.num = 0 THEN pg_get_indexdef(k.indexrelid, k.ord::int, true) END,
                   'descending', (k.option & 1) = 1, 'nulls_first', (k.option & 2) = 2,
                   'opclass', opc.opcname, 'opclass_default', coalesce(opc.opcdefault, true),
                   'collation', CASE WHEN k.collation <> 0 AND k.collation <> coalesce(a.attcollation, 0)
                                     AND k.collation <> 100 THEN ico.collname END) ORDER BY k.ord) AS parts
              FROM (SELECT i.indexrelid, i.indrelid, k.num, k.ord, i.indoption[k.ord - 1] AS option,
                           i.indclass[k.ord - 1] AS opclass, i.indcollation[k.ord - 1] AS collation
                    FROM pg_index i JOIN pg_class c ON c.oid = i.indrelid JOIN pg_namespace n ON n.oid = c.relnamespace,
                         unnest(i.indkey::int2[]) WITH ORDINALITY k(num, ord)
                    WHERE n.nspname IN (\(namespaceList)) AND c.relkind IN ('r', 'p') AND k.ord <= i.indnkeyatts) k
              LEFT JOIN pg_attribute a ON a.attrelid = k.indrelid AND a.attnum = k.num
              LEFT JOIN pg_opclass opc ON opc.oid = k.opclass
              LEFT JOIN pg_collation ico ON ico.oid = k.collation
              GROUP BY k.indexrelid) p ON p.indexrelid = i.indexrelid
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

    /// Sequences no column owns (`serial` and identity columns own theirs) and no extension made.
    var sequencesSQL: String {
        """
        SELECT n.nspname AS ns, c.relname AS name, s.seqstart AS start, s.seqincrement AS increment
        FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace JOIN pg_sequence s ON s.seqrelid = c.oid
        WHERE c.relkind = 'S' AND n.nspname IN (\(namespaceList))
          AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid
                          AND d.deptype IN ('a', 'i', 'e'))
        ORDER BY n.nspname, c.relname
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
