import Crypto
import Foundation

/// SHA-256 checksums of migration files, compatible with Prisma's
/// `_prisma_migrations.checksum`.
public enum Checksum {
    /// Lower-case hex SHA-256 of the bytes.
    public static func sha256Hex<Bytes: DataProtocol>(_ bytes: Bytes) -> String {
        hex(Array(SHA256.hash(data: bytes)), padded: true)
    }

    /// Whether `script` is the file a recorded checksum was taken of.
    ///
    /// Like Prisma, a checkout with other line endings still matches: the script
    /// is compared as it is, with CRLF turned into LF, and with LF turned into
    /// CRLF. Checksums written without zero-padding by early Prisma versions
    /// (shorter than 64 characters) are compared in that form.
    public static func matches(recorded: String, script: String) -> Bool {
        let variants = [
            script,
            script.replacingOccurrences(of: "\r\n", with: "\n"),
            script.replacingOccurrences(of: "\n", with: "\r\n"),
        ]
        let padded = recorded.count == 64 || recorded.isEmpty
        return variants.contains { variant in
            hex(Array(SHA256.hash(data: Data(variant.utf8))), padded: padded) == recorded.lowercased()
        }
    }

    private static func hex(_ bytes: [UInt8], padded: Bool) -> String {
        var text = ""
        text.reserveCapacity(64)
        for byte in bytes {
            let digits = String(byte, radix: 16)
            if padded, digits.count == 1 { text += "0" }
            text += digits
        }
        return text
    }
}
