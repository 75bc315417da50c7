/// `1 migration`, `2 migrations`: a count with its noun in the right number.
func counted(_ count: Int, _ noun: String) -> String {
    "\(count) \(noun)\(count == 1 ? "" : "s")"
}
