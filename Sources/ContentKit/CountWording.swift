// How counts are put into words for people.

/// "1 day", "3 days": a count with its noun in the right number.
public func counted(_ count: Int, _ noun: String) -> String {
    "\(count) " + (count == 1 || count == -1 ? noun : noun + "s")
}

/// A whole-number share, rounded down so it never overstates; 100 of nothing.
func percent(_ part: Int, of whole: Int) -> Int {
    whole == 0 ? 100 : part * 100 / whole
}
