import Foundation
@testable import Strata
import Testing

extension Unit {
    /// Timestamp texts as databases hand them back, always UTC.
    @Suite("Timestamp")
    struct TimestampTests {
        /// 2024-01-15 12:00:00 UTC.
        static let noon = Date(timeIntervalSince1970: 1_705_320_000)

        @Test("parse reads the forms PostgreSQL and SQLite produce", arguments: [
            ("2024-01-15 12:00:00", 0.0), ("2024-01-15T12:00:00", 0), ("2024-01-15T12:00:00Z", 0),
            ("2024-01-15 12:00:00.5", 0.5), ("2024-01-15 12:00:00.123456", 0.123456),
            ("2024-01-15 14:00:00+02", 0), ("2024-01-15 17:30:00+05:30", 0), ("2024-01-15 07:00:00-05:00", 0),
            ("2024-01-15 12:00:00.250+00", 0.25), ("2024-01-15 09:15:00-0245", 0),
        ])
        func parses(_ text: String, fraction: Double) throws {
            let date = try #require(Timestamp.parse(text))
            #expect(abs(date.timeIntervalSince1970 - (Self.noon.timeIntervalSince1970 + fraction)) < 0.000_001)
        }

        @Test("parse refuses other texts", arguments: [
            "", "2024-01-15", "2024-1-15 12:00:00", "2024-01-15 12:00", "2024-01-15 12:00:00 UTC",
            "2024-01-15 12:00:00+5", "15/01/2024 12:00:00", "2024-01-15_12:00:00",
        ])
        func refuses(_ text: String) {
            #expect(Timestamp.parse(text) == nil)
        }

        @Test("format writes UTC with milliseconds")
        func format() {
            #expect(Timestamp.format(Self.noon) == "2024-01-15 12:00:00.000")
            #expect(Timestamp.format(Self.noon.addingTimeInterval(0.5)) == "2024-01-15 12:00:00.500")
        }

        @Test("format and parse round-trip to the millisecond", arguments: [
            "2024-01-15 12:00:00.123", "2024-06-30 08:07:06.789", "2024-01-15 12:00:00.000",
            "1970-01-01 00:00:00.000", "1969-12-31 23:59:59.999", "0999-02-03 04:05:06.007", "9999-12-31 23:59:59.999",
        ])
        func roundTrip(_ text: String) throws {
            let date = try #require(Timestamp.parse(text))
            #expect(Timestamp.format(date) == text)
        }

        @Test("format rounds to the millisecond instead of truncating floating-point error", arguments: [
            "2024-02-29 23:59:59.999", "1999-12-31 00:00:00.001",
        ])
        func roundTripTruncation(_ text: String) throws {
            let date = try #require(Timestamp.parse(text))
            #expect(Timestamp.format(date) == text)
        }
    }
}
