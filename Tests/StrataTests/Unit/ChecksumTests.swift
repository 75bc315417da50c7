import Foundation
import Strata
import Testing

extension Unit {
    /// SHA-256 checksums, compatible with Prisma's `_prisma_migrations.checksum`.
    @Suite("Checksum")
    struct ChecksumTests {
        static let lf = "CREATE TABLE t (id int);\n"
        static let crlf = "CREATE TABLE t (id int);\r\n"
        /// sha256 of `lf`, as `sha256sum` prints it.
        static let lfChecksum = "12c83f983b0c94b9c7010dcc92149589d5fb01a3d32af8f6d699545d95db9040"
        /// The same bytes hex-formatted without zero padding, as early Prisma versions wrote them.
        static let lfLegacy = "12c83f983bc94b9c71dcc92149589d5fb1a3d32af8f6d699545d95db9040"
        static let crlfChecksum = "30cea62cdaee464f711b5a9f1f7b7a63a5d676cb81e1ffb9c1be5f0ba944da6d"
        static let crlfLegacy = "30cea62cdaee464f711b5a9f1f7b7a63a5d676cb81e1ffb9c1be5fba944da6d"

        @Test("sha256Hex is lower-case, zero-padded hex")
        func sha256() {
            #expect(Checksum.sha256Hex(Data()) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
            #expect(Checksum.sha256Hex(Data("abc".utf8)) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
            #expect(Checksum.sha256Hex(Data(Self.lf.utf8)) == Self.lfChecksum)
        }

        @Test("a script matches its own checksum, in either case")
        func exact() {
            #expect(Checksum.matches(recorded: Self.lfChecksum, script: Self.lf))
            #expect(Checksum.matches(recorded: Self.lfChecksum.uppercased(), script: Self.lf))
            #expect(!Checksum.matches(recorded: Self.lfChecksum, script: "CREATE TABLE t (id bigint);\n"))
            #expect(!Checksum.matches(recorded: "", script: Self.lf))
        }

        @Test("a checkout with other line endings still matches", arguments: [
            (lfChecksum, crlf), (crlfChecksum, lf), (lfLegacy, crlf), (crlfLegacy, lf),
        ])
        func lineEndings(_ recorded: String, script: String) {
            #expect(Checksum.matches(recorded: recorded, script: script))
        }

        @Test("legacy checksums without zero padding match, and only their own script")
        func legacy() {
            #expect(Self.lfLegacy.count < 64)
            #expect(Checksum.matches(recorded: Self.lfLegacy, script: Self.lf))
            #expect(Checksum.matches(recorded: "ba7816bf8f1cfea414140de5dae2223b0361a396177a9cb410ff61f2015ad", script: "abc"))
            #expect(!Checksum.matches(recorded: Self.lfLegacy, script: "abd"))
        }
    }
}
