import Dispatch
import Foundation

/// Work on thousands of git objects split over both cores, with every read on the calling thread.
///
/// libgit2 keeps one in-memory pack per pack file for all handles, behind locks taken several times per object
/// read; two threads reading at once spent 6% of a far diff's samples waiting on each other there. So one thread reads
/// the parts in order while the other core works on parts already read, and the reading thread works too whenever
/// it is ahead.
enum ReadAhead {
    /// `work` on each of `parts` consecutive ranges of `0..<count` after `read` on it, joined in order; `read` runs on
    /// the calling thread only. A failed read stops the reading, parts not yet taken are dropped, and the error is thrown
    /// once the parts being worked on are done.
    static func joinedParts<Input: Sendable, Value: Sendable, Failure: Error>(
        of count: Int, count parts: Int, splittingFrom minimum: Int = BothCores.minimumCount,
        read: (Range<Int>) throws(Failure) -> Input, work: @escaping @Sendable (Input) -> [Value]
    ) throws(Failure) -> [Value] {
        let ranges = BothCores.ranges(of: count, count: parts)
        guard count >= minimum else {
            var values: [Value] = []
            for range in ranges { values += work(try read(range)) }
            return values
        }
        let queue = Queue<Input, Value>(parts: parts)
        let other = DispatchGroup()
        DispatchQueue.global().async(group: other) {
            while let (part, input) = queue.next(waiting: true) { queue.finish(part, work(input)) }
        }
        var failure: Failure?
        do {
            for (part, range) in ranges.enumerated() {
                queue.add(part, try read(range))
                // The other core is behind: work on a part already read rather than read further.
                while queue.waiting >= 4, let (ready, input) = queue.next(waiting: false) { queue.finish(ready, work(input)) }
            }
        } catch {
            failure = error
        }
        queue.endReading(droppingWaiting: failure != nil)
        while let (ready, input) = queue.next(waiting: false) { queue.finish(ready, work(input)) }
        other.wait()
        if let failure { throw failure }
        return queue.joined()
    }

    /// Parts read and waiting, and the values of parts done, shared by the two threads.
    private final class Queue<Input: Sendable, Value: Sendable>: @unchecked Sendable {
        private let condition = NSCondition()
        /// Guarded by `condition`, as are the two below.
        private var ready: [(part: Int, input: Input)] = []
        private var readingEnded = false
        private var done: [[Value]?]

        init(parts: Int) {
            done = Array(repeating: nil, count: parts)
        }

        var waiting: Int {
            condition.withLock { ready.count }
        }

        func add(_ part: Int, _ input: Input) {
            condition.withLock {
                ready.append((part, input))
                condition.signal()
            }
        }

        /// `droppingWaiting`: after a failed read, parts read but not yet taken are not worked on.
        func endReading(droppingWaiting: Bool) {
            condition.withLock {
                if droppingWaiting { ready.removeAll() }
                readingEnded = true
                condition.broadcast()
            }
        }

        /// The oldest part read and not yet taken; with `waiting`, waits for one until reading has ended.
        func next(waiting: Bool) -> (Int, Input)? {
            condition.withLock {
                while ready.isEmpty, waiting, !readingEnded { condition.wait() }
                return ready.isEmpty ? nil : ready.removeFirst()
            }
        }

        func finish(_ part: Int, _ values: [Value]) {
            condition.withLock { done[part] = values }
        }

        /// Every part's values in order; parts not worked on (after a failed read) are left out.
        func joined() -> [Value] {
            condition.withLock { done.flatMap { $0 ?? [] } }
        }
    }
}
