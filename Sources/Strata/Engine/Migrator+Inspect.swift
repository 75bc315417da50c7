import Foundation

/// `schema inspect`: the schema a source describes, written as a schema file.
extension Migrator {
    /// Reads `source` (a database, by default the configured one; or any
    /// source `migrate diff` reads) and writes it as `schema.prisma`, or as
    /// the SQL that creates it from an empty database.
    ///
    /// ```swift
    /// let file = try await migrator.inspect(.database(url), format: .prisma)
    /// print(file.text)
    /// ```
    ///
    /// - Throws: as ``readSchema(_:)``; ``RefusalError`` when the SQL cannot be rendered.
    public func inspect(_ source: SchemaSourceSpec, format: SchemaFileFormat) async throws -> SchemaInspection {
        let schema = try await readSchema(source)
        switch format {
        case .prisma:
            let provider: PrismaColumnTypes.Provider = driver.prismaProviders.contains("sqlite") ? .sqlite : .postgresql
            let file = PrismaSchemaWriter(provider: provider, targetNamespace: configuration.schema ?? "public").write(schema)
            return SchemaInspection(format: format, text: file.text, tables: file.models, enums: file.enums)
        case .sql:
            guard let renderer = driver.schemaRenderer else {
                throw ShadowDatabaseError(summary: "Strata cannot write \(driver.name) schema changes yet")
            }
            let statements = try render(SchemaDiffer().diff(from: Schema(), to: schema).migration, with: renderer)
            return SchemaInspection(
                format: format, text: GeneratedScript(statements: statements, warnings: []).text, tables: schema.tables.count,
                enums: schema.enums.count)
        }
    }
}

/// The languages `schema inspect` writes.
public enum SchemaFileFormat: String, Sendable, CaseIterable {
    /// `schema.prisma`.
    case prisma
    /// `CREATE TYPE`, `CREATE TABLE`, ... from an empty database.
    case sql
}

/// A schema written out, and how many tables (models) and enums it holds.
public struct SchemaInspection: Sendable, Equatable {
    public var format: SchemaFileFormat
    public var text: String
    /// Models in a Prisma file (implicit many-to-many tables are none), tables in SQL.
    public var tables: Int
    public var enums: Int
}

extension SchemaInspection {
    /// Writes the text to `path`, replacing the file there.
    ///
    /// - Throws: ``RefusalError`` when the file cannot be written.
    public func write(to path: String) throws {
        do {
            try Data(text.utf8).write(to: URL(fileURLWithPath: path), options: .atomic)
        } catch {
            throw RefusalError(
                "\(path) cannot be written: \(error.localizedDescription)", nextStep: "write to a file in a folder that exists and that you may write to")
        }
    }
}
