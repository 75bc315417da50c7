/// `1 migration`, `2 migrations`, `3 batches`: a count with its noun in the right number.
func counted(_ count: Int, _ noun: String) -> String {
    let plural = noun.hasSuffix("ch") || noun.hasSuffix("sh") || noun.hasSuffix("s") || noun.hasSuffix("x") ? noun + "es" : noun + "s"
    return "\(count) \(count == 1 ? noun : plural)"
}
