/// The words generated rows are made of: common given names and family
/// names, places, companies and everyday words, so generated data reads like
/// a real application's (and sorts, searches and truncates like it).
enum SampleVocabulary {
    static let givenNames = [
        "Ada", "Alan", "Alice", "Amara", "Amelia", "Ana", "Andrea", "Anna", "Arjun", "Ava", "Beatriz", "Ben", "Carla", "Carlos",
        "Chen", "Chloe", "Daniel", "David", "Diego", "Elena", "Eli", "Emma", "Ethan", "Fatima", "Felix", "Grace", "Hana", "Hannah",
        "Hugo", "Ines", "Isaac", "Ivan", "Jack", "James", "Jana", "Jin", "Jonas", "Julia", "Kai", "Karin", "Kenji", "Lara", "Leo",
        "Liam", "Lina", "Lucas", "Lucia", "Maya", "Mia", "Miguel", "Mila", "Nadia", "Noah", "Nora", "Olivia", "Omar", "Oscar",
        "Paula", "Priya", "Rafael", "Rosa", "Ruth", "Sam", "Sara", "Sofia", "Tariq", "Theo", "Tomas", "Uma", "Victor", "Yara",
        "Yusuf", "Zoe",
    ]

    static let familyNames = [
        "Abbott", "Adeyemi", "Alvarez", "Andersen", "Bauer", "Becker", "Bianchi", "Brown", "Campbell", "Chen", "Costa", "Dubois",
        "Edwards", "Fischer", "Garcia", "Gonzalez", "Hansen", "Hughes", "Ito", "Jansen", "Johnson", "Kaur", "Kim", "Kowalski",
        "Larsen", "Lee", "Lopez", "Martin", "Meyer", "Moreau", "Muller", "Nakamura", "Nguyen", "Novak", "Okafor", "Olsen", "Patel",
        "Perez", "Petrov", "Quinn", "Rossi", "Santos", "Schmidt", "Silva", "Singh", "Smith", "Sousa", "Tanaka", "Taylor", "Walker",
        "Wang", "Weber", "Williams", "Wilson", "Yamamoto", "Zhang",
    ]

    static let cities = [
        "Amsterdam", "Austin", "Barcelona", "Berlin", "Bogota", "Boston", "Cairo", "Cape Town", "Chicago", "Copenhagen", "Denver",
        "Dublin", "Helsinki", "Lagos", "Lima", "Lisbon", "London", "Lyon", "Madrid", "Melbourne", "Mexico City", "Montreal", "Mumbai",
        "Nairobi", "Osaka", "Oslo", "Paris", "Porto", "Prague", "Seattle", "Seoul", "Singapore", "Stockholm", "Sydney", "Tokyo",
        "Toronto", "Vienna", "Warsaw", "Zurich",
    ]

    static let countries = [
        "Argentina", "Australia", "Austria", "Brazil", "Canada", "Chile", "Denmark", "Egypt", "Finland", "France", "Germany", "India",
        "Ireland", "Italy", "Japan", "Kenya", "Mexico", "Netherlands", "Nigeria", "Norway", "Poland", "Portugal", "South Africa",
        "South Korea", "Spain", "Sweden", "Switzerland", "United Kingdom", "United States",
    ]

    static let countryCodes = ["AR", "AU", "AT", "BR", "CA", "CL", "DK", "EG", "FI", "FR", "DE", "IN", "IE", "IT", "JP", "KE", "MX", "NL", "NG", "NO", "PL", "PT", "ZA", "KR", "ES", "SE", "CH", "GB", "US"]

    static let companies = [
        "Acme", "Bluebird", "Brightline", "Cedar", "Copperleaf", "Evergreen", "Fieldstone", "Granite", "Harbor", "Ironwood", "Juniper",
        "Keystone", "Lighthouse", "Maple", "Meridian", "Northwind", "Oakridge", "Pinecrest", "Quarry", "Redwood", "Riverside",
        "Silverline", "Summit", "Tidewater", "Upland", "Willow",
    ]

    static let companySuffixes = ["Labs", "Systems", "Group", "Works", "Partners", "Studio", "Logistics", "Health", "Foods", "Energy"]

    static let domains = ["example.com", "example.org", "example.net", "mail.example.com", "test.example"]

    static let streets = ["Main", "Oak", "Maple", "Park", "Cedar", "Elm", "Lake", "Hill", "Church", "Mill", "River", "Station", "High", "King"]

    static let streetKinds = ["Street", "Avenue", "Road", "Lane", "Way", "Square"]

    /// Everyday words for titles and sentences.
    static let words = [
        "account", "action", "answer", "area", "around", "art", "autumn", "balance", "basket", "before", "better", "bicycle", "bright",
        "budget", "build", "calm", "camera", "careful", "change", "clear", "cloud", "coffee", "common", "complete", "corner", "course",
        "create", "daily", "delivery", "design", "detail", "digital", "direct", "early", "easy", "energy", "evening", "event", "expert",
        "fair", "family", "fast", "field", "final", "first", "focus", "forest", "fresh", "friendly", "garden", "gentle", "global",
        "good", "great", "green", "guide", "happy", "harbor", "health", "history", "home", "honest", "idea", "important", "island",
        "journey", "kitchen", "language", "large", "late", "light", "little", "local", "market", "measure", "method", "modern",
        "morning", "music", "natural", "network", "new", "notice", "number", "ocean", "office", "open", "order", "paper", "people",
        "perfect", "picture", "place", "plan", "point", "practical", "project", "quick", "quiet", "ready", "recipe", "record",
        "report", "river", "road", "room", "safe", "season", "second", "service", "simple", "small", "smart", "social", "solid",
        "special", "spring", "square", "standard", "story", "strong", "study", "summer", "system", "table", "team", "theory",
        "today", "travel", "true", "update", "useful", "valley", "value", "village", "water", "weekly", "window", "winter", "work",
        "world", "yellow", "young",
    ]

    static let productNouns = ["Lamp", "Chair", "Backpack", "Kettle", "Notebook", "Jacket", "Headphones", "Mug", "Blanket", "Bottle", "Desk", "Speaker", "Watch", "Sneakers"]
}
