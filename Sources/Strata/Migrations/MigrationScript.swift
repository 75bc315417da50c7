import Foundation

/// One SQL file of a migration (`migration.sql` or `down.sql`), read and checked.
public struct MigrationScript: Sendable {
    /// The file's path as the user would type it, e.g. `migrations/20240115120000_init/migration.sql`.
    public let path: String
    /// The file's text exactly as stored (a byte-order mark included), which checksums are taken of.
    public let contents: String
    /// Hex SHA-256 of the file's bytes, as Prisma records it.
    public let checksum: String
    /// Hex SHA-256 of the file with CRLF read as LF: what `strata.sum` records,
    /// so that a checkout with other line endings is the same folder.
    public let lineEndingNormalizedChecksum: String
    /// The directives in the leading comments.
    public let directives: Directives

    /// Whether the file holds nothing but whitespace.
    public let isBlank: Bool

    /// The SQL to split into statements: the contents without a byte-order mark.
    public var sql: String {
        contents.utf8.starts(with: Self.byteOrderMark) ? String(contents.dropFirst()) : contents
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
        self.lineEndingNormalizedChecksum = bytes.contains(0x0D)
            ? Checksum.sha256Hex(Self.replacingCRLFWithLF(bytes))
            : checksum
        let start = bytes.starts(with: Self.byteOrderMark) ? Self.byteOrderMark.count : 0
        let firstCode = SQLComments.skipWhitespaceAndComments(bytes, from: start, to: bytes.count)
        self.isBlank = Self.isBlank(bytes, from: start)
        // Directives live in the comments before the first statement, through the end of their line.
        var leadingEnd = firstCode
        while leadingEnd < bytes.count, bytes[leadingEnd] != 0x0A { leadingEnd += 1 }
        let leading = bytes[start..<leadingEnd]
        self.directives = leading.containsBytes(of: Self.directivePrefix)
            ? try Directives.parse(String(decoding: leading, as: UTF8.self), path: path)
            : Directives()
    }

    private static let byteOrderMark: [UInt8] = [0xEF, 0xBB, 0xBF]
    private static let directivePrefix = Array("strata:".utf8)

    private static func replacingCRLFWithLF(_ bytes: [UInt8]) -> [UInt8] {
        var result: [UInt8] = []
        result.reserveCapacity(bytes.count)
        for (index, byte) in bytes.enumerated() where !(byte == 0x0D && index + 1 < bytes.count && bytes[index + 1] == 0x0A) {
            result.append(byte)
        }
        return result
    }

    /// Whether the bytes from `start` are all whitespace: ASCII decided
    /// byte by byte, anything else by Unicode's whitespace property.
    private static func isBlank(_ bytes: [UInt8], from start: Int) -> Bool {
        for index in start..<bytes.count where !SQLComments.isWhitespace(bytes[index]) {
            guard bytes[index] >= 0x80 else { return false }
            return String(decoding: bytes[index...], as: UTF8.self).allSatisfy(\.isWhitespace)
        }
        return true
    }

    private static func validUTF8PrefixLength(_ bytes: [UInt8]) -> Int {
        var length = bytes.count
        while length > 0, String(validating: bytes.prefix(length), as: UTF8.self) == nil {
            length -= 1
        }
        return length
    }
}
