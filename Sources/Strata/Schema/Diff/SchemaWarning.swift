/// What a step of a migration may cost: data it destroys, or existing rows
/// that would make it fail. Written into the generated file, and a
/// non-interactive `migrate dev` refuses a migration that loses data
/// unless told `--accept-data-loss`.
public struct SchemaWarning: Sendable, Equatable, CustomStringConvertible {
    public enum Kind: String, Sendable, Equatable {
        /// The step destroys data.
        case losesData
        /// The step fails on some existing data, and changes nothing then.
        case mayFail
    }

    public var kind: Kind
    /// A sentence, e.g. "Drops column `User.bio` and every value in it."
    public var message: String

    public init(kind: Kind, message: String) {
        self.kind = kind
        self.message = message
    }

    public var description: String { message }

    /// The warning a step deserves, if any.
    init?(for change: SchemaChange, in migration: SchemaMigration) {
        switch change {
        case .dropTable(let table):
            self.init(kind: .losesData, message: "Drops table `\(table.name)` and every row in it.")
        case .dropColumn(let table, let column):
            self.init(kind: .losesData, message: "Drops column `\(table).\(column.name)` and every value in it.")
        case .replaceEnum(let old, let new):
            let removed = old.values.filter { !new.values.contains($0) }
            guard !removed.isEmpty else { return nil }
            let list = removed.map { "`\($0)`" }.joined(separator: ", ")
            self.init(
                kind: .losesData,
                message: "Removes \(list) from enum `\(new.name)`: the migration fails if a row still holds \(removed.count == 1 ? "it" : "one").")
        case .alterColumn(let table, let before, let after):
            if before.type != after.type {
                self.init(
                    kind: .losesData,
                    message: "Changes `\(table).\(after.name)` from \(before.type) to \(after.type): values are converted, and the migration fails on one that does not fit.")
            } else if before.isNullable, !after.isNullable {
                self.init(kind: .mayFail, message: "Makes `\(table).\(after.name)` required: the migration fails if a row holds NULL there.")
            } else {
                return nil
            }
        case .addColumn(let table, let column) where !column.isNullable && column.defaultValue == nil && column.identity == nil
            && column.generatedExpression == nil:
            guard migration.from.table(table) != nil || migration.changes.contains(where: { $0.isRename(to: table) }) else { return nil }
            self.init(
                kind: .mayFail,
                message: "Adds the required column `\(table).\(column.name)` without a default: the migration fails if the table has rows.")
        case .addUnique(let table, let constraint):
            self.init(kind: .mayFail, message: "Adds unique `\(constraint.name)` on `\(table)`: the migration fails if rows hold duplicates.")
        case .createIndex(let table, let index) where index.isUnique && migration.from.table(table) != nil:
            self.init(kind: .mayFail, message: "Adds unique index `\(index.name)` on `\(table)`: the migration fails if rows hold duplicates.")
        default:
            return nil
        }
    }
}

extension SchemaChange {
    func isRename(to table: QualifiedName) -> Bool {
        if case .renameTable(_, let to) = self { return to == table }
        return false
    }
}
