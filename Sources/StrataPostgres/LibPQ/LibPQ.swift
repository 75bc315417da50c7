import CLibPQ
import Strata

/// libpq itself, opened on the first PostgreSQL connection rather than at
/// start-up (see `Sources/CLibPQ/shim.h`): runs that never touch PostgreSQL
/// do not load it and its 21 libraries, nor need it installed.
enum LibPQ {
    /// The library's functions, or why it could not be opened.
    private static let loaded: Result<StrataLibPQ, DatabaseError> = {
        let api = UnsafeMutablePointer<StrataLibPQ>.allocate(capacity: 1)
        defer { api.deallocate() }
        var error = [CChar](repeating: 0, count: 512)
        guard strata_libpq_load(api, &error, error.count) == 0 else {
            return .failure(DatabaseError(
                kind: .connection, message: "cannot load libpq: " + String(decoding: error.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self),
                hint: "install libpq, the PostgreSQL client library (Debian/Ubuntu: apt-get install libpq5)"))
        }
        return .success(api.pointee)
    }()

    /// libpq's functions; throws ``DatabaseError`` when libpq is not installed.
    static func functions() throws -> StrataLibPQ {
        try loaded.get()
    }
}

extension StrataLibPQ: @unchecked @retroactive Sendable {}

extension String {
    /// A text libpq returned; empty for `NULL`.
    init(libpq text: UnsafePointer<CChar>?) {
        self = text.map { String(cString: $0) } ?? ""
    }
}
