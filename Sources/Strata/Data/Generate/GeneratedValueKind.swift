/// What a generated column holds, decided from its type, its name, its
/// constraints and its table.
enum GeneratedValueKind: Equatable {
    case integer(ClosedRange<Int64>)
    /// Unique integers: one more than the largest already there, then on.
    case sequence
    case real(ClosedRange<Double>)
    /// `numeric(p, s)`: a number in range, written with `scale` decimals.
    case decimal(ClosedRange<Double>, scale: Int)
    /// `chance` of true.
    case boolean(chance: Double)
    case text(TextStyle, length: ClosedRange<Int>, unique: Bool)
    /// One of the values an enum or a check allows; `usual` (the column's default) for most rows.
    case choice([String], usual: String? = nil)
    /// An integer one of a check's allowed values.
    case integerChoice([Int64])
    case uuid
    case timestamp(TimeStyle)
    case date(TimeStyle)
    case time
    case json
    case bytes
    case ipAddress
    /// PostgreSQL arrays: a short one of words.
    case textArray
    /// The value of a foreign key, from the rows the referenced table has.
    case reference(group: Int, position: Int)
    /// A nullable column of a type Strata cannot make values of: left null.
    case null
}

/// What kind of text a column holds, from its name and its table's.
enum TextStyle: Equatable {
    case email, givenName, familyName, fullName, username, slug, title, paragraph, url, imageURL, phone, city, country, countryCode,
         company, product, street, postalCode, color, currency, locale, token, code, status, role, identifier, words, word,
         domain, path, browser, operatingSystem, device, screen, region, ipAddress
}

/// When a generated instant falls, around the run's reference time.
enum TimeStyle: Equatable {
    /// Within the last three years (`created_at` and most others).
    case past
    /// Within the next year (`expires_at`, `due_date`).
    case future
    /// A birth date: 18 to 80 years ago.
    case birth
}

/// Reading a column's name for what it holds.
enum ColumnName {
    /// The name lower-cased without `_`, so `created_at` and `createdAt` read alike.
    static func normalized(_ name: String) -> String {
        name.lowercased().filter { $0 != "_" && $0 != "-" }
    }

    static func textStyle(column: String, table: String) -> TextStyle {
        let name = normalized(column)
        let table = normalized(table)
        func any(_ parts: String...) -> Bool { parts.contains { name.contains($0) } }
        func ends(_ parts: String...) -> Bool { parts.contains { name.hasSuffix($0) } }
        if any("email", "mail") { return .email }
        if any("firstname", "givenname", "forename") { return .givenName }
        if any("lastname", "surname", "familyname") { return .familyName }
        if any("username", "login", "handle", "nickname", "screenname") { return .username }
        if any("slug", "permalink") { return .slug }
        if any("avatar", "image", "photo", "picture", "thumbnail", "logo", "icon") { return .imageURL }
        if any("path", "pathname", "route") { return .path }
        if any("domain", "hostname") || ends("host") { return .domain }
        if any("url", "website", "homepage", "link", "href") { return .url }
        if any("browser", "useragent") { return .browser }
        if ends("os") || any("operatingsystem", "platform") { return .operatingSystem }
        if any("device") { return .device }
        if any("screen", "resolution") { return .screen }
        if any("region", "province", "subdivision") || name == "state" { return .region }
        if any("ipaddress") || name == "ip" { return .ipAddress }
        if any("phone", "mobile", "fax") || ends("tel") { return .phone }
        if any("countrycode", "countryiso") { return .countryCode }
        if any("country") { return .country }
        if any("city", "town") { return .city }
        if any("zip", "postal", "postcode") { return .postalCode }
        if any("street", "address") { return .street }
        if any("company", "organization", "organisation", "employer") { return .company }
        if any("color", "colour") { return .color }
        if any("currency") { return .currency }
        if any("locale", "language", "lang") { return .locale }
        if any("password", "hash", "token", "secret", "apikey", "salt", "digest") { return .token }
        if any("sku", "code", "reference") || ends("ref") { return .code }
        if ends("status", "state") { return .status }
        if ends("role", "type", "kind", "category") && !table.hasSuffix("categories") { return .role }
        if any("title", "subject", "headline", "heading", "caption") { return .title }
        if any("description", "body", "content", "bio", "text", "comment", "note", "message", "about", "summary", "excerpt", "details") {
            return .paragraph
        }
        if name == "id" || ends("id", "uuid", "cuid") { return .identifier }
        if any("name", "label", "author", "owner", "customer", "contact") {
            if ["user", "users", "person", "people", "member", "members", "author", "authors", "customer", "customers", "employee", "employees",
                "account", "accounts", "contact", "contacts", "profile", "profiles", "student", "students", "patient", "patients"]
                .contains(table) || any("author", "owner", "customer", "contact", "full", "display")
            {
                return .fullName
            }
            if table.contains("compan") || table.contains("organi") || table.contains("vendor") || table.contains("supplier") { return .company }
            if table.contains("product") || table.contains("item") { return .product }
            if ["tag", "categor", "label", "topic", "keyword", "genre"].contains(where: table.contains) { return .word }
            return .title
        }
        return .words
    }

    static func timeStyle(column: String) -> TimeStyle {
        let name = normalized(column)
        if ["expire", "due", "deadline", "until", "ends", "endat", "scheduled", "renew", "validto"].contains(where: name.contains) { return .future }
        if ["birth", "dob"].contains(where: name.contains) { return .birth }
        return .past
    }

    /// How often a nullable column is null: mostly, for the traces of rare events.
    static func nullChance(column: String) -> Double {
        let name = normalized(column)
        if ["deleted", "archived", "cancel", "banned", "suspended", "removed", "refunded", "failed", "revoked", "disabled", "closedat", "endedat"]
            .contains(where: name.contains) {
            return 0.9
        }
        return 0.1
    }

    static func booleanChance(column: String) -> Double {
        let name = normalized(column)
        if ["deleted", "archived", "banned", "suspended", "disabled", "blocked", "spam", "locked"].contains(where: name.contains) { return 0.05 }
        if ["active", "enabled", "visible", "published", "verified", "confirmed", "available"].contains(where: name.contains) { return 0.85 }
        return 0.5
    }

    static func integerRange(column: String, limit: ClosedRange<Int64>) -> ClosedRange<Int64> {
        let name = normalized(column)
        let wanted: ClosedRange<Int64> = switch name {
        case let n where n.contains("age"): 18...90
        case let n where n.contains("year"): 1970...2026
        case let n where n.contains("rating") || n.contains("stars"): 1...5
        case let n where n.contains("score") || n.contains("percent"): 0...100
        case let n where ["quantity", "qty", "stock", "count", "seats"].contains(where: n.contains): 0...500
        case let n where ["price", "amount", "cost", "total", "balance", "cents", "salary", "fee"].contains(where: n.contains): 100...500_000
        case let n where ["position", "order", "rank", "sort", "priority", "index", "level"].contains(where: n.contains): 0...100
        case let n where ["type", "kind", "status", "state", "flag", "mode"].contains(where: n.hasSuffix): 1...5
        case let n where ["views", "likes", "visits", "clicks", "downloads"].contains(where: n.contains): 0...100_000
        case let n where ["duration", "seconds", "minutes"].contains(where: n.contains): 1...3600
        default: 1...1_000_000
        }
        let lower = max(wanted.lowerBound, limit.lowerBound)
        let upper = min(wanted.upperBound, limit.upperBound)
        return lower <= upper ? lower...upper : limit
    }

    static func realRange(column: String) -> ClosedRange<Double> {
        let name = normalized(column)
        if name.contains("latitude") || name == "lat" { return -90...90 }
        if name.contains("longitude") || name == "lng" || name == "lon" { return -180...180 }
        if ["rating", "stars"].contains(where: name.contains) { return 1...5 }
        if ["price", "amount", "cost", "total", "balance", "fee", "salary"].contains(where: name.contains) { return 1...2000 }
        if ["percent", "rate", "ratio", "probability"].contains(where: name.contains) { return 0...1 }
        return 0...1000
    }
}
