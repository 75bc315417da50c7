import ArgumentParser

/// `strata schema ...`
struct SchemaCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "schema",
        abstract: "Read a schema: as a diagram, or (inspect) as a schema file.",
        subcommands: [Inspect.self, Erd.self])
}
