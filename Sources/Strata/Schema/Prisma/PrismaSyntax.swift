/// A `schema.prisma` file as written: its blocks, fields, attributes and
/// expressions, each with its place in the file. What they mean (tables,
/// columns, constraints) is decided later, from the whole schema.
public struct PrismaSchemaFile: Sendable, Equatable {
    /// The file, as the user would type it.
    public var path: String
    public var blocks: [PrismaBlock]
}

/// One top-level block: `datasource db { ... }`, `model User { ... }`, ...
public struct PrismaBlock: Sendable, Equatable {
    public enum Kind: String, Sendable, Equatable, CaseIterable {
        case datasource, generator, model, view, `enum`, type
    }

    public var kind: Kind
    public var name: String
    public var location: SourceLocation
    /// The `///` comment lines above the block.
    public var documentation: String?
    /// `key = value` lines (datasource, generator).
    public var properties: [PrismaProperty] = []
    /// Fields (model, view, type).
    public var fields: [PrismaField] = []
    /// Values (enum).
    public var values: [PrismaEnumValue] = []
    /// `@@attribute(...)` lines.
    public var attributes: [PrismaAttribute] = []
}

/// `provider = "postgresql"` in a datasource or generator.
public struct PrismaProperty: Sendable, Equatable {
    public var key: String
    public var value: PrismaExpression
    public var location: SourceLocation
}

/// `email String? @unique @db.VarChar(255)`.
public struct PrismaField: Sendable, Equatable {
    public var name: String
    public var type: PrismaFieldType
    public var attributes: [PrismaAttribute]
    public var documentation: String?
    public var location: SourceLocation
}

/// A field's type: a scalar, enum, model or composite type name, optional
/// (`?`) or a list (`[]`); `Unsupported("...")` carries the database's type.
public struct PrismaFieldType: Sendable, Equatable {
    public var name: String
    public var isOptional = false
    public var isList = false
    /// The database type of `Unsupported("circle")`.
    public var unsupported: String?
    public var location: SourceLocation
}

/// A value of an enum, with its attributes (`@map("x")`).
public struct PrismaEnumValue: Sendable, Equatable {
    public var name: String
    public var attributes: [PrismaAttribute]
    public var documentation: String?
    public var location: SourceLocation
}

/// `@default(now())`, `@db.VarChar(255)`, `@@index([a, b], type: Gin)`:
/// the name without its `@` or `@@` (`default`, `db.VarChar`, `index`).
public struct PrismaAttribute: Sendable, Equatable {
    public var name: String
    public var arguments: [PrismaArgument]
    public var location: SourceLocation

    /// The argument called `name`, else (when `positional`) the first unnamed one.
    public func argument(_ name: String, positional: Bool = false) -> PrismaArgument? {
        arguments.first { $0.name == name } ?? (positional ? arguments.first { $0.name == nil } : nil)
    }
}

/// An argument, named (`onDelete: Cascade`) or not (`"name"`).
public struct PrismaArgument: Sendable, Equatable {
    public var name: String?
    public var value: PrismaExpression
    public var location: SourceLocation
}

/// A value in the schema language.
public indirect enum PrismaExpression: Sendable, Equatable {
    case string(String)
    /// As written, e.g. `-1.5`.
    case number(String)
    case boolean(Bool)
    case array([PrismaExpression])
    /// `now()`, `env("DATABASE_URL")`, `sort: Desc` inside a field reference `email(sort: Desc)`.
    case function(String, [PrismaArgument])
    /// A bare name: `Cascade`, `Desc`, a field name in `fields: [authorId]`, `db.Uuid`.
    case constant(String)

    /// The text of a string.
    public var string: String? {
        if case .string(let text) = self { return text }
        return nil
    }

    /// The elements of an array; a single value counts as an array of one.
    public var elements: [PrismaExpression] {
        if case .array(let elements) = self { return elements }
        return [self]
    }
}
