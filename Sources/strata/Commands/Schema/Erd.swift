import ArgumentParser
import Foundation
import Strata
import StrataPostgres
import StrataSQLite

/// `strata schema erd --from prisma/schema.prisma --format svg --output schema.svg`
struct Erd: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "erd",
        abstract: "Draw a schema's tables and foreign keys as an entity-relationship diagram.",
        discussion: """
            SOURCE is a schema file or folder (.prisma, .sql), a migrations folder, or a database URL; by default the \
            project's schema.prisma (schema.prisma, prisma/schema.prisma, prisma/schema/), else the configured database. \
            Migrations and SQL schemas are built on a shadow database next to the configured one. \
            Prisma's implicit many-to-many tables are drawn as many-to-many relationships. --format svg needs Graphviz's `dot`.
            """)

    @OptionGroup var global: GlobalOptions

    @Option(help: ArgumentHelp("The schema to draw (default: the project's schema.prisma, else the configured database).", valueName: "source"))
    var from: String?

    @Option(help: ArgumentHelp("mermaid (an erDiagram), dot (Graphviz) or svg (drawn by Graphviz's dot).", valueName: "format"))
    var format: DiagramFormat = .mermaid

    @Option(help: ArgumentHelp("Write the diagram to this file instead of standard output.", valueName: "file"))
    var output: String?

    func run() async throws {
        let source = try from.map { try SchemaSourceSpec(argument: $0) } ?? projectSource()
        let configuration = try global.filesConfiguration().declaringProvider(of: [source])
        let migrator = try Migrator(filesOf: configuration, drivers: [.postgres, .sqlite])
        let text = try await format.render(SchemaDiagram(try await migrator.readSchema(source)))
        guard let output else {
            Console.shared.partial(text)
            return
        }
        do {
            try Data(text.utf8).write(to: URL(fileURLWithPath: output))
        } catch {
            throw ConfigurationError("\(output) cannot be written: \(error.localizedDescription)", nextStep: "pass --output a file in a folder you may write to")
        }
        Console.shared.note("wrote \(output) (\(format.rawValue) diagram of \(source))")
    }

    /// The project's schema file, else its configured database.
    private func projectSource() throws -> SchemaSourceSpec {
        let configuration = try global.configuration()
        if let schema = try SchemaFile.locate(explicit: nil, configured: configuration.schemaFile, in: FileManager.default.currentDirectoryPath) {
            return schema
        }
        guard configuration.urlSource != .embeddedDefault else {
            throw ConfigurationError(
                "no schema here (looked for \(SchemaFile.defaultLocations.joined(separator: ", "))) and no database is configured",
                nextStep: "pass --from with a schema file or folder, a migrations folder or a database URL, or set DATABASE_URL")
        }
        return .database(configuration.url)
    }
}

extension DiagramFormat: ExpressibleByArgument {}
