@testable import ContentKit
import Testing

/// Parts read on the calling thread and worked on by both cores come back in order, and a failed read is thrown
/// without losing the thread that works beside it.
@Suite struct ReadAheadTests {
    struct ReadFailure: Error, Equatable {
        let part: Int
    }

    @Test(arguments: [10, 5_000])
    func valuesComeBackInOrder(count: Int) throws {
        var reads: [Range<Int>] = []
        let values = try ReadAhead.joinedParts(of: count, count: 64, read: { (range) throws(ReadFailure) in
            reads.append(range)
            return Array(range)
        }, work: { numbers in numbers.map { $0 * 2 } })
        #expect(values == (0..<count).map { $0 * 2 })
        #expect(reads.map(\.lowerBound) == reads.map(\.lowerBound).sorted())
        #expect(reads.reduce(0) { $0 + $1.count } == count)
    }

    @Test func aFailedReadIsThrownAndReadingStops() {
        var reads = 0
        #expect(throws: ReadFailure(part: 20)) {
            _ = try ReadAhead.joinedParts(of: 5_000, count: 64, read: { (range) throws(ReadFailure) in
                reads += 1
                if reads == 21 { throw ReadFailure(part: 20) }
                return Array(range)
            }, work: { numbers in numbers })
        }
        #expect(reads == 21)
    }
}
