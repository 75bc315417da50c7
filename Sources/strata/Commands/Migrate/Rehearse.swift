import ArgumentParser
import Strata

/// `strata migrate rehearse --rows users=10000000`
struct Rehearse: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rehearse",
        abstract: "Time the pending migrations on a shadow database filled with production-like volume, with the locks each held.",
        discussion: """
            Builds a shadow database from the migrations the database has applied, fills it with generated rows \
            (as `db seed --generate` makes them), and applies the pending migrations there as deploy would: each \
            one's time and, on PostgreSQL, the table locks it held and for how long. The database itself is only \
            read; the shadow is dropped. A migration that takes 2 seconds on 100 rows may take 2 hours on 10 M.

            Example: strata migrate rehearse --rows users=10000000,posts=20000000
            """)

    @OptionGroup var global: GlobalOptions

    @Option(help: ArgumentHelp("The rows to fill the shadow with: TABLE=ROWS pairs, comma-separated.", valueName: "tables"))
    var rows: String

    @Option(help: ArgumentHelp("The random seed of the generated rows (default 42).", valueName: "number"))
    var seed: UInt64 = 42

    @OptionGroup var output: OutputOptions

    func run() async throws {
        let migrator = try global.migrator()
        let renderer = RehearsalRenderer(json: output.json)
        let options = RehearsalOptions(rows: try SeedGeneration(parsing: rows, seed: seed))
        let report = try await migrator.rehearse(options, events: renderer.show)
        renderer.render(report)
    }
}
