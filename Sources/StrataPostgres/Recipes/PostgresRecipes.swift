import Strata

/// PostgreSQL's zero-downtime recipes: each step takes its locks briefly
/// (under the migration's `lock_timeout`, retried), never holding one while
/// it reads or rewrites the table.
struct PostgresRecipes: RecipeWriting {
    let dialect = PostgresDialect()

    func steps(for request: RecipeRequest) throws -> [RecipeStep] {
        let names = RecipeNames(request: request, dialect: dialect)
        switch request.recipe {
        case .addRequiredColumn: return try addRequiredColumn(request, names)
        case .renameColumn: return try renameColumn(request, names)
        case .changeColumnType: return try changeColumnType(request, names)
        case .addIndex: return try addIndex(request, names, unique: false).steps
        case .addUnique: return try addUnique(request, names)
        case .addForeignKey: return try addForeignKey(request, names)
        case .addCheck: return try addCheck(request, names)
        }
    }

    // MARK: - add-required-column

    private func addRequiredColumn(_ request: RecipeRequest, _ names: RecipeNames) throws -> [RecipeStep] {
        let column = try names.required(request.column, "--column")
        let type = try names.required(request.type, "--type")
        let defaultValue = try names.required(request.defaultValue, "--default")
        let table = names.table, quoted = dialect.quoteIdentifier(column)
        let check = dialect.quoteIdentifier(request.name ?? "\(request.table.name)_\(column)_not_null")
        let base = "\(request.table.name)_\(column)"
        return [
            RecipeStep(slug: "add_\(base)_expand", when: "before the release that writes \(column)", content: .schema(
                up: """
                    -- The column is added without a default, so existing rows stay as they are (no rewrite,
                    -- a brief lock); the default then applies to new rows only.
                    -- (A constant default could also be written as ADD COLUMN ... NOT NULL DEFAULT, which
                    -- PostgreSQL 11+ does without a rewrite; this recipe also covers values computed per row.)
                    ALTER TABLE \(table) ADD COLUMN \(quoted) \(type);
                    ALTER TABLE \(table) ALTER COLUMN \(quoted) SET DEFAULT \(defaultValue);
                    """,
                down: "ALTER TABLE \(table) DROP COLUMN \(quoted);")),
            RecipeStep(slug: "backfill_\(base)", when: "after the release that writes \(column) is deployed everywhere", content: .backfill(
                Backfill(table: request.table, set: "\(quoted) = \(request.using ?? defaultValue)", where: "\(quoted) IS NULL",
                         batching: .duration(.milliseconds(200))))),
            RecipeStep(slug: "add_\(base)_check", when: "after the backfill (`strata data run`) completed", content: .schema(
                up: """
                    -- NOT VALID: enforced for new writes at once, without reading the table (a brief lock).
                    ALTER TABLE \(table) ADD CONSTRAINT \(check) CHECK (\(quoted) IS NOT NULL) NOT VALID;
                    """,
                down: "ALTER TABLE \(table) DROP CONSTRAINT \(check);")),
            RecipeStep(slug: "validate_\(base)_check", when: "after the check is deployed", content: .schema(
                up: """
                    -- Reads the table under SHARE UPDATE EXCLUSIVE: reads and writes go on.
                    ALTER TABLE \(table) VALIDATE CONSTRAINT \(check);
                    """,
                down: "-- Validating changed nothing to undo.")),
            RecipeStep(slug: "set_\(base)_not_null", when: "after the check is validated", content: .schema(
                up: """
                    -- The validated check proves no row is NULL, so SET NOT NULL does not read the
                    -- table (PostgreSQL 12+): a brief lock. The check is then redundant.
                    ALTER TABLE \(table) ALTER COLUMN \(quoted) SET NOT NULL;
                    -- strata:lint-ignore ban-drop-constraint the column's NOT NULL now enforces what the check did
                    ALTER TABLE \(table) DROP CONSTRAINT \(check);
                    """,
                down: """
                    ALTER TABLE \(table) ADD CONSTRAINT \(check) CHECK (\(quoted) IS NOT NULL) NOT VALID;
                    ALTER TABLE \(table) ALTER COLUMN \(quoted) DROP NOT NULL;
                    """)),
        ]
    }

    // MARK: - rename-column and change-column-type

    private func renameColumn(_ request: RecipeRequest, _ names: RecipeNames) throws -> [RecipeStep] {
        let old = try names.required(request.column, "--column")
        let new = try names.required(request.newName, "--to")
        let type = try names.required(request.type, "--type")
        let table = names.table
        let sync = names.function("\(request.table.name)_\(old)_\(new)_sync")
        let trigger = dialect.quoteIdentifier("\(request.table.name)_\(old)_\(new)_sync")
        let (o, n) = (dialect.quoteIdentifier(old), dialect.quoteIdentifier(new))
        let base = "\(request.table.name)_\(old)_to_\(new)"
        return [
            RecipeStep(slug: "rename_\(base)_expand", when: "before the release that reads \(new)", content: .schema(
                up: """
                    -- Both names work from here on: a trigger copies each write of one column into the other.
                    ALTER TABLE \(table) ADD COLUMN \(n) \(type);
                    \(syncFunction(sync, table: table, old: o, new: n, toNew: "NEW.\(o)", toOld: "NEW.\(n)"))
                    CREATE TRIGGER \(trigger) BEFORE INSERT OR UPDATE ON \(table)
                        FOR EACH ROW EXECUTE FUNCTION \(sync)();
                    """,
                down: """
                    DROP TRIGGER \(trigger) ON \(table);
                    DROP FUNCTION \(sync)();
                    ALTER TABLE \(table) DROP COLUMN \(n);
                    """)),
            RecipeStep(slug: "backfill_\(base)", when: "after the expand step; the release may read \(new) once it completed", content: .backfill(
                Backfill(table: request.table, set: "\(n) = \(o)", where: "\(n) IS DISTINCT FROM \(o)", batching: .duration(.milliseconds(200))))),
            RecipeStep(slug: "rename_\(base)_contract", when: "after no deployed release reads or writes \(old)", content: .schema(
                up: """
                    -- strata:lint-ignore ban-drop-column the contract step of rename-column: no release uses \(old) any more
                    DROP TRIGGER \(trigger) ON \(table);
                    DROP FUNCTION \(sync)();
                    ALTER TABLE \(table) DROP COLUMN \(o);
                    """,
                down: """
                    ALTER TABLE \(table) ADD COLUMN \(o) \(type);
                    UPDATE \(table) SET \(o) = \(n);
                    """)),
        ]
    }

    private func changeColumnType(_ request: RecipeRequest, _ names: RecipeNames) throws -> [RecipeStep] {
        let column = try names.required(request.column, "--column")
        let type = try names.required(request.type, "--type")
        let table = names.table
        let temporary = "\(column)_new"
        let (o, n) = (dialect.quoteIdentifier(column), dialect.quoteIdentifier(temporary))
        let convert = request.using ?? "\(o)::\(type)"
        // The conversion is written over the table's columns: evaluated over the row being written.
        let newValue = "(SELECT \(convert) FROM (SELECT NEW.*) AS \(dialect.quoteIdentifier(request.table.name)))"
        let sync = names.function("\(request.table.name)_\(column)_retype_sync")
        let trigger = dialect.quoteIdentifier("\(request.table.name)_\(column)_retype_sync")
        let base = "\(request.table.name)_\(column)_type"
        return [
            RecipeStep(slug: "change_\(base)_expand", when: "with the current release still running: nothing it does changes", content: .schema(
                up: """
                    -- The new type in a column of its own, kept equal to the old one by a trigger.
                    ALTER TABLE \(table) ADD COLUMN \(n) \(type);
                    CREATE FUNCTION \(sync)() RETURNS trigger LANGUAGE plpgsql AS $strata$
                    BEGIN
                        NEW.\(n) := \(newValue);
                        RETURN NEW;
                    END
                    $strata$;
                    CREATE TRIGGER \(trigger) BEFORE INSERT OR UPDATE ON \(table)
                        FOR EACH ROW EXECUTE FUNCTION \(sync)();
                    """,
                down: """
                    DROP TRIGGER \(trigger) ON \(table);
                    DROP FUNCTION \(sync)();
                    ALTER TABLE \(table) DROP COLUMN \(n);
                    """)),
            RecipeStep(slug: "backfill_\(base)", when: "after the expand step", content: .backfill(
                Backfill(table: request.table, set: "\(n) = \(convert)", where: "\(n) IS DISTINCT FROM \(convert)",
                         batching: .duration(.milliseconds(200))))),
            RecipeStep(slug: "change_\(base)_swap", when: "after the backfill completed, before a release that relies on the new type", content: .schema(
                up: """
                    -- One transaction, brief locks: the new column takes the old one's name, so every
                    -- query keeps working. Add back what the old column had (NOT NULL, default,
                    -- indexes) on the new one first if needed: see the recipes for indexes and NOT NULL.
                    -- strata:lint-ignore ban-drop-column the swap step of change-column-type: the values live on in \(temporary)
                    DROP TRIGGER \(trigger) ON \(table);
                    DROP FUNCTION \(sync)();
                    ALTER TABLE \(table) DROP COLUMN \(o);
                    -- strata:lint-ignore renaming-column the swap step of change-column-type: the name is the old one's
                    ALTER TABLE \(table) RENAME COLUMN \(n) TO \(o);
                    """,
                down: "-- The old values are gone: restore them from the backup `migrate deploy` took before this ran.")),
        ]
    }

    /// A trigger function that copies each write of one column into the other.
    private func syncFunction(_ name: String, table: String, old: String, new: String, toNew: String, toOld: String) -> String {
        """
        CREATE FUNCTION \(name)() RETURNS trigger LANGUAGE plpgsql AS $strata$
        BEGIN
            IF TG_OP = 'INSERT' THEN
                IF NEW.\(new) IS NULL THEN NEW.\(new) := \(toNew); END IF;
                IF NEW.\(old) IS NULL THEN NEW.\(old) := \(toOld); END IF;
            ELSIF NEW.\(old) IS DISTINCT FROM OLD.\(old) THEN
                NEW.\(new) := \(toNew);
            ELSIF NEW.\(new) IS DISTINCT FROM OLD.\(new) THEN
                NEW.\(old) := \(toOld);
            END IF;
            RETURN NEW;
        END
        $strata$;
        """
    }

    // MARK: - indexes and constraints

    private func addIndex(_ request: RecipeRequest, _ names: RecipeNames, unique: Bool) throws -> (steps: [RecipeStep], index: String) {
        let columns = try names.columns(request.columns)
        let index = names.index(unique: unique)
        let quoted = dialect.quoteIdentifier(index)
        let step = RecipeStep(slug: "add_\(index)", when: "any time: nothing a release does changes", content: .schema(
            up: """
                -- strata:transaction off
                -- CONCURRENTLY builds the index while reads and writes go on. A build that failed (or was
                -- stopped) leaves an INVALID index of this name behind, which IF NOT EXISTS would keep:
                -- this migration makes the index, so one by its name can only be such a leftover.
                DROP INDEX CONCURRENTLY IF EXISTS \(names.qualifiedIndex(quoted));
                CREATE \(unique ? "UNIQUE " : "")INDEX CONCURRENTLY \(quoted) ON \(names.table) (\(columns));
                """,
            down: """
                -- strata:transaction off
                DROP INDEX CONCURRENTLY IF EXISTS \(names.qualifiedIndex(quoted));
                """))
        return ([step], index)
    }

    private func addUnique(_ request: RecipeRequest, _ names: RecipeNames) throws -> [RecipeStep] {
        let (build, index) = try addIndex(request, names, unique: true)
        let constraint = dialect.quoteIdentifier(request.name ?? index)
        return build + [
            RecipeStep(slug: "add_\(request.name ?? index)_constraint", when: "after the index is built", content: .schema(
                up: """
                    -- The constraint takes over the index built concurrently: no scan, a brief lock.
                    ALTER TABLE \(names.table) ADD CONSTRAINT \(constraint) UNIQUE USING INDEX \(dialect.quoteIdentifier(index));
                    """,
                down: "ALTER TABLE \(names.table) DROP CONSTRAINT \(constraint);")),
        ]
    }

    private func addForeignKey(_ request: RecipeRequest, _ names: RecipeNames) throws -> [RecipeStep] {
        let columns = try names.columns(request.columns)
        guard let references = request.references else { throw names.missing("--references") }
        let referenced = request.referencedColumns.isEmpty ? "" : " (\(try names.columns(request.referencedColumns)))"
        let name = request.name ?? "\(request.table.name)_\(request.columns.joined(separator: "_"))_fkey"
        let constraint = dialect.quoteIdentifier(name)
        let onDelete = request.onDelete.map { " ON DELETE \($0.uppercased())" } ?? ""
        return [
            RecipeStep(slug: "add_\(name)", when: "after releases write only rows whose \(request.columns.joined(separator: ", ")) exist in \(references)", content: .schema(
                up: """
                    -- NOT VALID: enforced for new writes at once, without reading either table (brief locks).
                    -- An index on \(request.columns.joined(separator: ", ")) keeps deletes in \(references) fast: see the add-index recipe.
                    ALTER TABLE \(names.table) ADD CONSTRAINT \(constraint) FOREIGN KEY (\(columns))
                        REFERENCES \(dialect.qualified(references))\(referenced)\(onDelete) NOT VALID;
                    """,
                down: "ALTER TABLE \(names.table) DROP CONSTRAINT \(constraint);")),
            RecipeStep(slug: "validate_\(name)", when: "after the constraint is deployed (fix rows that break it first)", content: .schema(
                up: """
                    -- Checks the existing rows under SHARE UPDATE EXCLUSIVE: reads and writes go on.
                    ALTER TABLE \(names.table) VALIDATE CONSTRAINT \(constraint);
                    """,
                down: "-- Validating changed nothing to undo.")),
        ]
    }

    private func addCheck(_ request: RecipeRequest, _ names: RecipeNames) throws -> [RecipeStep] {
        let check = try names.required(request.check, "--check")
        let name = request.name ?? "\(request.table.name)_check"
        let constraint = dialect.quoteIdentifier(name)
        return [
            RecipeStep(slug: "add_\(name)", when: "after releases write only rows that pass it", content: .schema(
                up: """
                    -- NOT VALID: enforced for new writes at once, without reading the table (a brief lock).
                    ALTER TABLE \(names.table) ADD CONSTRAINT \(constraint) CHECK (\(check)) NOT VALID;
                    """,
                down: "ALTER TABLE \(names.table) DROP CONSTRAINT \(constraint);")),
            RecipeStep(slug: "validate_\(name)", when: "after the check is deployed (fix rows that break it first)", content: .schema(
                up: """
                    -- Reads the table under SHARE UPDATE EXCLUSIVE: reads and writes go on.
                    ALTER TABLE \(names.table) VALIDATE CONSTRAINT \(constraint);
                    """,
                down: "-- Validating changed nothing to undo.")),
        ]
    }
}

/// The names a recipe writes, quoted through the dialect.
private struct RecipeNames {
    let request: RecipeRequest
    let dialect: PostgresDialect

    var table: String { dialect.qualified(request.table) }

    /// An index lives in its table's schema.
    func qualifiedIndex(_ quoted: String) -> String {
        request.table.schema.map { dialect.quoteIdentifier($0) + "." + quoted } ?? quoted
    }

    func function(_ name: String) -> String {
        qualifiedIndex(dialect.quoteIdentifier(name))
    }

    func index(unique: Bool) -> String {
        request.name.map { unique ? $0 + "_idx" : $0 }
            ?? "\(request.table.name)_\(request.columns.joined(separator: "_"))_\(unique ? "key" : "idx")"
    }

    func columns(_ columns: [String]) throws -> String {
        guard !columns.isEmpty else { throw missing("--columns") }
        return columns.map(dialect.quoteIdentifier).joined(separator: ", ")
    }

    func required(_ value: String?, _ option: String) throws -> String {
        guard let value, !value.isEmpty else { throw missing(option) }
        return value
    }

    func missing(_ option: String) -> RefusalError {
        RefusalError(
            "the \(request.recipe.rawValue) recipe needs \(option)",
            nextStep: "give " + request.recipe.requiredOptions.joined(separator: ", "))
    }
}
