import ArgumentParser

/// `strata db ...`
struct DbCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "db",
        abstract: "The database's data: seeds and generated rows.",
        subcommands: [DbSeed.self])
}
