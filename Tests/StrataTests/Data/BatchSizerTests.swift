@testable import Strata
import Testing

/// How `--batch-time` sizes batches, on measured durations (no database, no clock).
@Suite("Batch sizer")
struct BatchSizerTests {
    @Test("a batch that is fast grows the next, by at most double; a slow one shrinks it, by at most half")
    func adapts() {
        var sizer = BatchSizer(.duration(.milliseconds(200)))
        #expect(sizer.size == 1_000)
        sizer.record(rows: 1_000, took: .milliseconds(20))
        #expect(sizer.size == 2_000, "ten times too fast: doubled, not ten times")
        sizer.record(rows: 2_000, took: .milliseconds(160))
        #expect(sizer.size == 2_500, "a fifth too fast: a quarter more")
        sizer.record(rows: 2_500, took: .seconds(2))
        #expect(sizer.size == 1_250, "ten times too slow: halved")
        sizer.record(rows: 10, took: .milliseconds(1))
        #expect(sizer.size == 1_250, "a short last batch says nothing about the pace")
    }

    @Test("a fixed size stays fixed, and halving stops at one row")
    func fixed() {
        var sizer = BatchSizer(.rows(3))
        sizer.record(rows: 3, took: .seconds(10))
        #expect(sizer.size == 3)
        let halved = sizer.halve()
        #expect(halved && sizer.size == 1)
        let again = sizer.halve()
        #expect(!again)
    }
}
