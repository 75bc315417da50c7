import Foundation

extension PrismaModelConverter {
    /// The database default of `@default(...)`. Prisma's client-side
    /// generators (`uuid()`, `cuid()`, `nanoid()`, `ulid()`) and `@updatedAt`
    /// leave the column without one, as Prisma Migrate does.
    func defaultValue(of field: PrismaField, type: ColumnType, in model: Model) throws -> ColumnDefault? {
        guard let attribute = field.attributes.first(where: { $0.name == "default" }) else { return nil }
        guard let value = attribute.argument("value", positional: true)?.value else {
            throw error(model, attribute.location, "`@default` needs a value", nextStep: "write it as `@default(0)`, `@default(now())`, ...")
        }
        switch value {
        case .function("autoincrement", _):
            return .autoincrement
        case .function("now", _):
            return .expression("CURRENT_TIMESTAMP")
        case .function("dbgenerated", let arguments):
            return arguments.first?.value.string.map(ColumnDefault.expression)
        case .function("uuid", _), .function("cuid", _), .function("nanoid", _), .function("ulid", _):
            return nil
        case .function(let name, _):
            throw error(
                model, attribute.location, "`\(name)()` is no default Prisma knows for \(datasource.provider.rawValue)",
                nextStep: "use autoincrement(), now(), uuid(), cuid(), nanoid(), ulid() or dbgenerated(\"...\")")
        case .array(let elements):
            let literals = try elements.map { try literal($0, field: field, attribute: attribute, model: model) }
            return .expression("ARRAY[\(literals.joined(separator: ", "))]::\(Self.castType(type))[]")
        default:
            return .expression(try literal(value, field: field, attribute: attribute, model: model))
        }
    }

    /// A literal default as SQL: strings quoted, enum values by their mapped name.
    private func literal(_ value: PrismaExpression, field: PrismaField, attribute: PrismaAttribute, model: Model) throws -> String {
        switch value {
        case .string(let text):
            return Self.quoted(text)
        case .number(let number):
            return number
        case .boolean(let flag):
            return flag ? "true" : "false"
        case .constant(let name):
            if let enumType = enums[field.type.name] {
                guard let index = enumType.block.values.firstIndex(where: { $0.name == name }) else {
                    throw error(
                        model, attribute.location, "`\(name)` is no value of enum `\(field.type.name)`",
                        nextStep: "use one of \(enumType.block.values.map(\.name).joined(separator: ", "))")
                }
                return Self.quoted(enumType.type.values[index])
            }
            throw error(model, attribute.location, "`\(name)` is no value for a \(field.type.name) field", nextStep: "write a literal, e.g. `@default(0)`")
        default:
            throw error(model, attribute.location, "this default cannot be written in SQL", nextStep: "write a literal or `dbgenerated(\"...\")`")
        }
    }

    /// The element type of a list default's cast: an enum by its quoted name, as Prisma writes `::"Role"[]`.
    static func castType(_ type: ColumnType) -> String {
        switch type.base {
        case .builtIn(let spelling): spelling
        case .userDefined(let name):
            ([name.schema].compactMap { $0 } + [name.name]).map { "\"" + $0.replacingOccurrences(of: "\"", with: "\"\"") + "\"" }
                .joined(separator: ".")
        }
    }

    /// A standard SQL string literal (both PostgreSQL and SQLite read it).
    static func quoted(_ text: String) -> String {
        "'" + text.replacingOccurrences(of: "'", with: "''") + "'"
    }
}
