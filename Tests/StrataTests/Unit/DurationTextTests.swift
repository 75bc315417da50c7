import Strata
import Testing

extension Unit {
    /// Durations as people write them, and as Strata prints them.
    @Suite("Durations")
    struct DurationTextTests {
        @Test("parse understands bare seconds and ms, s, m, h suffixes", arguments: [
            ("60", Duration.seconds(60)), ("90s", .seconds(90)), ("1.5s", .milliseconds(1500)),
            ("500ms", .milliseconds(500)), ("2m", .seconds(120)), ("2 minutes", .seconds(120)),
            ("1h", .seconds(3600)), ("  10 SEC ", .seconds(10)), ("0", .zero),
        ])
        func parses(_ text: String, expected: Duration) {
            #expect(DurationText.parse(text) == expected)
        }

        @Test("parse refuses anything else", arguments: ["", "soon", "-5s", "5 days", "1.2.3s", "s", "ms5"])
        func refuses(_ text: String) {
            #expect(DurationText.parse(text) == nil)
        }

        @Test("formattedSeconds shows milliseconds below a second, else seconds to a tenth", arguments: [
            (Duration.zero, "0 ms"), (.milliseconds(850), "850 ms"), (.milliseconds(999), "999 ms"),
            (.seconds(1), "1 s"), (.milliseconds(1200), "1.2 s"), (.milliseconds(1249), "1.2 s"),
            (.milliseconds(1250), "1.3 s"), (.seconds(60), "60 s"), (.milliseconds(61_500), "61.5 s"),
        ])
        func formatted(_ duration: Duration, expected: String) {
            #expect(duration.formattedSeconds == expected)
        }

        @Test("milliseconds rounds down")
        func milliseconds() {
            #expect(Duration.microseconds(1999).milliseconds == 1)
            #expect(Duration.seconds(3).milliseconds == 3000)
        }
    }
}
