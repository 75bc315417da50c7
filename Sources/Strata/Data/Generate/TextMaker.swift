/// Text in a style, from the vocabulary: names that go with their e-mail
/// addresses, titles in title case, paragraphs of sentences, and the
/// `unique` suffix that keeps unique columns unique.
enum TextMaker {
    typealias Words = SampleVocabulary

    /// A row's person: the e-mail address, user name and name columns of one row all belong to them.
    struct Persona {
        var givenName: String
        var familyName: String

        init(random: inout SeededRandom) {
            givenName = random.pick(Words.givenNames)
            familyName = random.pick(Words.familyNames)
        }
    }

    /// A text of `style` within `length` characters; `serial` (when given)
    /// is worked into it so that no two serials give the same text.
    static func make(_ style: TextStyle, length: ClosedRange<Int>, serial: Int?, persona: Persona, random: inout SeededRandom) -> String {
        let suffix = serial.map(String.init)
        let room = length.upperBound - (suffix.map { $0.count + 1 } ?? 0)
        var text: String
        switch style {
        case .email:
            let local = "\(persona.givenName).\(persona.familyName)".lowercased()
            let domain = random.pick(Words.domains)
            let tag = suffix ?? String(random.below(1000))
            text = fitted(local, room: length.upperBound - tag.count - domain.count - 1) + tag + "@" + domain
            return padded(text, to: length, random: &random)
        case .givenName: text = persona.givenName
        case .familyName: text = persona.familyName
        case .fullName: text = "\(persona.givenName) \(persona.familyName)"
        case .username: text = "\(persona.givenName.prefix(1))\(persona.familyName)".lowercased()
        case .slug: text = (0..<(2 + random.below(3))).map { _ in random.pick(Words.words) }.joined(separator: "-")
        case .title: text = sentence(words: 2 + random.below(5), random: &random, period: false).capitalizedWords
        case .paragraph: text = (0..<(1 + random.below(3))).map { _ in sentence(words: 6 + random.below(10), random: &random, period: true) }.joined(separator: " ")
        case .url: text = "https://\(random.pick(Words.domains))/\(random.pick(Words.words))/\(random.pick(Words.words))"
        case .imageURL: text = "https://images.example.com/\(random.pick(Words.words))-\(random.below(100_000)).jpg"
        case .phone: text = "+1-555-\(digits(3, &random))-\(digits(4, &random))"
        case .city: text = random.pick(Words.cities)
        case .country: text = length.upperBound <= 3 ? random.pick(Words.countryCodes) : random.pick(Words.countries)
        case .countryCode: text = random.pick(Words.countryCodes)
        case .company: text = "\(random.pick(Words.companies)) \(random.pick(Words.companySuffixes))"
        case .product: text = "\(random.pick(Words.words).capitalizedWords) \(random.pick(Words.productNouns))"
        case .street: text = "\(1 + random.below(999)) \(random.pick(Words.streets)) \(random.pick(Words.streetKinds))"
        case .postalCode: text = digits(5, &random)
        case .color: text = "#" + (0..<6).map { _ in String(random.below(16), radix: 16) }.joined()
        case .currency: text = random.pick(["USD", "EUR", "GBP", "JPY", "CAD", "AUD", "CHF", "SEK", "BRL", "INR"])
        case .locale: text = random.pick(["en-US", "en-GB", "de-DE", "fr-FR", "es-ES", "pt-BR", "ja-JP", "nl-NL", "sv-SE", "it-IT"])
        case .token: text = (0..<min(64, max(16, room))).map { _ in String(random.below(16), radix: 16) }.joined()
        case .code: text = String((0..<3).map { _ in Character(Unicode.Scalar(UInt8(65 + random.below(26)))) }) + "-" + digits(5, &random)
        case .status: text = random.pick(["active", "pending", "active", "archived", "active", "draft"])
        case .role: text = random.pick(["member", "member", "member", "admin", "editor", "viewer"])
        case .identifier: text = "c" + String(random.next() >> 8, radix: 36)
        case .words: text = sentence(words: 1 + random.below(3), random: &random, period: false)
        case .domain: text = "\(random.pick(Words.words))-\(random.pick(Words.words)).\(random.pick(["com", "org", "net", "io", "dev"]))"
        case .path: text = "/" + (0..<(1 + random.below(3))).map { _ in random.pick(Words.words) }.joined(separator: "/")
        case .browser: text = random.pick(["chrome", "chrome", "safari", "firefox", "edge", "opera", "samsung"])
        case .operatingSystem: text = random.pick(["Windows 10", "Mac OS", "Linux", "iOS", "Android OS", "Chrome OS"])
        case .device: text = random.pick(["desktop", "desktop", "mobile", "mobile", "tablet", "laptop"])
        case .screen: text = random.pick(["1920x1080", "1366x768", "1536x864", "1440x900", "390x844", "414x896", "2560x1440"])
        case .region: text = random.pick(["CA", "NY", "TX", "WA", "ON", "BY", "IDF", "ENG", "NSW", "13"])
        case .ipAddress: text = ipAddress(&random)
        case .word: text = random.pick(Words.words)
        }
        if let suffix {
            text = fitted(text, room: room) + (text.isEmpty || room <= 0 ? "" : [.slug, .username, .identifier, .code, .token].contains(style) ? "-" : " ") + suffix
            if text.count > length.upperBound { text = String(text.suffix(length.upperBound)) }
        } else {
            text = fitted(text, room: length.upperBound)
        }
        return padded(text, to: length, random: &random)
    }

    /// Words of the vocabulary, the first capitalized.
    static func sentence(words count: Int, random: inout SeededRandom, period: Bool) -> String {
        var words = (0..<count).map { _ in random.pick(Words.words) }
        words[0] = words[0].prefix(1).uppercased() + words[0].dropFirst()
        return words.joined(separator: " ") + (period ? "." : "")
    }

    /// A private-looking IPv4 address.
    static func ipAddress(_ random: inout SeededRandom) -> String {
        "\(10 + random.below(200)).\(random.below(256)).\(random.below(256)).\(1 + random.below(254))"
    }

    private static func digits(_ count: Int, _ random: inout SeededRandom) -> String {
        String((0..<count).map { _ in Character(Unicode.Scalar(UInt8(48 + random.below(10)))) })
    }

    /// At most `room` characters, cut at a word where it can be.
    private static func fitted(_ text: String, room: Int) -> String {
        guard text.count > room else { return text }
        guard room > 0 else { return "" }
        let cut = text.prefix(room)
        if let space = cut.lastIndex(of: " "), cut.distance(from: cut.startIndex, to: space) > room / 2 { return String(cut[..<space]) }
        return String(cut)
    }

    /// At least `length.lowerBound` characters.
    private static func padded(_ text: String, to length: ClosedRange<Int>, random: inout SeededRandom) -> String {
        var text = text
        while text.count < length.lowerBound { text += (text.isEmpty ? "" : " ") + random.pick(Words.words) }
        return text.count > length.upperBound ? String(text.prefix(length.upperBound)) : text
    }
}

extension String {
    /// Each word's first letter upper-cased.
    var capitalizedWords: String {
        split(separator: " ").map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined(separator: " ")
    }
}
