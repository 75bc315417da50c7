/// Compares two schemas and lists the steps from the first to the second,
/// ordered so that each can run: namespaces, extensions, types and
/// sequences first; drops of what later steps would trip over (views,
/// foreign keys, indexes, constraints, then tables: a new table or a rename
/// may take a dropped one's name or its key's) next; renames; new tables
/// and column changes; constraints and indexes; foreign keys once every
/// table they reference exists (so cycles need no special case); then the
/// drops of types and sequences, and views last.
///
/// ```swift
/// let diff = SchemaDiffer().diff(from: applied, to: desired)
/// let sql = try renderer.render(diff.migration)
/// ```
public struct SchemaDiffer: Sendable {
    /// Renames the user confirmed; without one, a rename is a drop and an add
    /// (reported as a ``RenameCandidate``).
    public var renames: SchemaRenames

    public init(renames: SchemaRenames = SchemaRenames()) {
        self.renames = renames
    }

    /// The steps from `from` to `to`.
    public func diff(from: Schema, to: Schema) -> SchemaDiff {
        var steps = DiffSteps()
        diffNamespaces(from: from, to: to, into: &steps)
        diffExtensions(from: from, to: to, into: &steps)
        diffEnums(from: from, to: to, into: &steps)
        diffSequences(from: from, to: to, into: &steps)
        diffViews(from: from, to: to, into: &steps)
        diffTriggers(from: from, to: to, into: &steps)
        let candidates = diffTables(from: from, to: to, into: &steps)
        let migration = SchemaMigration(from: from, to: to, changes: steps.ordered)
        return SchemaDiff(migration: migration, renameCandidates: candidates)
    }

    private func diffNamespaces(from: Schema, to: Schema, into steps: inout DiffSteps) {
        let existing = from.namespaces
        for namespace in to.namespaces.sorted() where !existing.contains(namespace) {
            steps.prepare.append(.createNamespace(namespace))
        }
    }

    private func diffExtensions(from: Schema, to: Schema, into steps: inout DiffSteps) {
        let old = Set(from.extensions.map(\.name))
        let new = Set(to.extensions.map(\.name))
        for added in to.extensions where !old.contains(added.name) {
            steps.prepare.append(.createExtension(added))
        }
        for removed in from.extensions where !new.contains(removed.name) {
            steps.dropLast.append(.dropExtension(removed))
        }
    }

    private func diffEnums(from: Schema, to: Schema, into steps: inout DiffSteps) {
        for new in to.enums {
            guard let old = from.enums.first(where: { $0.name == new.name }) else {
                steps.prepare.append(.createEnum(new))
                continue
            }
            // As in Prisma, the order of the values is not compared: reordering
            // alone would rewrite every table using the type for nothing.
            guard Set(old.values) != Set(new.values) else { continue }
            if Set(old.values).isSubset(of: new.values) {
                for (index, value) in new.values.enumerated() where !old.values.contains(value) {
                    steps.prepare.append(.addEnumValue(new.name, value: value, after: index == 0 ? nil : new.values[index - 1]))
                }
            } else {
                steps.replaceTypes.append(.replaceEnum(from: old, to: new))
            }
        }
        for old in from.enums where !to.enums.contains(where: { $0.name == old.name }) {
            steps.dropLast.append(.dropEnum(old))
        }
    }

    private func diffSequences(from: Schema, to: Schema, into steps: inout DiffSteps) {
        for new in to.sequences {
            if let old = from.sequences.first(where: { $0.name == new.name }) {
                if old != new { steps.prepare.append(.alterSequence(from: old, to: new)) }
                continue
            }
            steps.prepare.append(.createSequence(new))
        }
        for old in from.sequences where !to.sequences.contains(where: { $0.name == old.name }) {
            steps.dropLast.append(.dropSequence(old))
        }
    }

    /// A changed view is dropped before the tables change (it may read a
    /// column that goes) and created again after.
    private func diffViews(from: Schema, to: Schema, into steps: inout DiffSteps) {
        for new in to.views {
            let old = from.views.first { $0.name == new.name }
            guard old != new else { continue }
            if let old { steps.dropEarly.append(.dropView(old)) }
            steps.createViews.append(.createView(new))
        }
        for old in from.views where !to.views.contains(where: { $0.name == old.name }) {
            steps.dropEarly.append(.dropView(old))
        }
    }

    /// A changed trigger, or one whose table is made again, is dropped
    /// before the tables change and created after them and the views.
    private func diffTriggers(from: Schema, to: Schema, into steps: inout DiffSteps) {
        for new in to.triggers {
            let old = from.triggers.first { $0.name == new.name }
            guard old != new else { continue }
            if let old { steps.dropEarly.append(.dropTrigger(old)) }
            steps.createTriggers.append(.createTrigger(new))
        }
        for old in from.triggers where !to.triggers.contains(where: { $0.name == old.name }) {
            steps.dropEarly.append(.dropTrigger(old))
        }
    }
}

/// What the differ found: the migration, and the drops that may be renames.
public struct SchemaDiff: Sendable, Equatable {
    public var migration: SchemaMigration
    /// Drops paired with a similar add, which `--rename` would keep.
    public var renameCandidates: [RenameCandidate]

    public init(migration: SchemaMigration, renameCandidates: [RenameCandidate] = []) {
        self.migration = migration
        self.renameCandidates = renameCandidates
    }

    /// What the steps may lose or may fail on, in order.
    public var warnings: [SchemaWarning] { migration.changes.compactMap { SchemaWarning(for: $0, in: migration) } }
}

/// The steps by phase, concatenated in this order.
struct DiffSteps {
    var prepare: [SchemaChange] = []
    var dropEarly: [SchemaChange] = []
    var dropForeignKeys: [SchemaChange] = []
    var dropIndexesAndConstraints: [SchemaChange] = []
    var renames: [SchemaChange] = []
    var replaceTypes: [SchemaChange] = []
    var createTables: [SchemaChange] = []
    var columns: [SchemaChange] = []
    var addConstraints: [SchemaChange] = []
    var createIndexes: [SchemaChange] = []
    var addForeignKeys: [SchemaChange] = []
    var dropTables: [SchemaChange] = []
    var dropLast: [SchemaChange] = []
    var createViews: [SchemaChange] = []
    var createTriggers: [SchemaChange] = []
    var comments: [SchemaChange] = []

    var ordered: [SchemaChange] {
        prepare + dropEarly + dropForeignKeys + dropIndexesAndConstraints + dropTables + renames + replaceTypes
            + createTables + columns + addConstraints + createIndexes + addForeignKeys + dropLast + createViews
            + createTriggers + comments
    }
}

extension Schema {
    /// The named schemas its objects live in (not the default one).
    var namespaces: Set<String> {
        Set(tables.compactMap(\.name.schema) + enums.compactMap(\.name.schema) + views.compactMap(\.name.schema)
            + sequences.compactMap(\.name.schema))
    }
}
