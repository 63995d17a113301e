extension TextDiff {
    /// Which elements of two sequences a shortest edit script deletes (from `a`) and inserts (from `b`). The
    /// unmarked elements of `a` and of `b` are the same sequence (a longest common subsequence), so walking both
    /// in step replays the script.
    struct EditMarks {
        var deleted: [Bool]
        var inserted: [Bool]
    }

    /// Shortest edit scripts between sequences of interned ids (dense: 0 ..< number of distinct elements).
    ///
    /// Three steps, each keeping the result minimal:
    /// 1. Trim the common prefix and suffix; edits are usually small and local.
    /// 2. Discard elements that occur nowhere on the other side: they can never be kept, so they are marked
    ///    at once and the search only sees the rest. A paragraph rewritten word by word then reduces to its
    ///    spaces and punctuation, which mostly match.
    /// 3. Myers' O(ND) algorithm ("An O(ND) Difference Algorithm and Its Variations", 1986) on what is left:
    ///    the forward search with its frontiers kept for the walk back, which takes matches as early as
    ///    possible; above `greedyLimit` elements, first the linear-space variant, which splits the problem at
    ///    the middle of an optimal path (found by searching from both ends at once) and recurses, so memory
    ///    stays bounded however large the input.
    ///
    /// The search is metered: a step is one diagonal visited or one pair of elements compared, about D²/2 steps
    /// for prose, where matches are short. Past `stepLimit` steps the search stops and everything between the
    /// common prefix and suffix becomes one deletion plus one insertion (still exact, no longer minimal).
    struct ShortestEdit {
        /// Per id: bit 1 if it occurs in the trimmed `a`, bit 2 if in the trimmed `b`. All zero between calls,
        /// so one allocation serves every pair of a diff.
        private var presence: [UInt8] = []
        /// Subproblems with at most this many elements (n + m) are solved by the forward search that keeps
        /// every frontier, whose memory grows as D²: at most about 2·10^6 entries (8 MB) here. A paragraph of
        /// up to some 500 words is one such subproblem; larger ones are first split at middle snakes.
        var greedyLimit = 2_048

        mutating func marks(_ a: [Int32], _ b: [Int32], stepLimit: inout Int) -> EditMarks {
            var marks = EditMarks(deleted: [Bool](repeating: false, count: a.count),
                                  inserted: [Bool](repeating: false, count: b.count))
            var aLow = 0, bLow = 0, aHigh = a.count, bHigh = b.count
            while aLow < aHigh, bLow < bHigh, a[aLow] == b[bLow] { aLow += 1; bLow += 1 }
            while aLow < aHigh, bLow < bHigh, a[aHigh - 1] == b[bHigh - 1] { aHigh -= 1; bHigh -= 1 }
            stepLimit -= aLow + (a.count - aHigh)

            // Keep only elements present on both sides, remembering where each kept one came from.
            let largestID = Int(max(a[aLow..<aHigh].max() ?? -1, b[bLow..<bHigh].max() ?? -1))
            if presence.count <= largestID { presence += [UInt8](repeating: 0, count: largestID + 1 - presence.count) }
            for id in a[aLow..<aHigh] { presence[Int(id)] |= 1 }
            for id in b[bLow..<bHigh] { presence[Int(id)] |= 2 }
            var keptA: [Int32] = [], keptAIndex: [Int] = []
            var keptB: [Int32] = [], keptBIndex: [Int] = []
            for index in aLow..<aHigh {
                if presence[Int(a[index])] & 2 != 0 {
                    keptA.append(a[index])
                    keptAIndex.append(index)
                } else {
                    marks.deleted[index] = true
                }
            }
            for index in bLow..<bHigh {
                if presence[Int(b[index])] & 1 != 0 {
                    keptB.append(b[index])
                    keptBIndex.append(index)
                } else {
                    marks.inserted[index] = true
                }
            }
            for id in a[aLow..<aHigh] { presence[Int(id)] = 0 }
            for id in b[bLow..<bHigh] { presence[Int(id)] = 0 }
            stepLimit -= (aHigh - aLow) + (bHigh - bLow)

            var keptDeleted = [Bool](repeating: false, count: keptA.count)
            var keptInserted = [Bool](repeating: false, count: keptB.count)
            let completed = keptA.withUnsafeBufferPointer { a in
                keptB.withUnsafeBufferPointer { b in
                    keptDeleted.withUnsafeMutableBufferPointer { deleted in
                        keptInserted.withUnsafeMutableBufferPointer { inserted in
                            var search = MyersSearch(a: a, b: b, deleted: deleted, inserted: inserted,
                                                     greedyLimit: greedyLimit, stepLimit: stepLimit)
                            defer { search.deallocate() }
                            let completed = search.compare(0, a.count, 0, b.count)
                            stepLimit = search.stepsLeft
                            return completed
                        }
                    }
                }
            }
            if completed {
                for (kept, index) in keptAIndex.enumerated() where keptDeleted[kept] { marks.deleted[index] = true }
                for (kept, index) in keptBIndex.enumerated() where keptInserted[kept] { marks.inserted[index] = true }
            } else {
                // Over budget: the changed middle is replaced as a whole.
                for index in aLow..<aHigh { marks.deleted[index] = true }
                for index in bLow..<bHigh { marks.inserted[index] = true }
            }
            return marks
        }
    }
}

/// The Myers search over two id sequences: forward search with kept frontiers for small subproblems, split at
/// a middle snake and recurse for large ones. It lives only inside `ShortestEdit.marks`, which owns the buffers
/// it points to.
///
/// Coordinates follow Myers: inside a subproblem a[aLow..<aHigh] against b[bLow..<bHigh] of sizes n and m, a
/// point (x, y) means "x elements of a and y of b consumed"; diagonal k = x − y. A move right deletes a[x], a
/// move down inserts b[y], and a diagonal move (a "snake" step) keeps an equal element. `forward[k]` holds the
/// furthest x reached on diagonal k from (0, 0) with d non-diagonal moves, `backward[k]` the smallest x reached
/// from (n, m) going back. Only moves that stay inside the n×m grid are taken, so every stored point is real.
private struct MyersSearch {
    private let a: UnsafeBufferPointer<Int32>
    private let b: UnsafeBufferPointer<Int32>
    private let deleted: UnsafeMutableBufferPointer<Bool>
    private let inserted: UnsafeMutableBufferPointer<Bool>
    /// Diagonals −(m+1)...(n+1) of the largest subproblem (the whole), shared by all subproblems.
    private let forwardStorage: UnsafeMutablePointer<Int>
    private let backwardStorage: UnsafeMutablePointer<Int>
    private let center: Int
    private let greedyLimit: Int
    private(set) var stepsLeft: Int

    init(a: UnsafeBufferPointer<Int32>, b: UnsafeBufferPointer<Int32>, deleted: UnsafeMutableBufferPointer<Bool>,
         inserted: UnsafeMutableBufferPointer<Bool>, greedyLimit: Int, stepLimit: Int) {
        self.greedyLimit = greedyLimit
        self.a = a
        self.b = b
        self.deleted = deleted
        self.inserted = inserted
        center = b.count + 1
        forwardStorage = .allocate(capacity: a.count + b.count + 3)
        backwardStorage = .allocate(capacity: a.count + b.count + 3)
        stepsLeft = stepLimit
    }

    func deallocate() {
        forwardStorage.deallocate()
        backwardStorage.deallocate()
    }

    /// Marks a shortest edit script of a[aLow..<aHigh] against b[bLow..<bHigh]; false when over budget.
    mutating func compare(_ aLow: Int, _ aHigh: Int, _ bLow: Int, _ bHigh: Int) -> Bool {
        var aLow = aLow, aHigh = aHigh, bLow = bLow, bHigh = bHigh
        while aLow < aHigh, bLow < bHigh, a[aLow] == b[bLow] { aLow += 1; bLow += 1 }
        while aLow < aHigh, bLow < bHigh, a[aHigh - 1] == b[bHigh - 1] { aHigh -= 1; bHigh -= 1 }
        if aLow == aHigh || bLow == bHigh {
            for index in aLow..<aHigh { deleted[index] = true }
            for index in bLow..<bHigh { inserted[index] = true }
            return true
        }
        if (aHigh - aLow) + (bHigh - bLow) <= greedyLimit { return greedy(aLow, aHigh, bLow, bHigh) }
        // Both sides are non-empty and differ at both ends, so D ≥ 2 and each half below costs strictly less
        // than the whole: the recursion terminates, about log₂ D levels deep.
        guard let (x, y) = middleSnake(aLow, aHigh, bLow, bHigh) else { return false }
        return compare(aLow, x, bLow, y) && compare(x, aHigh, y, bHigh)
    }

    /// Marks a shortest edit script of a subproblem with Myers' forward search, keeping every frontier, then
    /// walking back from (n, m); false when over budget.
    ///
    /// Unlike the split at a middle snake, this takes every match as early as possible, so where several
    /// shortest scripts exist, replaced words pair up in reading order: "one tablet daily" → "two tablets once
    /// daily" shows one → two, tablet → tablets, +once, rather than an insertion placed in the middle.
    private mutating func greedy(_ aLow: Int, _ aHigh: Int, _ bLow: Int, _ bHigh: Int) -> Bool {
        let n = aHigh - aLow
        let m = bHigh - bLow
        let a = self.a.baseAddress! + aLow
        let b = self.b.baseAddress! + bLow
        // Frontier d holds diagonals −d, −d+2, ..., d at frontiers[d(d+1)/2 + (k+d)/2]: the furthest x reached
        // on diagonal k with d non-diagonal moves, or −1 where that is impossible inside the grid.
        var frontiers: [Int32] = []
        var steps = stepsLeft
        defer { stepsLeft = steps }

        var d = 0
        searching: while true {
            let base = frontiers.count
            frontiers.append(contentsOf: repeatElement(-1, count: d + 1))
            let outcome: SearchStep = frontiers.withUnsafeMutableBufferPointer { frontiers in
                var k = max(-d, -m)
                if (k + d) & 1 != 0 { k += 1 }
                while k <= min(d, n) {
                    steps &-= 1
                    var x = 0
                    if d > 0 {
                        guard let step = Self.predecessor(frontiers, d, k, n: n, m: m) else { k &+= 2; continue }
                        x = step.x
                    }
                    var y = x &- k
                    let start = x
                    while x < n, y < m, a[x] == b[y] { x &+= 1; y &+= 1 }
                    steps &-= x &- start
                    frontiers[base &+ (k &+ d) / 2] = Int32(truncatingIfNeeded: x)
                    if x == n, y == m { return .reachedEnd }
                    k &+= 2
                }
                return steps < 0 ? .overBudget : .continuing
            }
            switch outcome {
            case .reachedEnd: break searching
            case .continuing: d += 1
            case .overBudget: return false
            }
        }

        // Walk back from (n, m): each step repeats the choice the search made, marks its move, and moves to
        // the diagonal it came from. The snakes in between are equal elements.
        var k = n - m
        frontiers.withUnsafeBufferPointer { frontiers in
            while d > 0, let step = Self.predecessor(frontiers, d, k, n: n, m: m) {
                if step.down {
                    inserted[bLow + step.x - k - 1] = true
                    k += 1
                } else {
                    deleted[aLow + step.x - 1] = true
                    k -= 1
                }
                d -= 1
            }
        }
        return true
    }

    private enum SearchStep { case reachedEnd, continuing, overBudget }

    /// Where step d > 0 of the forward search on diagonal k comes from: frontier d−1 on diagonal k+1 moving
    /// down (an insertion) or on k−1 moving right (a deletion), whichever reaches further inside the grid
    /// (down on a tie); nil if neither can.
    private static func predecessor<Frontiers: Collection<Int32>>(_ frontiers: Frontiers, _ d: Int, _ k: Int, n: Int, m: Int)
        -> (x: Int, down: Bool)? where Frontiers.Index == Int {
        let previous = (d &- 1) &* d / 2
        var x = -1
        var down = false
        if k &+ 1 <= d &- 1 {
            let above = Int(frontiers[previous &+ (k &+ d) / 2])
            if above >= 0, above &- k <= m { x = above; down = true }
        }
        if k &- 1 >= 1 &- d {
            let left = Int(frontiers[previous &+ (k &+ d &- 2) / 2])
            if left >= 0, left < n, left &+ 1 > x { x = left &+ 1; down = false }
        }
        return x >= 0 ? (x, down) : nil
    }

    /// A point (absolute indices) on a shortest path through the subproblem, with cost ⌈D/2⌉ before it and
    /// ⌊D/2⌋ after; nil when over budget.
    ///
    /// Why the point is on a shortest path: the forward search reaches it from the start with d1 moves; the
    /// backward search reaches the end, with d2 moves, from a point earlier on the same diagonal; and the
    /// distance to the end never grows when moving forward along a diagonal (dropping the first element of
    /// both sides loses at most one element of a longest common subsequence). So the point lies on a path of
    /// cost d1 + d2, and no path is shorter, since the frontiers would have met at a smaller total.
    private mutating func middleSnake(_ aLow: Int, _ aHigh: Int, _ bLow: Int, _ bHigh: Int) -> (Int, Int)? {
        let n = aHigh - aLow
        let m = bHigh - bLow
        let delta = n - m
        // D ≡ n + m ≡ delta (mod 2): with an odd delta the frontiers can first meet after a forward step,
        // with an even one after a backward step.
        let deltaIsOdd = delta & 1 != 0
        let a = self.a.baseAddress! + aLow
        let b = self.b.baseAddress! + bLow
        let forward = forwardStorage + center
        let backward = backwardStorage + center
        let unreachedForward = -1
        let unreachedBackward = n + 1
        var steps = stepsLeft
        defer { stepsLeft = steps }

        var d = 0
        while true {
            // Forward step d. Diagonals −d−1, −d, d and d+1 have never been written (step e writes only
            // −e...e): clear them before reading neighbours, within the grid's diagonals −(m+1)...(n+1).
            Self.clear(forward, -d - 1, -d, to: unreachedForward, n: n, m: m)
            Self.clear(forward, d, d + 1, to: unreachedForward, n: n, m: m)
            // Diagonals are visited from the highest down: where the frontiers meet on several diagonals, the
            // split chosen has the most deletions before it (an arbitrary but fixed choice).
            var k = min(d, n)
            if (k - d) & 1 != 0 { k -= 1 }
            let forwardLow = max(-d, -m)
            while k >= forwardLow {
                var x: Int
                if d == 0 {
                    x = 0
                } else {
                    x = unreachedForward
                    let above = forward[k + 1]  // move down from diagonal k+1: insert b[y]
                    if above != unreachedForward, above &- k <= m { x = above }
                    let left = forward[k - 1]  // move right from diagonal k−1: delete a[x]
                    if left != unreachedForward, left < n, left &+ 1 > x { x = left &+ 1 }
                }
                if x != unreachedForward {
                    var y = x &- k
                    let start = x
                    while x < n, y < m, a[x] == b[y] { x &+= 1; y &+= 1 }
                    steps &-= x &- start
                    if deltaIsOdd, k >= delta - (d - 1), k <= delta + (d - 1), x >= backward[k] {
                        return (aLow + x, bLow + y)
                    }
                }
                forward[k] = x
                steps &-= 1
                k &-= 2
            }
            if steps < 0 { return nil }

            // Backward step d, around diagonal delta where (n, m) lies.
            Self.clear(backward, delta - d - 1, delta - d, to: unreachedBackward, n: n, m: m)
            Self.clear(backward, delta + d, delta + d + 1, to: unreachedBackward, n: n, m: m)
            k = min(delta + d, n)
            if (k - delta - d) & 1 != 0 { k -= 1 }
            let backwardLow = max(delta - d, -m)
            while k >= backwardLow {
                var x: Int
                if d == 0 {
                    x = n
                } else {
                    x = unreachedBackward
                    let right = backward[k + 1]  // move left from diagonal k+1: a[x−1] deleted
                    if right != unreachedBackward, right > 0 { x = right &- 1 }
                    let below = backward[k - 1]  // move up from diagonal k−1: b[y−1] inserted
                    if below != unreachedBackward, below >= k, below < x { x = below }
                }
                if x != unreachedBackward {
                    var y = x &- k
                    let start = x
                    while x > 0, y > 0, a[x &- 1] == b[y &- 1] { x &-= 1; y &-= 1 }
                    steps &-= start &- x
                    if !deltaIsOdd, k >= -d, k <= d, forward[k] != unreachedForward, x <= forward[k] {
                        // Split at the forward frontier's point, which is at or after this one on the diagonal.
                        return (aLow + forward[k], bLow + forward[k] - k)
                    }
                }
                backward[k] = x
                steps &-= 1
                k &-= 2
            }
            if steps < 0 { return nil }
            d += 1
        }
    }

    /// Sets diagonals low...high, clipped to the subproblem's diagonals −(m+1)...(n+1), to `value`.
    private static func clear(_ diagonals: UnsafeMutablePointer<Int>, _ low: Int, _ high: Int, to value: Int, n: Int, m: Int) {
        var k = max(low, -m - 1)
        while k <= min(high, n + 1) {
            diagonals[k] = value
            k += 1
        }
    }
}
