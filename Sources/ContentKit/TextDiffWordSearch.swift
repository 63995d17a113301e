extension TextDiff.ShortestEdit {
    /// The edit marks of two paragraphs' tokens, searched without their whitespace: words and punctuation get a
    /// shortest edit script, and whitespace between them is kept where both sides share it at the edges of a change.
    ///
    /// Whitespace runs match almost everywhere, so searching them roughly doubles the tokens and cuts a rewritten
    /// sentence into one-word changes between kept spaces; git's `--word-diff` leaves them out for the same reason.
    /// Left out, a rewritten stretch reads as one deletion and one insertion, the words kept are as many as can be
    /// (whitespace is never a word, so word counts stay minimal), and the result is still exact.
    mutating func wordMarks(_ old: TextDiff.TokenIDs, _ new: TextDiff.TokenIDs, stepLimit: inout Int) -> TextDiff.EditMarks {
        let oldSearched = old.isSpace.indices.filter { !old.isSpace[$0] }
        let newSearched = new.isSpace.indices.filter { !new.isSpace[$0] }
        let searched = marks(oldSearched.map { old.ids[$0] }, newSearched.map { new.ids[$0] }, stepLimit: &stepLimit)

        var result = TextDiff.EditMarks(deleted: [Bool](repeating: true, count: old.ids.count),
                                        inserted: [Bool](repeating: true, count: new.ids.count))
        // Walk the kept tokens in step; each gap between two kept pairs (and before the first and after the last)
        // keeps its shared leading and trailing whitespace.
        var oldGapStart = 0
        var newGapStart = 0
        var oldIndex = 0
        var newIndex = 0
        while true {
            while oldIndex < oldSearched.count, searched.deleted[oldIndex] { oldIndex += 1 }
            while newIndex < newSearched.count, searched.inserted[newIndex] { newIndex += 1 }
            let atEnd = oldIndex == oldSearched.count || newIndex == newSearched.count
            let oldGapEnd = atEnd ? old.ids.count : oldSearched[oldIndex]
            let newGapEnd = atEnd ? new.ids.count : newSearched[newIndex]
            Self.keepSharedSpaces(old, oldGapStart..<oldGapEnd, new, newGapStart..<newGapEnd, in: &result)
            if atEnd { return result }
            result.deleted[oldGapEnd] = false
            result.inserted[newGapEnd] = false
            oldGapStart = oldGapEnd + 1
            newGapStart = newGapEnd + 1
            oldIndex += 1
            newIndex += 1
        }
    }

    /// Unmarks the whitespace tokens the two gaps share at their start and at their end.
    private static func keepSharedSpaces(_ old: TextDiff.TokenIDs, _ oldGap: Range<Int>, _ new: TextDiff.TokenIDs, _ newGap: Range<Int>,
                                  in marks: inout TextDiff.EditMarks) {
        var oldLow = oldGap.lowerBound, newLow = newGap.lowerBound
        var oldHigh = oldGap.upperBound, newHigh = newGap.upperBound
        while oldLow < oldHigh, newLow < newHigh, old.isSpace[oldLow], old.ids[oldLow] == new.ids[newLow] {
            marks.deleted[oldLow] = false
            marks.inserted[newLow] = false
            oldLow += 1
            newLow += 1
        }
        while oldLow < oldHigh, newLow < newHigh, old.isSpace[oldHigh - 1], old.ids[oldHigh - 1] == new.ids[newHigh - 1] {
            oldHigh -= 1
            newHigh -= 1
            marks.deleted[oldHigh] = false
            marks.inserted[newHigh] = false
        }
    }
}
