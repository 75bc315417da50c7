import Foundation

/// One SQL file of a migration (`migration.sql` or `down.sql`), read and checked.
public struct MigrationScript: Sendable {
    /// The file's path as the user would type it, e.g. `migrations/20240115120000_init/migration.sql`.
    public let path: String
    /// The file's text exactly as stored (a byte-order mark included), which checksums are taken of.
    public let contents: String
    /// Hex SHA-256 of the file's bytes, as Prisma records it.
    public let checksum: String
    /// The directives in the leading comments.
    public let directives: Directives

    /// The SQL to split into statements: the contents without a byte-order mark.
    public var sql: String {
        contents.hasPrefix("\u{FEFF}") ? String(contents.dropFirst()) : contents
    }

    /// Whether the file holds nothing but whitespace.
    public var isBlank: Bool {
        sql.allSatisfy(\.isWhitespace)
    }

    /// Reads and checks a script file.
    ///
    /// - Throws: ``MigrationFileError`` when the file cannot be read, is not
    ///   UTF-8, or declares a bad directive.
    public init(readingFile path: String) throws {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw MigrationFileError(
                path: path, problem: "cannot be read",
                nextStep: "check that the file exists and that you may read it")
        }
        try self.init(path: path, data: data)
    }

    /// Checks a script held in memory, as if read from `path`.
    public init(path: String, data: Data) throws {
        let decoded = data.withUnsafeBytes { String(validating: $0.bindMemory(to: UInt8.self), as: UTF8.self) }
        guard let text = decoded else {
            let validPrefix = Self.validUTF8PrefixLength(data)
            let location = SourceText(String(decoding: data.prefix(validPrefix), as: UTF8.self))
                .location(ofByte: validPrefix)
            throw MigrationFileError(
                path: path, location: location, problem: "is not UTF-8 text",
                nextStep: "save the file as UTF-8 (e.g. `iconv -f LATIN1 -t UTF-8`)")
        }
        self.path = path
        self.contents = text
        self.checksum = Checksum.sha256Hex(data)
        let leading = Self.leadingComments(of: text)
        self.directives = !leading.containsBytes(of: "strata:")
            ? Directives()
            : try Directives.parse(leading, path: path)
    }

    /// The comments and blank lines before the first statement (without a
    /// byte-order mark), where directives live, through the end of their line.
    private static func leadingComments(of text: String) -> String {
        var bytes = Array(text.utf8)
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }
        var end = SQLComments.skipWhitespaceAndComments(bytes, from: 0, to: bytes.count)
        while end < bytes.count, bytes[end] != 0x0A { end += 1 }
        return String(decoding: bytes[..<end], as: UTF8.self)
    }

    private static func validUTF8PrefixLength(_ data: Data) -> Int {
        var length = data.count
        while length > 0, String(validating: data.prefix(length), as: UTF8.self) == nil {
            length -= 1
        }
        return length
    }
}
