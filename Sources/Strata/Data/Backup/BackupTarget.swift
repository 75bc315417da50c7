/// Something a destructive statement destroys that can hold data: what
/// `migrate deploy` backs up before the statement runs.
///
/// ```swift
/// let statement = try dialect.split(script: "ALTER TABLE users DROP COLUMN email")[0]
/// BackupTarget.targets(of: statement.facts)   // [.column(users, "email")]
/// ```
public enum BackupTarget: Sendable, Hashable, CustomStringConvertible {
    /// A table dropped or truncated: its rows.
    case table(TableReference)
    /// A column dropped: its values, by the table's key.
    case column(TableReference, String)
    /// A schema dropped: the tables in it.
    case schema(String)

    /// What `facts` destroys that can hold data: dropped and truncated
    /// tables, dropped columns, dropped schemas (the destructive lint
    /// rules' `ban-drop-table`, `ban-truncate`, `ban-drop-column` and
    /// `ban-drop-schema`), in the order the statement says them.
    public static func targets(of facts: StatementFacts) -> [BackupTarget] {
        var targets: [BackupTarget] = []
        for located in facts.actions {
            switch located.action {
            case .drop(let drop) where drop.kind == .table: targets += drop.names.map(BackupTarget.table)
            case .drop(let drop) where drop.kind == .schema: targets += drop.names.map { .schema($0.name) }
            case .truncate(let tables, _): targets += tables.map(BackupTarget.table)
            case .dropColumn(let table, let column, _): targets.append(.column(table, column))
            default: continue
            }
        }
        var seen: Set<BackupTarget> = []
        return targets.filter { seen.insert($0).inserted }
    }

    public var description: String {
        switch self {
        case .table(let table): "table \(table)"
        case .column(let table, let column): "column \(table).\(column)"
        case .schema(let schema): "schema \(schema)"
        }
    }
}
