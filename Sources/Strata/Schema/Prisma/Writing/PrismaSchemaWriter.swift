/// Writes a ``Schema`` as `schema.prisma`: the inverse of ``PrismaSchema``,
/// as `prisma db pull` writes an introspected database.
///
/// Names that are no Prisma identifiers get sanitised ones with `@map` /
/// `@@map`; a key, index or foreign key is given `map:` only when its name
/// differs from the one Prisma would choose, so a database Prisma created
/// reads back as the schema it came from. What Prisma cannot express
/// (check constraints, expression and partial indexes, views, ...) is left
/// out and named in a `//` comment at its model.
///
/// ```swift
/// let schema = try await migrator.readSchema(.database(url))
/// let file = PrismaSchemaWriter(provider: .postgresql).write(schema)
/// try file.text.write(toFile: "schema.prisma", atomically: true, encoding: .utf8)
/// ```
public struct PrismaSchemaWriter: Sendable {
    public var provider: PrismaColumnTypes.Provider
    /// The schema the database URL targets: its objects are the unqualified ones.
    public var targetNamespace: String

    public init(provider: PrismaColumnTypes.Provider, targetNamespace: String = "public") {
        self.provider = provider
        self.targetNamespace = targetNamespace
    }

    /// The schema file for `schema`.
    public func write(_ schema: Schema) -> PrismaSchemaFileText {
        var identifiers = PrismaIdentifiers(reserved: PrismaColumnTypes.scalars.union(["Unsupported"]))
        let enums = schema.enums.map { PrismaEnumDraft($0, name: identifiers.claim(PrismaIdentifiers.sanitised($0.name.name, fallback: "Enum"))) }
        let joinTables = PrismaJoinTable.all(in: schema)
        let joined = Set(joinTables.map(\.table.name))
        var models = schema.tables.filter { !joined.contains($0.name) }.map { table in
            PrismaModelDraft(table, name: identifiers.claim(PrismaIdentifiers.sanitised(table.name.name, fallback: "Model")))
        }
        PrismaRelations(joinTables: joinTables).add(to: &models)

        let namespaces = Set(schema.tables.map { $0.name.schema ?? targetNamespace } + schema.enums.map { $0.name.schema ?? targetNamespace })
        let writesSchemas = namespaces.count > 1 || !namespaces.isSubset(of: [targetNamespace])
        let context = PrismaModelRenderer(
            types: PrismaColumnTypes(provider: provider),
            enums: Dictionary(enums.map { ($0.type.name, $0) }, uniquingKeysWith: { first, _ in first }),
            targetNamespace: writesSchemas ? targetNamespace : nil)

        var blocks = [datasource(namespaces: writesSchemas ? namespaces : []), "generator client {\n  provider = \"prisma-client-js\"\n}"]
        if let notes = leftOut(of: schema) { blocks.append(notes) }
        blocks += models.map(context.model)
        blocks += enums.map(context.enumeration)
        return PrismaSchemaFileText(text: blocks.joined(separator: "\n\n") + "\n", models: models.count, enums: enums.count)
    }

    private func datasource(namespaces: Set<String>) -> String {
        var lines = ["datasource db {", "  provider = \"\(provider.rawValue)\"", "  url      = env(\"DATABASE_URL\")"]
        if !namespaces.isEmpty {
            let others = namespaces.subtracting([targetNamespace]).sorted()
            let listed = (namespaces.contains(targetNamespace) ? [targetNamespace] : []) + others
            lines.append("  schemas  = [" + listed.map(PrismaDefaultWriter.prismaString).joined(separator: ", ") + "]")
        }
        return (lines + ["}"]).joined(separator: "\n")
    }

    /// The schema's objects no model can hold: views, sequences, extensions.
    private func leftOut(of schema: Schema) -> String? {
        var lines: [String] = []
        for view in schema.views {
            lines.append("// The \(view.isMaterialized ? "materialized view" : "view") \(view.name) is left out: Prisma Migrate does not manage views.")
        }
        for sequence in schema.sequences {
            lines.append("// The sequence \(sequence.name) is left out: Prisma expresses only sequences owned by a column (autoincrement()).")
        }
        if !schema.extensions.isEmpty {
            let names = schema.extensions.map(\.name).joined(separator: ", ")
            let subject = schema.extensions.count == 1 ? "The extension \(names) is" : "The extensions \(names) are"
            lines.append("// \(subject) left out: list \(schema.extensions.count == 1 ? "it" : "them") in `extensions = [...]` (preview feature postgresqlExtensions) for Prisma to manage \(schema.extensions.count == 1 ? "it" : "them").")
        }
        return lines.isEmpty ? nil : lines.joined(separator: "\n")
    }
}

/// A written schema file and what it holds.
public struct PrismaSchemaFileText: Sendable, Equatable {
    public var text: String
    /// How many `model` and `enum` blocks it has.
    public var models: Int
    public var enums: Int
}

/// An enum and its Prisma names (sanitised, with `@map` where they differ).
struct PrismaEnumDraft {
    var type: EnumType
    var name: String
    /// Each database value with its Prisma name, in order.
    var values: [(value: String, name: String)]

    init(_ type: EnumType, name: String) {
        self.type = type
        self.name = name
        var identifiers = PrismaIdentifiers()
        self.values = type.values.map { ($0, identifiers.claim(PrismaIdentifiers.sanitised($0, fallback: "value"))) }
    }

    /// Database value → Prisma name, for defaults.
    var names: [String: String] { Dictionary(values.map { ($0.value, $0.name) }, uniquingKeysWith: { first, _ in first }) }
}
