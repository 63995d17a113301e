/// "1 day", "3 days": a count with its noun in the right number.
public func counted(_ count: Int, _ noun: String, plural: String? = nil) -> String {
    "\(count) " + (count == 1 || count == -1 ? noun : plural ?? noun + "s")
}
