extension SchemaDiffer {
    /// Keys, constraints and indexes of one table. A definition that only
    /// changes its name is renamed; any other change drops the old one
    /// before the column changes and adds the new one after.
    func diffConstraints(_ old: Table, _ new: Table, oldName: QualifiedName, into steps: inout DiffSteps) {
        switch (old.primaryKey, new.primaryKey) {
        case let (before?, after?) where before.columns == after.columns:
            if let from = before.name, let to = after.name, from != to {
                steps.renames.append(.renameConstraint(new.name, from: from, to: to))
            }
        case let (before, after):
            if let before { steps.dropIndexesAndConstraints.append(.dropPrimaryKey(oldName, before)) }
            if let after { steps.addConstraints.append(.addPrimaryKey(new.name, after)) }
        }

        // A unique constraint and a unique index of the same name and columns
        // enforce the same thing: Prisma writes one, hand-written SQL often the other.
        let sameUnique = { (constraint: UniqueConstraint, index: TableIndex) in
            constraint.name == index.name && index.isUnique && index.method == nil && index.predicate == nil
                && index.parts == constraint.columns.map { TableIndex.Part(column: $0) }
        }
        var old = old
        var new = new
        old.uniqueConstraints.removeAll { constraint in
            guard let index = new.indexes.firstIndex(where: { sameUnique(constraint, $0) }) else { return false }
            new.indexes.remove(at: index)
            return true
        }
        new.uniqueConstraints.removeAll { constraint in
            guard let index = old.indexes.firstIndex(where: { sameUnique(constraint, $0) }) else { return false }
            old.indexes.remove(at: index)
            return true
        }
        let uniques = pair(old.uniqueConstraints, new.uniqueConstraints, name: \.name) { $0.columns == $1.columns }
        steps.renames += uniques.renamed.map { .renameConstraint(new.name, from: $0.name, to: $1.name) }
        steps.dropIndexesAndConstraints += uniques.dropped.map { .dropUnique(oldName, $0) }
        steps.addConstraints += uniques.added.map { .addUnique(new.name, $0) }

        let checks = pair(old.checks, new.checks, name: \.name) { $0.expression == $1.expression }
        steps.renames += checks.renamed.map { .renameConstraint(new.name, from: $0.name, to: $1.name) }
        steps.dropIndexesAndConstraints += checks.dropped.map { .dropCheck(oldName, $0) }
        steps.addConstraints += checks.added.map { .addCheck(new.name, $0) }

        let keys = pair(old.foreignKeys, new.foreignKeys, name: \.name) { $0.sameDefinition(as: $1) }
        steps.renames += keys.renamed.map { .renameConstraint(new.name, from: $0.name, to: $1.name) }
        steps.dropForeignKeys += keys.dropped.map { .dropForeignKey(oldName, $0) }
        steps.addForeignKeys += keys.added.map { .addForeignKey(new.name, $0) }

        let indexes = pair(old.indexes, new.indexes, name: \.name) { $0.sameDefinition(as: $1) }
        steps.renames += indexes.renamed.map { .renameIndex(new.name, from: $0.name, to: $1.name) }
        steps.dropIndexesAndConstraints += indexes.dropped.map { .dropIndex(oldName, $0) }
        steps.createIndexes += indexes.added.map { .createIndex(new.name, $0) }
    }

    /// Pairs named things: equal ones are kept, same definitions under
    /// another name renamed, the rest dropped and added.
    private func pair<Item: Equatable>(
        _ old: [Item], _ new: [Item], name: (Item) -> String, sameDefinition: (Item, Item) -> Bool
    ) -> (renamed: [(Item, Item)], dropped: [Item], added: [Item]) {
        var oldLeft = old.filter { item in !new.contains(item) }
        var newLeft = new.filter { item in !old.contains(item) }
        var renamed: [(Item, Item)] = []
        let newNames = Set(new.map(name))
        for item in newLeft {
            guard let index = oldLeft.firstIndex(where: { sameDefinition($0, item) && !newNames.contains(name($0)) }) else { continue }
            renamed.append((oldLeft.remove(at: index), item))
        }
        newLeft.removeAll { item in renamed.contains { name($0.1) == name(item) } }
        return (renamed, oldLeft, newLeft)
    }
}

extension ForeignKey {
    func sameDefinition(as other: ForeignKey) -> Bool {
        var renamed = other
        renamed.name = name
        return self == renamed
    }
}

extension TableIndex {
    func sameDefinition(as other: TableIndex) -> Bool {
        var renamed = other
        renamed.name = name
        return self == renamed
    }
}
