import Foundation

/// The database a project's `schema.prisma` names in its `datasource`, for
/// a project that configures none otherwise: `url = env("POSTGRES_PRISMA_URL")`
/// reads that variable, as Prisma does, and `directUrl` wins over `url`.
struct PrismaDatasourceURL {
    /// `--schema`'s file is not known here: the schema is looked for where `migrate dev` looks.
    var path: String
    var datasource: PrismaDatasource

    /// The project's Prisma schema and its datasource; `nil` when there is
    /// none, or it cannot be read (the commands that read it say why).
    init?(schemaFile: String?, in directory: String) {
        guard let found = try? PrismaSchemaSource.locate(explicit: nil, configured: schemaFile, in: directory) else { return nil }
        let path = found.hasPrefix("/") ? found : joinPath(directory, found)
        guard let files = try? PrismaSchemaSource.load(path), let datasource = try? PrismaDatasource(files: files) else { return nil }
        self.path = found
        self.datasource = datasource
    }

    /// The URL from a variable the datasource names (`directUrl`'s, else `url`'s), when it is set.
    func fromVariable(_ variables: [String: String]) -> (String, Configuration.URLSource)? {
        for (key, setting) in [("directUrl", datasource.directURL), ("url", datasource.url)] {
            guard case .environment(let name)? = setting, let value = variables[name], !value.isEmpty else { continue }
            return (value, .prismaSchema(path: path, setting: "\(key) = env(\"\(name)\")"))
        }
        return nil
    }

    /// The URL written in the datasource itself (`directUrl`'s, else `url`'s).
    var literal: (String, Configuration.URLSource)? {
        for (key, setting) in [("directUrl", datasource.directURL), ("url", datasource.url)] {
            guard case .literal(let value)? = setting, !value.isEmpty else { continue }
            return (value, .prismaSchema(path: path, setting: key))
        }
        return nil
    }

    /// A PostgreSQL datasource reading its URL from a variable that is not
    /// set: an error, rather than migrating the embedded SQLite default.
    func unsetVariableError() -> ConfigurationError? {
        guard datasource.provider != .sqlite, case .environment(let name)? = datasource.url else { return nil }
        return ConfigurationError(
            "\(path)'s datasource reads its url from env(\"\(name)\"), which is not set",
            nextStep: "set \(name) (in the environment or .env), or pass --url")
    }
}
