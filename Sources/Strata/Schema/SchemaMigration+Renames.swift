extension SchemaMigration {
    /// The name a table of `from` has once the migration's renames ran.
    ///
    /// ```swift
    /// migration.renamedTable(QualifiedName("User"))   // "Account" after `--rename User=Account`
    /// ```
    public func renamedTable(_ table: QualifiedName) -> QualifiedName {
        for case .renameTable(let old, let new) in changes where old == table { return new }
        return table
    }

    /// The name a column of a `from` table has once the migration's renames
    /// ran (`table` by its name in `from`).
    public func renamedColumn(_ column: String, of table: QualifiedName) -> String {
        let owner = renamedTable(table)
        for case .renameColumn(let renamed, let old, let new) in changes where renamed == owner && old == column { return new }
        return column
    }
}
