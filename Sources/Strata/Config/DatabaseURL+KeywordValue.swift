/// libpq's keyword/value connection strings: `host=db port=5432 dbname=app
/// user=alice password='it\'s secret'`, as `psql "host=db dbname=app"` takes them.
///
/// The rules are libpq's: pairs separated by whitespace, spaces allowed around
/// `=`; a value is a run of non-space characters or a single-quoted text, and
/// a backslash makes the next character literal in both.
extension DatabaseURL {
    /// Whether the text starts like `keyword=`: a URL's scheme has no `=`.
    static func looksLikeKeywordValue(_ text: String) -> Bool {
        let keyword = text.prefix { $0.isLetter || $0.isNumber || $0 == "_" }
        guard !keyword.isEmpty else { return false }
        return text.dropFirst(keyword.count).drop { $0 == " " || $0 == "\t" }.first == "="
    }

    /// The pairs of a keyword/value string, in order.
    static func parseKeywordValue(_ text: String) throws -> [(name: String, value: String)] {
        var pairs: [(name: String, value: String)] = []
        var characters = Substring(text)
        func skipSpaces() { characters = characters.drop { $0.isWhitespace } }
        skipSpaces()
        while !characters.isEmpty {
            let keyword = characters.prefix { $0.isLetter || $0.isNumber || $0 == "_" }
            characters = characters.dropFirst(keyword.count)
            skipSpaces()
            guard !keyword.isEmpty, characters.first == "=" else {
                // Never quote the text itself: it may be a password.
                throw ConfigurationError(
                    "the connection string has text that is not keyword=value"
                        + (pairs.last.map { " after the value of \($0.name)" } ?? " at its start"),
                    nextStep: "write it as host=db.example.com port=5432 dbname=app user=alice, quoting values "
                        + "with spaces in single quotes, or as a URL: postgres://alice@db.example.com:5432/app")
            }
            characters = characters.dropFirst()
            skipSpaces()
            var value = ""
            if characters.first == "'" {
                characters = characters.dropFirst()
                var closed = false
                while let character = characters.popFirst() {
                    if character == "\\", let escaped = characters.popFirst() {
                        value.append(escaped)
                    } else if character == "'" {
                        closed = true
                        break
                    } else {
                        value.append(character)
                    }
                }
                guard closed else {
                    throw ConfigurationError(
                        "the connection string's value of '\(keyword)' opens a quote it never closes",
                        nextStep: "close it with ' (write a quote inside a value as \\')")
                }
            } else {
                while let character = characters.first, !character.isWhitespace {
                    characters = characters.dropFirst()
                    if character == "\\", let escaped = characters.popFirst() {
                        value.append(escaped)
                    } else {
                        value.append(character)
                    }
                }
            }
            pairs.append((String(keyword), value))
            skipSpaces()
        }
        return pairs
    }

    /// The hosts of `host=a,b port=5432,5433`.
    static func keywordHosts(_ hostList: String?, ports portList: String?) throws -> [HostAndPort] {
        let hosts = hostList.map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) } ?? []
        let ports = try portList.map {
            try $0.split(separator: ",", omittingEmptySubsequences: false).map { text -> Int? in
                guard !text.isEmpty else { return nil }
                guard let port = Int(text), (1...65535).contains(port) else {
                    throw ConfigurationError("the connection string's port is not a number from 1 to 65535")
                }
                return port
            }
        } ?? []
        let count = max(hosts.count, ports.count)
        return (0..<count).map { index in
            HostAndPort(
                host: index < hosts.count && !hosts[index].isEmpty ? hosts[index] : nil,
                port: ports.count == 1 ? ports[0] : index < ports.count ? ports[index] : nil)
        }
    }

    /// The pairs again, the password masked, values quoted where libpq needs it.
    var renderedKeywordValue: String {
        parameters.map { pair in
            guard !Self.isSecret(pair.name) else { return "\(pair.name)=***" }
            let plain = !pair.value.isEmpty && !pair.value.contains { $0.isWhitespace || $0 == "'" || $0 == "\\" }
            if plain { return "\(pair.name)=\(pair.value)" }
            var quoted = ""
            for character in pair.value {
                if character == "'" || character == "\\" { quoted.append("\\") }
                quoted.append(character)
            }
            return "\(pair.name)='\(quoted)'"
        }.joined(separator: " ")
    }
}
