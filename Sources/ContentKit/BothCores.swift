import Foundation

/// Splits work over thousands of values between both cores of the machine: where a run maps or writes every
/// module on one core while the other waits, the parts run at once.
enum BothCores {
    /// Below this many values a split costs more than it saves.
    static let minimumCount = 2_000

    /// `work` on the first and the second half of `0..<count`, at once when `count` is large, in order.
    static func halves<Result: Sendable>(of count: Int, splittingFrom minimum: Int = minimumCount,
                                         _ work: @Sendable (Range<Int>) -> Result) -> (Result, Result) {
        let results = parts(of: count, count: 2, splittingFrom: minimum, work)
        return (results[0], results[1])
    }

    /// `work` on `parts` consecutive ranges of `0..<count`, in order. Each core takes the next range when it finishes
    /// one, so values that cost unevenly (modules of very different lengths) still keep both cores busy to the end.
    /// `splittingFrom`: the fewest values worth splitting, lower for values that each cost much.
    static func parts<Result: Sendable>(of count: Int, count parts: Int, splittingFrom minimum: Int = minimumCount,
                                        _ work: @Sendable (Range<Int>) -> Result) -> [Result] {
        let ranges = self.ranges(of: count, count: parts)
        guard count >= minimum else { return ranges.map(work) }
        let results = Results<Result>(count: parts)
        DispatchQueue.concurrentPerform(iterations: parts) { part in
            results.set(part, work(ranges[part]))
        }
        return results.all()
    }

    /// `parts` consecutive ranges that together make `0..<count`, of sizes differing by at most one.
    static func ranges(of count: Int, count parts: Int) -> [Range<Int>] {
        (0..<parts).map { part in (count * part / parts)..<(count * (part + 1) / parts) }
    }

    /// The results, each written once by its own iteration.
    private final class Results<Result: Sendable>: @unchecked Sendable {
        private let lock = NSLock()
        private var values: [Result?]

        init(count: Int) {
            values = Array(repeating: nil, count: count)
        }

        func set(_ part: Int, _ value: Result) {
            lock.withLock { values[part] = value }
        }

        func all() -> [Result] {
            lock.withLock {
                values.map { value in
                    guard let value else { preconditionFailure("concurrentPerform ran every part") }
                    return value
                }
            }
        }
    }
}

extension Array where Element: Sendable {
    /// `map`, run on both cores for large arrays, in sixteen parts for balance.
    func mapOnBothCores<T: Sendable>(_ transform: @Sendable (Element) -> T) -> [T] {
        Array<T>(BothCores.parts(of: count, count: 16) { range in self[range].map(transform) }.joined())
    }
}
