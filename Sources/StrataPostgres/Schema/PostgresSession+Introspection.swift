import Foundation
import Strata

/// The schema of a PostgreSQL database from pg_catalog: one query per kind
/// of object (tables, columns, constraints, indexes, enums, sequences,
/// views, extensions) for every table at once, each answering one JSON document.
extension PostgresSession: SchemaIntrospection {
    public func introspectSchema(_ scope: IntrospectionScope) async throws -> Schema {
        let target = try await query("SELECT coalesce(\(schema.map(dialect.quoteLiteral) ?? "NULL"), current_schema()) AS s").first?["s"].string ?? "public"
        let catalog = PostgresCatalog(target: target, namespaces: [target] + scope.namespaces, dialect: PostgresDialect())
        func rows<Row: Decodable>(_ sql: String, as: Row.Type) async throws -> [Row] {
            let json = try await query("SELECT coalesce(json_agg(x), '[]')::text AS j FROM (\(sql)) x").first?["j"].string ?? "[]"
            return try JSONDecoder().decode([Row].self, from: Data(json.utf8))
        }
        let excluded = Set(scope.excludedTables.map { QualifiedName(schema: $0.schema == target ? nil : $0.schema, $0.name) })
        return catalog.schema(
            tables: try await rows(catalog.tablesSQL, as: PostgresCatalog.TableRow.self),
            columns: try await rows(catalog.columnsSQL, as: PostgresCatalog.ColumnRow.self),
            constraints: try await rows(catalog.constraintsSQL, as: PostgresCatalog.ConstraintRow.self),
            indexes: try await rows(catalog.indexesSQL, as: PostgresCatalog.IndexRow.self),
            enums: try await rows(catalog.enumsSQL, as: PostgresCatalog.EnumRow.self),
            sequences: try await rows(catalog.sequencesSQL, as: PostgresCatalog.SequenceRow.self),
            views: try await rows(catalog.viewsSQL, as: PostgresCatalog.ViewRow.self),
            extensions: try await rows(catalog.extensionsSQL, as: PostgresCatalog.ExtensionRow.self),
            excluding: excluded)
    }
}
