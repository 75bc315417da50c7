import Foundation
import ArgumentParser
import Strata

/// `strata migrate new --name add_user_bio`, or `--recipe NAME ...`
struct New: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "new",
        abstract: "Create migrations/<timestamp>_<name>/ with empty migration.sql and down.sql, or a zero-downtime recipe's steps.",
        discussion: """
            Recipes (PostgreSQL) write a change that is unsafe as one migration on a big, busy table as \
            separate migrations and a data/ backfill, each saying when it deploys relative to the application:
            """ + "\n" + Recipe.allCases.map { "  \($0.rawValue): \($0.summary) (\($0.requiredOptions.joined(separator: " ")))" }
            .joined(separator: "\n")
            + "\n\nExample: strata migrate new --recipe add-required-column --table users --column role --type text --default \"'USER'\"")

    @OptionGroup var global: GlobalOptions

    @Option(help: ArgumentHelp("What the migration does, e.g. add_user_bio.", valueName: "name"))
    var name: String?

    @Option(help: ArgumentHelp("Write a zero-downtime recipe's steps instead: " + Recipe.allCases.map(\.rawValue).joined(separator: ", ") + ".", valueName: "recipe"))
    var recipe: String?

    @OptionGroup var recipeOptions: RecipeOptions

    func run() async throws {
        let migrator = try global.filesMigrator()
        if let recipe {
            guard name == nil else { throw ValidationError("give --name or --recipe, not both: a recipe names its own steps") }
            try write(recipe, with: migrator)
            return
        }
        guard let name else { throw ValidationError("give --name NAME (what the migration does, e.g. add_user_bio), or --recipe") }
        let migration = try migrator.newMigration(named: name)
        Console.shared.line("created \(migration.up.path)")
        Console.shared.line("created \(migration.down?.path ?? "")")
        Console.shared.line("Write the SQL, then run `strata migrate deploy`: strata.sum records it while it is applied nowhere.")
    }

    private func write(_ recipeName: String, with migrator: Migrator) throws {
        guard let recipe = Recipe(rawValue: recipeName) else {
            let guess = Recipe.allCases.map(\.rawValue).closest(to: recipeName)
            throw ValidationError("there is no recipe `\(recipeName)`" + (guess.map { " (did you mean `\($0)`?)" } ?? "")
                + "; recipes: " + Recipe.allCases.map(\.rawValue).joined(separator: ", "))
        }
        let files = try migrator.newRecipe(try recipeOptions.request(recipe))
        let console = Console.shared
        console.line("\(recipe.rawValue): \(counted(files.count, "step")), deployed in this order:")
        for file in files {
            console.line("  \(file.step). \(file.path)")
            console.line(console.paint("     deploy \(file.when)", .dim))
        }
        console.line(files.contains(where: \.isDataMigration)
            ? "Review each file. `strata migrate deploy` runs the schema steps it has reached; `strata data run` the backfill."
            : "Review each file, then run `strata migrate deploy`.")
    }
}

/// `migrate new --recipe`'s options.
struct RecipeOptions: ParsableArguments {
    @Option(help: ArgumentHelp("The table (recipes).", valueName: "table"))
    var table: String?

    @Option(help: ArgumentHelp("The column (add-required-column, rename-column, change-column-type).", valueName: "column"))
    var column: String?

    @Option(help: ArgumentHelp("The column's new name (rename-column).", valueName: "name"))
    var to: String?

    @Option(help: ArgumentHelp("The column's type, e.g. text or bigint.", valueName: "sql"))
    var type: String?

    @Option(name: .customLong("default"), help: ArgumentHelp("The new column's default, e.g. \"'USER'\" (add-required-column).", valueName: "sql"))
    var defaultValue: String?

    @Option(help: ArgumentHelp("How existing rows get their value, as SQL over the row (add-required-column, change-column-type).", valueName: "sql"))
    var using: String?

    @Option(help: ArgumentHelp("Columns, comma-separated (add-index, add-unique, add-foreign-key).", valueName: "columns"))
    var columns: String?

    @Option(help: ArgumentHelp("The referenced table, with its columns: users or users(id) (add-foreign-key).", valueName: "table"))
    var references: String?

    @Option(name: .customLong("on-delete"), help: ArgumentHelp("ON DELETE of the foreign key: cascade, set null, restrict, no action.", valueName: "action"))
    var onDelete: String?

    @Option(help: ArgumentHelp("The condition (add-check).", valueName: "sql"))
    var check: String?

    @Option(name: .customLong("constraint-name"), help: ArgumentHelp("The index's or constraint's name (default: Strata's).", valueName: "name"))
    var constraintName: String?

    func request(_ recipe: Recipe) throws -> RecipeRequest {
        guard let table else { throw ValidationError("the \(recipe.rawValue) recipe needs " + recipe.requiredOptions.joined(separator: ", ")) }
        var referenced: TableReference?
        var referencedColumns: [String] = []
        if let references {
            let parts = references.split(separator: "(", maxSplits: 1)
            referenced = TableReference(qualified: String(parts[0]).trimmingCharacters(in: .whitespaces))
            if parts.count == 2 { referencedColumns = Self.list(String(parts[1].dropLast(parts[1].hasSuffix(")") ? 1 : 0))) }
        }
        if let onDelete, !["cascade", "set null", "set default", "restrict", "no action"].contains(onDelete.lowercased()) {
            throw ValidationError("--on-delete takes cascade, set null, set default, restrict or no action, not \"\(onDelete)\"")
        }
        return RecipeRequest(
            recipe: recipe, table: TableReference(qualified: table), column: column, newName: to, type: type,
            defaultValue: defaultValue, using: using, columns: columns.map(Self.list) ?? [], references: referenced,
            referencedColumns: referencedColumns, onDelete: onDelete, check: check, name: constraintName)
    }

    private static func list(_ text: String) -> [String] {
        text.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }
}
