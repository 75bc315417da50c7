import ArgumentParser
import Strata
import StrataPostgres
import StrataSQLite

/// `strata schema inspect [--from SOURCE] [--format prisma|sql] [--output FILE]`
struct Inspect: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "inspect",
        abstract: "Write the database's schema (or any source's) as schema.prisma or SQL, as `prisma db pull` does.",
        discussion: """
            The source is the configured database (--url, DATABASE_URL, strata.toml) unless --from names another: \
            a schema file or folder (.prisma, .sql), a migrations folder (built on a shadow database), or a database URL. \
            What Prisma cannot express (check constraints, expression and partial indexes, views, ...) is named in a comment at its model.
            """)

    @OptionGroup var global: GlobalOptions

    @Option(help: ArgumentHelp("The schema to read (default: the configured database).", valueName: "source"))
    var from: String?

    @Option(help: "The file's language: prisma or sql.")
    var format: SchemaFileFormat = .prisma

    @Option(help: ArgumentHelp("Write the file here instead of printing it.", valueName: "file"))
    var output: String?

    func run() async throws {
        let source: SchemaSourceSpec
        let migrator: Migrator
        if let from {
            source = try SchemaSourceSpec(argument: from)
            migrator = try Migrator(filesOf: global.filesConfiguration().declaringProvider(of: [source]), drivers: [.postgres, .sqlite])
        } else {
            migrator = try global.migrator()
            source = .database(migrator.configuration.url)
        }
        let file = try await migrator.inspect(source, format: format)
        guard let output else {
            Console.shared.partial(file.text)
            return
        }
        try file.write(to: output)
        let tables = format == .prisma ? counted(file.tables, "model") : counted(file.tables, "table")
        Console.shared.line("wrote \(output): \(tables), \(counted(file.enums, "enum"))")
    }
}

extension SchemaFileFormat: ExpressibleByArgument {}
