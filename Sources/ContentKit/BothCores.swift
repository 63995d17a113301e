import Foundation

/// Splits work over thousands of values between both cores of the machine: where a run maps or writes every
/// module on one core while the other waits, the two halves run at once.
enum BothCores {
    /// Below this many values a split costs more than it saves.
    static let minimumCount = 2_000

    /// `work` on the first and the second half of `0..<count`, at once when `count` is large, in order.
    static func halves<Result: Sendable>(of count: Int, _ work: @Sendable (Range<Int>) -> Result) -> (Result, Result) {
        let middle = count / 2
        guard count >= minimumCount else { return (work(0..<middle), work(middle..<count)) }
        let results = Results<Result>()
        DispatchQueue.concurrentPerform(iterations: 2) { part in
            results.set(part, work(part == 0 ? 0..<middle : middle..<count))
        }
        return results.both()
    }

    /// The two results, each written once by its own iteration.
    private final class Results<Result: Sendable>: @unchecked Sendable {
        private let lock = NSLock()
        private var values: [Int: Result] = [:]

        func set(_ part: Int, _ value: Result) {
            lock.withLock { values[part] = value }
        }

        func both() -> (Result, Result) {
            lock.withLock {
                guard let first = values[0], let second = values[1] else { preconditionFailure("concurrentPerform ran both parts") }
                return (first, second)
            }
        }
    }
}

extension Array where Element: Sendable {
    /// `map`, run on both cores for large arrays.
    func mapOnBothCores<T: Sendable>(_ transform: @Sendable (Element) -> T) -> [T] {
        let (first, second) = BothCores.halves(of: count) { range in self[range].map(transform) }
        return first + second
    }
}
