import ArgumentParser
import Foundation
import Strata

/// `strata db seed [NAME] [--force]`, `strata db seed --generate users=10000,posts=50000 [--seed 42]`
struct DbSeed: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "seed",
        abstract: "Run the seeds in seeds/ that have not run yet, or generate realistic rows from the live schema.",
        discussion: """
            Seeds are .sql files in seeds/ (strata.toml's seeds_dir), run in name order, each in one transaction and \
            recorded, so running `db seed` again inserts nothing twice; `migrate reset` runs them all after the migrations.

            --generate fills tables with rows the schema accepts: unique columns unique, foreign keys pointing at \
            existing rows (referenced tables first), enum and check values honoured, varchar lengths kept, created \
            before updated. The same --seed on the same database gives the same rows. All tables in one transaction.

            Example: strata db seed --generate users=10000,posts=50000 --seed 42
            """)

    @OptionGroup var global: GlobalOptions

    @Argument(help: ArgumentHelp("Run only this seed (its file name, with or without .sql).", valueName: "name"))
    var name: String?

    @Flag(help: "Run seeds that ran before too, edited ones included.")
    var force = false

    @Option(help: ArgumentHelp("Generate rows instead: TABLE=ROWS pairs, comma-separated.", valueName: "tables"))
    var generate: String?

    @Option(help: ArgumentHelp("The random seed of --generate (default 42).", valueName: "number"))
    var seed: UInt64?

    @OptionGroup var output: OutputOptions

    func validate() throws {
        if generate == nil, seed != nil { throw ValidationError("--seed sets the random seed of --generate; give --generate TABLE=ROWS too") }
        if generate != nil, name != nil || force { throw ValidationError("--generate makes rows of its own: it takes no seed name and no --force") }
    }

    func run() async throws {
        let migrator = try global.migrator()
        let renderer = SeedRenderer(json: output.json)
        if let generate {
            let generation = try SeedGeneration(parsing: generate, seed: seed ?? 42)
            let report = try await migrator.generateSeedData(generation, events: renderer.show)
            renderer.render(report)
            return
        }
        renderer.render(try await migrator.seed(SeedOptions(force: force, only: name)))
    }
}
