import Foundation

extension Configuration {
    /// Resolves the configuration the way the CLI does.
    ///
    /// - The database URL: `--url`, else the `url` of an environment chosen
    ///   by name, else the variable `schema.prisma`'s datasource reads
    ///   (`directUrl`, else `url = env("...")`) when set, else
    ///   `$DATABASE_URL`, else the environment's `url` in `strata.toml`, else
    ///   the URL written in the datasource, else `sqlite:strata.db` (a
    ///   PostgreSQL datasource whose variable is unset is an error instead).
    /// - The environment: `--env`, else `$STRATA_ENV`, else `development` when
    ///   `strata.toml` has it, else its only environment.
    /// - `.env` beside `strata.toml` (or in the working directory), and
    ///   `prisma/.env` there, add variables; the process environment wins
    ///   over them, and `.env` over `prisma/.env`. `${VAR}` in
    ///   `strata.toml` values is expanded from both.
    /// - The migrations folder: `--dir`, else the environment's `dir`, else
    ///   `migrations`, else `prisma/migrations` when only that exists.
    ///
    /// - Throws: ``ConfigurationError`` for a bad file, URL, unknown environment or unset variable.
    public static func resolve(
        _ overrides: ConfigurationOverrides,
        environment processEnvironment: [String: String] = ProcessInfo.processInfo.environment,
        workingDirectory: String = FileManager.default.currentDirectoryPath
    ) throws -> Configuration {
        let configPath = overrides.configPath ?? joinPath(workingDirectory, "strata.toml")
        let hasConfig = FileManager.default.fileExists(atPath: configPath)
        if overrides.configPath != nil, !hasConfig {
            throw ConfigurationError("\(configPath) does not exist", nextStep: "create it with `strata init`, or drop --config")
        }
        let projectDirectory = hasConfig ? (configPath as NSString).deletingLastPathComponent : workingDirectory
        let folder = projectDirectory.isEmpty ? "." : projectDirectory
        let dotEnv = try DotEnvFile.read(joinPath(folder, "prisma/.env"))
            .merging(try DotEnvFile.read(joinPath(folder, ".env"))) { _, root in root }
        let variables = dotEnv.merging(processEnvironment) { _, process in process }

        let file = hasConfig ? try ConfigFile.read(configPath) : nil
        let requested = overrides.environment ?? variables["STRATA_ENV"]
        let (environmentName, settings) = try chooseEnvironment(file: file, requested: requested)
        // An environment chosen by name (--env, STRATA_ENV) brings its own URL,
        // which then wins over DATABASE_URL; a default one yields to it.
        let chosenByName = requested.map { !$0.isEmpty } ?? false

        func expanded(_ value: String?, key: String) throws -> String? {
            guard let value, let environmentName else { return value }
            return try Interpolation.expand(
                value, variables: variables, setting: "\(configPath): environments.\(environmentName).\(key)")
        }

        // The environment's own URL: `direct_url` (migrations bypass a pooler) over `url`.
        func environmentURL() throws -> (String, URLSource)? {
            guard let environmentName else { return nil }
            if let direct = try expanded(settings?.directURL, key: "direct_url") {
                return (direct, .configFile(path: configPath, environment: environmentName, key: "direct_url"))
            }
            return try expanded(settings?.url, key: "url").map { ($0, .configFile(path: configPath, environment: environmentName)) }
        }
        // DATABASE_URL, or Prisma's pairing: DATABASE_URL through a pooler, DIRECT_URL to the server for migrations.
        func variableURL() -> (String, URLSource)? {
            guard let pooled = variables["DATABASE_URL"], !pooled.isEmpty else { return nil }
            if let direct = variables["DIRECT_URL"], !direct.isEmpty { return (direct, .environmentVariable("DIRECT_URL")) }
            return (pooled, .environmentVariable("DATABASE_URL"))
        }
        let schemaFile = file?.schemaFile.map { $0.hasPrefix("/") ? $0 : joinPath(projectDirectory, $0) }
        // Read only when nothing stronger names the database, and then once.
        var prismaDatasource: PrismaDatasourceURL??
        func prisma() -> PrismaDatasourceURL? {
            if prismaDatasource == nil { prismaDatasource = .some(PrismaDatasourceURL(schemaFile: schemaFile, in: folder)) }
            return prismaDatasource!
        }
        var urlText: String
        var source: URLSource
        var url: DatabaseURL
        do {
            if let flag = overrides.url {
                (urlText, source) = (flag, .flag)
            } else if chosenByName, let own = try environmentURL() {
                (urlText, source) = own
            } else if let fromSchema = prisma()?.fromVariable(variables) {
                (urlText, source) = fromSchema
            } else if let fromVariable = variableURL() {
                (urlText, source) = fromVariable
            } else if let own = try environmentURL() {
                (urlText, source) = own
            } else if let datasource = prisma() {
                if let error = datasource.unsetVariableError() { throw error }
                (urlText, source) = datasource.literal ?? (defaultURL, .embeddedDefault)
            } else {
                (urlText, source) = (defaultURL, .embeddedDefault)
            }
            url = try DatabaseURL(urlText)
        } catch where !overrides.needsDatabase {
            (urlText, source) = (defaultURL, .embeddedDefault)
            url = try DatabaseURL(urlText)
        }
        // A relative SQLite file named in strata.toml lies beside it, as `dir` does.
        if case .configFile = source, url.isSQLiteFile, url.scheme != "file", !url.path.hasPrefix("/") {
            url.path = relative(joinPath(projectDirectory, url.path), to: workingDirectory)
        }

        let base = hasConfig ? projectDirectory : ""
        let migrationsPath: String
        if let flag = overrides.migrationsPath {
            migrationsPath = flag
        } else if let configured = try expanded(settings?.dir, key: "dir") {
            migrationsPath = configured.hasPrefix("/") ? configured : joinPath(base, configured)
        } else {
            migrationsPath = defaultMigrationsPath(in: hasConfig ? projectDirectory : workingDirectory, relativeTo: base)
        }

        // Prisma's SQLite URL, `file:./dev.db`, is relative to the folder of
        // schema.prisma, which holds the `migrations` folder.
        if url.scheme == "file", url.isSQLiteFile, !url.path.hasPrefix("/"), source != .embeddedDefault {
            let schemaFolder = (migrationsPath as NSString).deletingLastPathComponent
            url.path = relative((joinPath(schemaFolder, url.path) as NSString).standardizingPath, to: workingDirectory)
        }

        var configuration = Configuration(
            url: url,
            migrationsPath: relative(migrationsPath, to: workingDirectory),
            historyTable: try expanded(settings?.historyTable, key: "history_table") ?? defaultHistoryTable,
            schema: try expanded(settings?.schema, key: "schema"),
            isProduction: settings?.production ?? false,
            lockTimeout: overrides.lockTimeout ?? settings?.lockTimeout ?? defaultLockTimeout,
            statementLockTimeout: overrides.statementLockTimeout ?? settings?.statementLockTimeout ?? defaultStatementLockTimeout,
            lockRetries: settings?.lockRetries ?? defaultLockRetries,
            urlSource: source,
            environmentName: environmentName,
            provider: file?.provider,
            shadowURL: try shadowURL(try expanded(settings?.shadowURL, key: "shadow_url"), configPath: configPath, environment: environmentName),
            variables: variables)
        configuration.schemaFile = schemaFile.map { relative($0, to: workingDirectory) }
        let dataFolder = file?.dataDirectory ?? "data"
        configuration.dataPath = relative(dataFolder.hasPrefix("/") ? dataFolder : joinPath(projectDirectory, dataFolder), to: workingDirectory)
        let seedsFolder = file?.seedsDirectory ?? "seeds"
        configuration.seedsPath = relative(seedsFolder.hasPrefix("/") ? seedsFolder : joinPath(projectDirectory, seedsFolder), to: workingDirectory)
        if let lint = file?.lint { configuration.lint = lint }
        let backup = file?.backup
        let backupFolder = backup?.dir ?? BackupConfiguration.defaultDirectory
        configuration.backup = BackupConfiguration(
            enabled: backup?.enabled ?? true,
            directory: relative(backupFolder.hasPrefix("/") ? backupFolder : joinPath(projectDirectory, backupFolder), to: workingDirectory),
            pgDump: backup?.pgDump.map { $0.hasPrefix("/") || !$0.contains("/") ? $0 : joinPath(projectDirectory, $0) })
        return configuration
    }

    /// `shadow_url` read as a URL, with the setting named when it is not one.
    private static func shadowURL(_ text: String?, configPath: String, environment: String?) throws -> DatabaseURL? {
        guard let text else { return nil }
        do {
            return try DatabaseURL(text)
        } catch let error as ConfigurationError {
            throw ConfigurationError(
                "\(configPath): environments.\(environment ?? "?").shadow_url: \(error.summary)", nextStep: error.nextStep)
        }
    }

    private static func chooseEnvironment(
        file: ConfigFile?, requested: String?
    ) throws -> (String?, ConfigFile.Environment?) {
        let environments = file?.environments ?? [:]
        let available = environments.keys.sorted()
        if let requested, !requested.isEmpty {
            guard let settings = environments[requested] else {
                throw ConfigurationError(
                    file == nil ? "environment `\(requested)` was asked for, but there is no strata.toml"
                        : "\(file!.path) has no environment `\(requested)`",
                    nextStep: available.isEmpty ? "add [environments.\(requested)] to strata.toml"
                        : "choose one of: " + available.joined(separator: ", "))
            }
            return (requested, settings)
        }
        if let development = environments["development"] { return ("development", development) }
        if available.count == 1 { return (available[0], environments[available[0]]) }
        if available.isEmpty { return (nil, nil) }
        throw ConfigurationError(
            "\(file!.path) has several environments and none was chosen",
            nextStep: "pass --env (or set STRATA_ENV) to one of: " + available.joined(separator: ", "))
    }

    /// `path` relative to `directory` when it lies inside it, for shorter messages.
    private static func relative(_ path: String, to directory: String) -> String {
        let prefix = directory.hasSuffix("/") ? directory : directory + "/"
        return path.hasPrefix(prefix) ? String(path.dropFirst(prefix.count)) : path
    }

    private static func defaultMigrationsPath(in directory: String, relativeTo base: String) -> String {
        let fileManager = FileManager.default
        let plain = joinPath(directory, "migrations")
        let prisma = joinPath(directory, "prisma/migrations")
        if !fileManager.fileExists(atPath: plain), fileManager.fileExists(atPath: prisma) {
            return joinPath(base, "prisma/migrations")
        }
        return joinPath(base, "migrations")
    }
}
