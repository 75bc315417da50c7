import Foundation

/// Renames the user confirmed (`--rename old=new`, `--rename table.old=new`),
/// so the differ renames instead of dropping and adding.
public struct SchemaRenames: Sendable, Equatable {
    /// Old table name → new table name.
    public var tables: [QualifiedName: QualifiedName]
    /// For a table (by its new name): old column name → new column name.
    public var columns: [QualifiedName: [String: String]]

    public init(tables: [QualifiedName: QualifiedName] = [:], columns: [QualifiedName: [String: String]] = [:]) {
        self.tables = tables
        self.columns = columns
    }

    /// Reads `old_table=new_table` and `table.old_column=new_column`
    /// (`schema.table=...` is a table when `schema.table` names one in the
    /// `from` schema), in any order: a column of a renamed table is named
    /// by the table's old name.
    ///
    /// - Throws: ``SchemaRenameError`` for text that is neither.
    public init(parsing arguments: [String], from schema: Schema) throws {
        self.init()
        let tableNamed = { (parts: [String]) -> QualifiedName? in
            let name = parts.count == 2 ? QualifiedName(schema: parts[0], parts[1]) : QualifiedName(parts[0])
            return schema.table(name) == nil ? nil : name
        }
        var columnArguments: [(argument: String, old: [String], new: String)] = []
        for argument in arguments {
            let sides = argument.split(separator: "=", maxSplits: 1).map { String($0).trimmingCharacters(in: .whitespaces) }
            guard sides.count == 2, !sides[0].isEmpty, !sides[1].isEmpty else {
                throw SchemaRenameError(argument: argument, problem: "is not `old=new`")
            }
            let old = sides[0].split(separator: ".").map(String.init)
            if old.count <= 2, let table = tableNamed(old) {
                let new = sides[1].split(separator: ".").map(String.init)
                tables[table] = new.count == 2 ? QualifiedName(schema: new[0], new[1]) : QualifiedName(schema: table.schema, sides[1])
            } else {
                columnArguments.append((argument, old, sides[1]))
            }
        }
        // Columns once every table rename is known, so they land under the table's new name.
        for (argument, old, new) in columnArguments {
            guard old.count >= 2, let table = tableNamed(Array(old.dropLast())) else {
                throw SchemaRenameError(argument: argument, problem: "names no table of the current schema")
            }
            guard schema.table(table)?.column(old.last!) != nil else {
                throw SchemaRenameError(argument: argument, problem: "names no column of \(table)")
            }
            columns[tables[table] ?? table, default: [:]][old.last!] = new
        }
    }

    /// The table's old name when it was renamed to `name`.
    func oldName(ofTable name: QualifiedName) -> QualifiedName? {
        tables.first { $0.value == name }?.key
    }
}

/// A `--rename` that names nothing.
public struct SchemaRenameError: StrataError, Equatable {
    public var argument: String
    public var problem: String

    public var summary: String { "--rename \(argument) \(problem)" }
    public var nextStep: String? { "write --rename old_table=new_table or --rename table.old_column=new_column" }
}

/// A table or column dropped while a similar one is added: perhaps a
/// rename, which only the user can tell. Reported, never guessed.
public struct RenameCandidate: Sendable, Equatable, CustomStringConvertible {
    public enum Kind: Sendable, Equatable {
        case table
        case column(table: QualifiedName)
    }

    public var kind: Kind
    public var old: String
    public var new: String

    /// The `--rename` argument that confirms it.
    public var argument: String {
        switch kind {
        case .table: "\(old)=\(new)"
        case .column(let table): "\(table).\(old)=\(new)"
        }
    }

    public var description: String {
        switch kind {
        case .table: "table \(old) dropped and \(new) added: a rename? (--rename \(argument))"
        case .column(let table): "column \(table).\(old) dropped and \(new) added: a rename? (--rename \(argument))"
        }
    }
}
