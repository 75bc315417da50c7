extension StatementFacts {
    /// The actions, without their places, for rules that pattern-match.
    var plainActions: [SchemaAction] { actions.map(\.action) }
}

extension LintContext {
    /// The strongest lock the statement takes on `table`, when that blocks writes and the table existed before the run.
    func blockingLock(_ statement: LintedStatement, on table: TableReference) -> RelationLock? {
        guard holdsRows(table), let lock = statement.facts.lock(on: table), lock.mode.blocksWrites else { return nil }
        return lock
    }

    /// Whether a later statement of the file does `matching`.
    func later(_ matching: (SchemaAction) -> Bool) -> Bool {
        upcoming.contains { $0.actions.contains { matching($0.action) } }
    }

    /// Whether an action after `located` in the same statement, or a later statement of the file, does `matching`.
    func after(_ located: StatementAction, in statement: LintedStatement, _ matching: (SchemaAction) -> Bool) -> Bool {
        let actions = statement.facts.actions
        if let index = actions.firstIndex(of: located), actions[(index + 1)...].contains(where: { matching($0.action) }) { return true }
        return later(matching)
    }

    /// The known columns whose type is `type`.
    func columns(ofType type: TableReference) -> [String] {
        knowledge.columns(ofType: type)
    }
}

extension LintContext {
    /// `schema.name`, each part quoted.
    func sql(_ table: TableReference) -> String {
        (table.schema.map { quote($0) + "." } ?? "") + quote(table.name)
    }
}

extension LintedStatement {
    /// The statement with a keyword added after its opening words, e.g.
    /// `CREATE INDEX` -> `CREATE INDEX CONCURRENTLY`; `nil` when it does not open with them.
    func inserting(_ keyword: String, after openings: [String]) -> String? {
        let words = sql.split(whereSeparator: \.isWhitespace)
        for opening in openings {
            let expected = opening.split(separator: " ")
            guard words.count > expected.count, zip(words, expected).allSatisfy({ $0.uppercased() == $1 }) else { continue }
            return (expected.map(String.init) + [keyword] + words.dropFirst(expected.count).map(String.init)).joined(separator: " ")
        }
        return nil
    }
}

extension TableReference {
    /// `table.column`, for messages.
    public func dot(_ column: String) -> String { "\(description).\(column)" }
}
