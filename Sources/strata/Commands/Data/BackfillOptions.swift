import ArgumentParser
import Strata

/// How a backfill batches and throttles: `strata data backfill`'s options.
struct BackfillOptions: ParsableArguments {
    @Option(name: .customLong("batch-size"), help: ArgumentHelp("Rows per batch (default 1000).", valueName: "rows"))
    var batchSize: Int?

    @Option(name: .customLong("batch-time"), help: ArgumentHelp(
        "Size batches to take about this long instead, e.g. 200ms (learned batch by batch).", valueName: "duration"))
    var batchTime: String?

    @Option(help: ArgumentHelp("Rest between batches, e.g. 50ms (default none).", valueName: "duration"))
    var pause: String?

    @Option(name: .customLong("max-lag"), help: ArgumentHelp(
        "Wait while a streaming replica replays more than this behind (PostgreSQL; default 5s; 0 does not look).",
        valueName: "duration"))
    var maxLag: String?

    @Option(name: .customLong("statement-timeout"), help: ArgumentHelp(
        "Cancel a batch's statement after this long; it is retried at half the size (default 30s).", valueName: "duration"))
    var statementTimeout: String?

    @Option(name: .customLong("lock-timeout"), help: ArgumentHelp(
        "How long a batch waits for rows another transaction holds before it is rolled back and retried (default 2s).",
        valueName: "duration"))
    var lockTimeout: String?

    func batching() throws -> Backfill.Batching {
        if let batchTime {
            guard batchSize == nil else { throw ValidationError("give --batch-size or --batch-time, not both") }
            return .duration(try Self.duration(batchTime, option: "--batch-time"))
        }
        if let batchSize {
            guard batchSize > 0 else { throw ValidationError("--batch-size takes a number of rows above 0") }
            return .rows(batchSize)
        }
        return .rows(Backfill.defaultBatchSize)
    }

    /// The options applied over a backfill (a file's settings, or the defaults).
    func applied(to backfill: Backfill) throws -> Backfill {
        var backfill = backfill
        if batchSize != nil || batchTime != nil { backfill.batching = try batching() }
        if let pause { backfill.pause = try Self.duration(pause, option: "--pause") }
        if let maxLag {
            let limit = try Self.duration(maxLag, option: "--max-lag")
            backfill.maxReplicationLag = limit == .zero ? nil : limit
        }
        if let statementTimeout { backfill.statementTimeout = try Self.duration(statementTimeout, option: "--statement-timeout") }
        if let lockTimeout { backfill.lockTimeout = try Self.duration(lockTimeout, option: "--lock-timeout") }
        return backfill
    }

    static func duration(_ text: String, option: String) throws -> Duration {
        guard let duration = DurationText.parse(text) else {
            throw ValidationError("\(option) takes seconds or a duration such as 200ms, 5s or 2m, not \"\(text)\"")
        }
        return duration
    }
}
