import CLibPQ
import Strata

extension ConnectionParameters {
    /// The parameters as the environment variables libpq reads (`PGHOST`,
    /// `PGPORT`, `PGUSER`, `PGPASSWORD`, `PGDATABASE`, `PGSSLMODE`, ...) set
    /// over `base`: how a libpq program such as `pg_dump` connects where
    /// Strata does, with no password on its command line. The variable of
    /// each keyword comes from libpq itself.
    func environment(over base: [String: String]) throws -> [String: String] {
        let names = try Self.environmentNames.get()
        var environment = base
        for (keyword, value) in pairs {
            if let name = names[keyword] { environment[name] = value }
        }
        return environment
    }

    /// libpq's keyword → environment variable table: parsing an empty
    /// string lists every option, with its variable where it has one.
    private static let environmentNames = Result<[String: String], any Error> {
        let pq = try LibPQ.functions()
        guard let options = pq.PQconninfoParse("", nil) else { return [:] }
        defer { pq.PQconninfoFree(options) }
        var names: [String: String] = [:]
        var option = options
        while let keyword = option.pointee.keyword {
            if let variable = option.pointee.envvar { names[String(cString: keyword)] = String(cString: variable) }
            option += 1
        }
        return names
    }
}
