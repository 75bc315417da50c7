import Foundation
import Strata
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Every byte `strata` prints goes through here: colour only on a terminal
/// (never with `NO_COLOR` or when piped), and passwords masked in all output.
final class Console: @unchecked Sendable {
    static let shared = Console()

    enum Style: String {
        case green = "32"
        case yellow = "33"
        case red = "31"
        case cyan = "36"
        case bold = "1"
        case dim = "2"
    }

    /// Whether standard output is a terminal that takes colour.
    let isInteractive: Bool
    private let colorsOut: Bool
    private let colorsErr: Bool
    private let lock = NSLock()
    private var urls: [DatabaseURL] = []

    private init() {
        let environment = ProcessInfo.processInfo.environment
        let allowed = environment["NO_COLOR"].map(\.isEmpty) ?? true && environment["TERM"] != "dumb"
        isInteractive = isatty(STDOUT_FILENO) == 1
        colorsOut = allowed && isInteractive
        colorsErr = allowed && isatty(STDERR_FILENO) == 1
    }

    /// A URL whose password never to print: it shows as `***` wherever it
    /// appears as a password (``DatabaseURL/redacting(_:)``).
    func mask(_ url: DatabaseURL) {
        lock.withLock { urls.append(url) }
    }

    func redact(_ text: String) -> String {
        lock.withLock { urls }.reduce(text) { text, url in url.redacting(text) }
    }

    /// A line on standard output.
    func line(_ text: String = "") {
        write(redact(text) + "\n", to: STDOUT_FILENO)
    }

    /// A question on standard error, without a line break, for an answer on standard input.
    func prompt(_ text: String) {
        write(redact(text), to: STDERR_FILENO)
    }

    /// A line on standard error.
    func note(_ text: String) {
        write(redact(text) + "\n", to: STDERR_FILENO)
    }

    /// Text on standard output without a line break (progress on a terminal).
    func partial(_ text: String) {
        write(redact(text), to: STDOUT_FILENO)
    }

    /// An error with its details and next step, on standard error.
    func error(_ error: any StrataError) {
        var lines = [paintErr("error:", .red) + " " + error.summary]
        for detail in error.details {
            lines += detail.split(separator: "\n", omittingEmptySubsequences: false).map { "  " + $0 }
        }
        if let next = error.nextStep { lines.append(paintErr("→", .cyan) + " " + next) }
        note(lines.joined(separator: "\n"))
    }

    /// A value as pretty-printed JSON on standard output.
    func json<Value: Encodable>(_ value: Value) {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        let data = (try? encoder.encode(value)) ?? Data("{}".utf8)
        line(String(decoding: data, as: UTF8.self))
    }

    /// Colours text for standard output, when it is a terminal.
    func paint(_ text: String, _ style: Style) -> String {
        colorsOut ? "\u{1B}[\(style.rawValue)m\(text)\u{1B}[0m" : text
    }

    func paintErr(_ text: String, _ style: Style) -> String {
        colorsErr ? "\u{1B}[\(style.rawValue)m\(text)\u{1B}[0m" : text
    }

    private func write(_ text: String, to descriptor: Int32) {
        let bytes = Array(text.utf8)
        lock.withLock {
            var offset = 0
            while offset < bytes.count {
                let written = bytes[offset...].withUnsafeBytes { systemWrite(descriptor, $0.baseAddress, $0.count) }
                guard written > 0 else { return }
                offset += written
            }
        }
    }
}

private func systemWrite(_ descriptor: Int32, _ buffer: UnsafeRawPointer?, _ count: Int) -> Int {
    #if canImport(Glibc)
    Glibc.write(descriptor, buffer, count)
    #else
    Darwin.write(descriptor, buffer, count)
    #endif
}
