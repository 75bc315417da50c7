import Strata

/// The column types a statement declares (in `CREATE TABLE`, `ADD COLUMN`, `ALTER COLUMN TYPE`), with where.
struct DeclaredColumn {
    let table: TableReference
    let column: String
    let type: TypeName
    let byteOffset: Int?

    static func all(in statement: LintedStatement) -> [DeclaredColumn] {
        statement.facts.actions.flatMap { located -> [DeclaredColumn] in
            switch located.action {
            case .createTable(let creation):
                return creation.columns.compactMap { column in
                    column.type.map { DeclaredColumn(table: creation.table, column: column.name, type: $0, byteOffset: located.byteOffset) }
                }
            case .addColumn(let table, let column):
                return column.type.map { [DeclaredColumn(table: table, column: column.name, type: $0, byteOffset: located.byteOffset)] } ?? []
            case .alterColumnType(let table, let column, let type):
                return [DeclaredColumn(table: table, column: column, type: type, byteOffset: located.byteOffset)]
            default:
                return []
            }
        }
    }
}

/// A rule that gives advice on one kind of declared type.
protocol TypeAdviceRule: LintRule {
    /// The advice for a column of this type, or `nil` when it is fine.
    func advice(for column: DeclaredColumn) -> String?
}

extension TypeAdviceRule {
    var triggers: Set<ActionKind>? { [.createTable, .addColumn, .alterColumnType] }

    func check(_ statement: LintedStatement, in context: LintContext) -> [LintViolation] {
        DeclaredColumn.all(in: statement).compactMap { column in
            advice(for: column).map { LintViolation($0, at: column.byteOffset) }
        }
    }
}
