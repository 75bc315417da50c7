import Crypto
import Foundation

/// SHA-256 checksums of migration files, compatible with Prisma's
/// `_prisma_migrations.checksum`.
public enum Checksum {
    /// Lower-case hex SHA-256 of the bytes.
    public static func sha256Hex<Bytes: DataProtocol>(_ bytes: Bytes) -> String {
        hex(SHA256.hash(data: bytes), padded: true)
    }

    /// Whether `script` is the file a recorded checksum was taken of.
    ///
    /// Like Prisma, a checkout with other line endings still matches: the script
    /// is compared as it is, with CRLF turned into LF, and with LF turned into
    /// CRLF. Checksums written without zero-padding by early Prisma versions
    /// (shorter than 64 characters) are compared in that form.
    public static func matches(recorded: String, script: String) -> Bool {
        let recorded = recorded.lowercased()
        let padded = recorded.count == 64 || recorded.isEmpty
        let variants: [() -> String] = [
            { script },
            { script.replacingOccurrences(of: "\r\n", with: "\n") },
            { script.replacingOccurrences(of: "\n", with: "\r\n") },
        ]
        return variants.contains { variant in
            hex(SHA256.hash(data: Data(variant().utf8)), padded: padded) == recorded
        }
    }

    /// Whether a recorded checksum is that of `script`: the file's own hash
    /// first (the common case costs a string comparison), then Prisma's variants.
    public static func matches(recorded: String, script: MigrationScript) -> Bool {
        recorded == script.checksum || matches(recorded: recorded, script: script.contents)
    }

    /// Lower-case hex of a digest.
    static func hex<Digest: Sequence<UInt8>>(_ bytes: Digest) -> String {
        hex(bytes, padded: true)
    }

    private static func hex<Digest: Sequence<UInt8>>(_ bytes: Digest, padded: Bool) -> String {
        String(unsafeUninitializedCapacity: 64) { buffer in
            var count = 0
            for byte in bytes {
                if padded || byte >= 16 {
                    buffer[count] = hexDigit(byte >> 4)
                    count += 1
                }
                buffer[count] = hexDigit(byte & 0x0F)
                count += 1
            }
            return count
        }
    }

    private static func hexDigit(_ value: UInt8) -> UInt8 {
        value < 10 ? 0x30 + value : 0x57 + value
    }
}
