/// A zero-downtime recipe: a change that is unsafe as one migration on a
/// big, busy table, written instead as expand / backfill / contract steps,
/// each safe on its own, in the order they deploy around the application.
public enum Recipe: String, Sendable, CaseIterable {
    /// Add nullable, backfill, `CHECK (...) NOT VALID`, `VALIDATE`, `SET NOT NULL`.
    case addRequiredColumn = "add-required-column"
    /// A new column kept in sync by a trigger, backfilled, the old one dropped later.
    case renameColumn = "rename-column"
    /// The same pattern as a rename, into a column of the new type, swapped in at the end.
    case changeColumnType = "change-column-type"
    /// `CREATE INDEX CONCURRENTLY`, after removing what a failed build left.
    case addIndex = "add-index"
    /// `FOREIGN KEY ... NOT VALID`, then `VALIDATE CONSTRAINT`.
    case addForeignKey = "add-foreign-key"
    /// A unique index built concurrently, then the constraint `USING INDEX`.
    case addUnique = "add-unique"
    /// `CHECK ... NOT VALID`, then `VALIDATE CONSTRAINT`.
    case addCheck = "add-check"

    /// What it makes safe, for `--help` and docs.
    public var summary: String {
        switch self {
        case .addRequiredColumn: "a NOT NULL column on a table with rows: add nullable, backfill, check NOT VALID, validate, SET NOT NULL"
        case .renameColumn: "a column renamed while both names are in use: new column, sync trigger, backfill, drop the old one later"
        case .changeColumnType: "a type change that would rewrite the table: new column, sync trigger, backfill, swap"
        case .addIndex: "an index built without blocking writes (CONCURRENTLY)"
        case .addForeignKey: "a foreign key without a long lock: NOT VALID, then VALIDATE"
        case .addUnique: "a unique constraint from an index built CONCURRENTLY"
        case .addCheck: "a check constraint without a long lock: NOT VALID, then VALIDATE"
        }
    }

    /// The options each recipe needs, as `strata migrate new --recipe` names them.
    public var requiredOptions: [String] {
        switch self {
        case .addRequiredColumn: ["--table", "--column", "--type", "--default"]
        case .renameColumn: ["--table", "--column", "--to", "--type"]
        case .changeColumnType: ["--table", "--column", "--type"]
        case .addIndex, .addUnique: ["--table", "--columns"]
        case .addForeignKey: ["--table", "--columns", "--references"]
        case .addCheck: ["--table", "--check"]
        }
    }
}

/// What a recipe is asked to change.
public struct RecipeRequest: Sendable, Equatable {
    public var recipe: Recipe
    public var table: TableReference
    /// The column (add-required-column, rename-column, change-column-type).
    public var column: String?
    /// The new name (rename-column).
    public var newName: String?
    /// The column's type, as SQL (`text`, `bigint`, `varchar(200)`).
    public var type: String?
    /// The default for new rows and the value for existing ones, as SQL (`'USER'`).
    public var defaultValue: String?
    /// How existing rows get the new value, as SQL over the row; defaults to
    /// the default (add-required-column) or the old column (`"amount"::bigint`).
    public var using: String?
    /// The columns of an index, unique constraint or foreign key.
    public var columns: [String]
    /// The referenced table and columns (add-foreign-key).
    public var references: TableReference?
    public var referencedColumns: [String]
    /// `ON DELETE` of a foreign key (`cascade`, `set null`, `restrict`, ...).
    public var onDelete: String?
    /// The check's condition (add-check).
    public var check: String?
    /// The name of the index or constraint; `nil` takes Strata's.
    public var name: String?

    public init(
        recipe: Recipe, table: TableReference, column: String? = nil, newName: String? = nil, type: String? = nil,
        defaultValue: String? = nil, using: String? = nil, columns: [String] = [], references: TableReference? = nil,
        referencedColumns: [String] = [], onDelete: String? = nil, check: String? = nil, name: String? = nil
    ) {
        self.recipe = recipe
        self.table = table
        self.column = column
        self.newName = newName
        self.type = type
        self.defaultValue = defaultValue
        self.using = using
        self.columns = columns
        self.references = references
        self.referencedColumns = referencedColumns
        self.onDelete = onDelete
        self.check = check
        self.name = name
    }
}

/// One step of a recipe: a schema migration or a data migration (a backfill).
public struct RecipeStep: Sendable {
    /// The file's name after its timestamp, e.g. `add_users_role_expand`.
    public var slug: String
    /// When it deploys relative to the application, said at the top of its file.
    public var when: String
    public var content: Content

    public enum Content: Sendable {
        /// `migration.sql` and `down.sql`.
        case schema(up: String, down: String)
        /// A `data/` backfill.
        case backfill(Backfill)
    }

    public init(slug: String, when: String, content: Content) {
        self.slug = slug
        self.when = when
        self.content = content
    }
}

/// Writes a recipe's steps in a database's SQL: a driver capability.
public protocol RecipeWriting: Sendable {
    /// The steps, in deploy order.
    ///
    /// - Throws: ``RefusalError`` when an option the recipe needs is missing.
    func steps(for request: RecipeRequest) throws -> [RecipeStep]
}
