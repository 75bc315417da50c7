/// What one statement does to the schema and its data, as its dialect's
/// parser read it: the typed view lint rules judge, never the SQL text.
///
/// ```swift
/// let statement = try PostgresDialect().split(script: "DROP TABLE users")[0]
/// statement.facts.actions.first?.action   // .drop(ObjectDrop(kind: .table, names: [users], ...))
/// ```
public struct StatementFacts: Sendable, Equatable {
    /// What the statement does, in the order its clauses say it.
    public var actions: [StatementAction]
    /// The locks it takes, the strongest per relation, and what it does to each relation's rows.
    public var locks: [RelationLock]
    /// The string constants its tree holds (for a new enum value used in the same transaction).
    public var stringConstants: Set<String>

    public init(actions: [StatementAction] = [], locks: [RelationLock] = [], stringConstants: Set<String> = []) {
        self.actions = actions
        self.locks = locks
        self.stringConstants = stringConstants
    }

    /// The lock the statement takes on `relation`, if it names it.
    public func lock(on relation: TableReference) -> RelationLock? {
        locks.first { $0.relation.matches(relation) }
    }
}

/// One thing a statement does, with where in the script it is said.
public struct StatementAction: Sendable, Equatable {
    public var action: SchemaAction
    /// The UTF-8 byte offset in the script of the clause that says it, when the parser gives one.
    public var byteOffset: Int?

    public init(_ action: SchemaAction, byteOffset: Int? = nil) {
        self.action = action
        self.byteOffset = byteOffset
    }
}

/// A lock a statement holds on one relation until its transaction ends.
public struct RelationLock: Sendable, Equatable {
    public var relation: TableReference
    public var mode: LockMode
    /// What it does to the relation's rows while it holds the lock.
    public var effect: TableEffect

    public init(relation: TableReference, mode: LockMode, effect: TableEffect = .none) {
        self.relation = relation
        self.mode = mode
        self.effect = effect
    }
}

/// The cost a statement pays per row of a relation.
public enum TableEffect: String, Sendable, Equatable, Comparable {
    /// Catalog only: quick whatever the size.
    case none
    /// Reads every row (a validation, an index build).
    case scan
    /// Writes a new copy of the table and its indexes.
    case rewrite

    public static func < (lhs: Self, rhs: Self) -> Bool {
        let order: [Self] = [.none, .scan, .rewrite]
        return order.firstIndex(of: lhs)! < order.firstIndex(of: rhs)!
    }
}

/// A table-level lock mode, weakest first, with what each one makes others wait for.
public enum LockMode: Int, Sendable, Equatable, Comparable, CaseIterable {
    case accessShare = 1
    case rowShare
    case rowExclusive
    case shareUpdateExclusive
    case share
    case shareRowExclusive
    case exclusive
    case accessExclusive

    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.rawValue < rhs.rawValue }

    /// As the database's documentation names it, e.g. `ACCESS EXCLUSIVE`.
    public var name: String {
        switch self {
        case .accessShare: "ACCESS SHARE"
        case .rowShare: "ROW SHARE"
        case .rowExclusive: "ROW EXCLUSIVE"
        case .shareUpdateExclusive: "SHARE UPDATE EXCLUSIVE"
        case .share: "SHARE"
        case .shareRowExclusive: "SHARE ROW EXCLUSIVE"
        case .exclusive: "EXCLUSIVE"
        case .accessExclusive: "ACCESS EXCLUSIVE"
        }
    }

    /// Whether plain reads (`SELECT`) wait while it is held.
    public var blocksReads: Bool { self == .accessExclusive }
    /// Whether `INSERT`, `UPDATE` and `DELETE` wait while it is held.
    public var blocksWrites: Bool { self >= .share }

    /// What waits, in a user's words.
    public var whatWaits: String {
        if blocksReads { return "reads and writes" }
        if blocksWrites { return "writes" }
        if self >= .shareUpdateExclusive { return "other schema changes and VACUUM" }
        return "nothing but stronger locks"
    }
}

extension TableReference {
    /// The same name, where a side without a schema matches any schema.
    func matches(_ other: TableReference) -> Bool {
        name == other.name && (schema == nil || other.schema == nil || schema == other.schema)
    }
}
