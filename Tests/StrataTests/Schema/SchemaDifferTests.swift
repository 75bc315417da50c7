@testable import Strata
import Testing

/// The differ's steps and their order, on plain values.
@Suite("Schema differ")
struct SchemaDifferTests {
    static let id = Column(name: "id", type: .builtIn("INTEGER"), defaultValue: .autoincrement)
    static let user = Table(
        name: QualifiedName("User"), columns: [id, Column(name: "email", type: .builtIn("TEXT"))],
        primaryKey: PrimaryKey(name: "User_pkey", columns: ["id"]),
        indexes: [TableIndex(name: "User_email_key", columns: ["email"], isUnique: true)])

    @Test("the seed's change: an enum and two columns, the enum first")
    func seedExample() {
        let role = EnumType(name: QualifiedName("Role"), values: ["USER", "ADMIN", "MODERATOR"])
        var changed = Self.user
        let bio = Column(name: "bio", type: .builtIn("TEXT"), isNullable: true)
        let roleColumn = Column(name: "role", type: ColumnType(.userDefined(role.name)), defaultValue: .expression("'USER'"))
        changed.columns += [bio, roleColumn]
        let diff = SchemaDiffer().diff(from: Schema(tables: [Self.user]), to: Schema(tables: [changed], enums: [role]))
        #expect(diff.migration.changes == [.createEnum(role), .addColumn(changed.name, bio), .addColumn(changed.name, roleColumn)])
        #expect(diff.warnings.isEmpty)
        #expect(SchemaDiffer().diff(from: Schema(tables: [changed], enums: [role]), to: Schema(tables: [changed], enums: [role])).migration.isEmpty)
    }

    @Test("enum values: added in place when the old order survives, else the type is replaced with a warning")
    func enums() {
        let old = EnumType(name: QualifiedName("Role"), values: ["USER", "ADMIN"])
        let added = EnumType(name: old.name, values: ["GUEST", "USER", "MODERATOR", "ADMIN"])
        #expect(SchemaDiffer().diff(from: Schema(enums: [old]), to: Schema(enums: [added])).migration.changes == [
            .addEnumValue(old.name, value: "GUEST", after: nil), .addEnumValue(old.name, value: "MODERATOR", after: "USER"),
        ])
        let removed = EnumType(name: old.name, values: ["USER"])
        let diff = SchemaDiffer().diff(from: Schema(enums: [old]), to: Schema(enums: [removed]))
        #expect(diff.migration.changes == [.replaceEnum(from: old, to: removed)])
        #expect(diff.warnings.map(\.kind) == [.losesData])
        #expect(diff.warnings.first?.message.contains("`ADMIN`") == true)
    }

    @Test("a cycle of foreign keys: both tables first, then both keys; dropping them drops the keys first")
    func cycles() {
        let a = Table(
            name: QualifiedName("A"), columns: [Self.id, Column(name: "b", type: .builtIn("INTEGER"))],
            foreignKeys: [ForeignKey(name: "A_b_fkey", columns: ["b"], referencedTable: QualifiedName("B"), referencedColumns: ["id"])])
        let b = Table(
            name: QualifiedName("B"), columns: [Self.id, Column(name: "a", type: .builtIn("INTEGER"))],
            foreignKeys: [ForeignKey(name: "B_a_fkey", columns: ["a"], referencedTable: QualifiedName("A"), referencedColumns: ["id"])])
        let create = SchemaDiffer().diff(from: Schema(), to: Schema(tables: [a, b])).migration.changes
        #expect(create == [
            .createTable(a.withoutForeignKeysAndIndexes), .createTable(b.withoutForeignKeysAndIndexes),
            .addForeignKey(a.name, a.foreignKeys[0]), .addForeignKey(b.name, b.foreignKeys[0]),
        ])
        let drop = SchemaDiffer().diff(from: Schema(tables: [a, b]), to: Schema())
        #expect(drop.migration.changes == [
            .dropForeignKey(a.name, a.foreignKeys[0]), .dropForeignKey(b.name, b.foreignKeys[0]), .dropTable(a), .dropTable(b),
        ])
        #expect(drop.warnings.map(\.kind) == [.losesData, .losesData])
    }

    @Test("a rename is a drop and an add, reported as a candidate, until --rename confirms it")
    func renames() throws {
        var renamed = Self.user
        renamed.columns[1].name = "mail"
        renamed.indexes = [TableIndex(name: "User_mail_key", columns: ["mail"], isUnique: true)]
        let guessed = SchemaDiffer().diff(from: Schema(tables: [Self.user]), to: Schema(tables: [renamed]))
        #expect(guessed.renameCandidates.map(\.argument) == ["User.email=mail"])
        #expect(guessed.migration.changes.contains(.dropColumn(renamed.name, Self.user.columns[1])))

        let hints = try SchemaRenames(parsing: ["User.email=mail"], from: Schema(tables: [Self.user]))
        let confirmed = SchemaDiffer(renames: hints).diff(from: Schema(tables: [Self.user]), to: Schema(tables: [renamed]))
        #expect(confirmed.migration.changes == [
            .renameColumn(renamed.name, from: "email", to: "mail"), .renameIndex(renamed.name, from: "User_email_key", to: "User_mail_key"),
        ])
        #expect(confirmed.warnings.isEmpty)

        var moved = Self.user
        moved.name = QualifiedName("Account")
        let table = try SchemaRenames(parsing: ["User=Account"], from: Schema(tables: [Self.user]))
        #expect(SchemaDiffer(renames: table).diff(from: Schema(tables: [Self.user]), to: Schema(tables: [moved])).migration.changes == [
            .renameTable(from: Self.user.name, to: moved.name),
        ])
        #expect(SchemaDiffer().diff(from: Schema(tables: [Self.user]), to: Schema(tables: [moved])).renameCandidates.map(\.argument) == ["User=Account"])
        #expect(throws: SchemaRenameError.self) { try SchemaRenames(parsing: ["Nope=Other"], from: Schema(tables: [Self.user])) }
        #expect(throws: SchemaRenameError.self) { try SchemaRenames(parsing: ["User.nope=x"], from: Schema(tables: [Self.user])) }
    }

    @Test("column changes: one alter step with a warning for a type change or a new NOT NULL")
    func columns() {
        var nullable = Self.user
        nullable.columns[1].isNullable = true
        var typed = Self.user
        typed.columns[1].type = .builtIn("VARCHAR(10)")
        let required = SchemaDiffer().diff(from: Schema(tables: [nullable]), to: Schema(tables: [Self.user]))
        #expect(required.migration.changes == [.alterColumn(Self.user.name, from: nullable.columns[1], to: Self.user.columns[1])])
        #expect(required.warnings.map(\.kind) == [.mayFail])
        #expect(SchemaDiffer().diff(from: Schema(tables: [Self.user]), to: Schema(tables: [typed])).warnings.map(\.kind) == [.losesData])
        var added = Self.user
        added.columns.append(Column(name: "age", type: .builtIn("INTEGER")))
        #expect(SchemaDiffer().diff(from: Schema(tables: [Self.user]), to: Schema(tables: [added])).warnings.map(\.kind) == [.mayFail])
    }

    @Test("a changed index is dropped before and created after the column changes")
    func indexes() {
        var changed = Self.user
        changed.indexes[0].isUnique = false
        changed.columns.append(Column(name: "age", type: .builtIn("INTEGER"), isNullable: true))
        #expect(SchemaDiffer().diff(from: Schema(tables: [Self.user]), to: Schema(tables: [changed])).migration.changes == [
            .dropIndex(Self.user.name, Self.user.indexes[0]), .addColumn(changed.name, changed.columns[2]),
            .createIndex(changed.name, changed.indexes[0]),
        ])
    }

    @Test("a renamed column keeps the foreign keys that reference it: one rename, no drop and add of a key")
    func foreignKeyFollowsRenamedColumn() {
        let team = Table(name: QualifiedName("Team"), columns: [Self.id], primaryKey: PrimaryKey(name: "Team_pkey", columns: ["id"]))
        let key = { (column: String) in
            ForeignKey(name: "Player_teamId_fkey", columns: ["teamId"], referencedTable: QualifiedName("Team"), referencedColumns: [column])
        }
        let player = Table(
            name: QualifiedName("Player"), columns: [Self.id, Column(name: "teamId", type: .builtIn("INTEGER"))],
            primaryKey: PrimaryKey(name: "Player_pkey", columns: ["id"]), foreignKeys: [key("id")])
        var renamedTeam = team
        renamedTeam.columns[0].name = "key"
        renamedTeam.primaryKey?.columns = ["key"]
        var renamedPlayer = player
        renamedPlayer.foreignKeys = [key("key")]
        let renames = SchemaRenames(columns: [QualifiedName("Team"): ["id": "key"]])
        let diff = SchemaDiffer(renames: renames).diff(from: Schema(tables: [team, player]), to: Schema(tables: [renamedTeam, renamedPlayer]))
        #expect(diff.migration.changes == [.renameColumn(QualifiedName("Team"), from: "id", to: "key")])
    }

    @Test("a sequence that changes its start or increment is altered, not dropped and made again")
    func sequences() {
        let old = DatabaseSequence(name: QualifiedName("counter"), start: 10, increment: 2)
        let new = DatabaseSequence(name: old.name, start: 15, increment: 3)
        let fresh = DatabaseSequence(name: QualifiedName("fresh"))
        let diff = SchemaDiffer().diff(from: Schema(sequences: [old]), to: Schema(sequences: [new, fresh]))
        #expect(diff.migration.changes == [.alterSequence(from: old, to: new), .createSequence(fresh)])
        #expect(SchemaDiffer().diff(from: Schema(sequences: [new, fresh]), to: Schema(sequences: [new])).migration.changes == [.dropSequence(fresh)])
    }
}
