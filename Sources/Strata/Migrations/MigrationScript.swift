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
        guard case .bytes(let bytes) = FileSystem.read(path) else {
            throw MigrationFileError(
                path: path, problem: "cannot be read",
                nextStep: "check that the file exists and that you may read it")
        }
        try self.init(path: path, bytes: bytes)
    }

    /// Checks a script held in memory, as if read from `path`.
    public init(path: String, data: Data) throws {
        try self.init(path: path, bytes: Array(data))
    }

    init(path: String, bytes: [UInt8]) throws {
        guard let text = String(validating: bytes, as: UTF8.self) else {
            let validPrefix = Self.validUTF8PrefixLength(bytes)
            let location = SourceText(String(decoding: bytes.prefix(validPrefix), as: UTF8.self))
                .location(ofByte: validPrefix)
            throw MigrationFileError(
                path: path, location: location, problem: "is not UTF-8 text",
                nextStep: "save the file as UTF-8 (e.g. `iconv -f LATIN1 -t UTF-8`)")
        }
        self.path = path
        self.contents = text
        self.checksum = Checksum.sha256Hex(bytes)
        let leading = Self.leadingComments(of: bytes)
        self.directives = leading.containsBytes(of: "strata:")
            ? try Directives.parse(leading, path: path)
            : Directives()
    }

    /// The comments and blank lines before the first statement (without a
    /// byte-order mark), where directives live, through the end of their line.
    private static func leadingComments(of bytes: [UInt8]) -> String {
        let start = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        var end = SQLComments.skipWhitespaceAndComments(bytes, from: start, to: bytes.count)
        while end < bytes.count, bytes[end] != 0x0A { end += 1 }
        return String(decoding: bytes[start..<end], as: UTF8.self)
    }

    private static func validUTF8PrefixLength(_ bytes: [UInt8]) -> Int {
        var length = bytes.count
        while length > 0, String(validating: bytes.prefix(length), as: UTF8.self) == nil {
            length -= 1
        }
        return length
    }
}
