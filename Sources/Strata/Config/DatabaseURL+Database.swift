extension DatabaseURL {
    /// The same server and settings, another database on it (a shadow database).
    public func naming(database name: String) -> DatabaseURL {
        var url = self
        if let index = url.parameters.firstIndex(where: { $0.name == "dbname" }) {
            url.parameters[index].value = name
        } else if url.isKeywordValue {
            url.parameters.append((name: "dbname", value: name))
        } else {
            url.path = "/" + name
        }
        return url
    }
}
