import Testing
import TestSupport
@testable import ContentKit

/// `pieces(separatedBy:)` is the standard library's split keeping empty pieces, found faster; the split is the oracle.
@Suite struct BytePiecesTests {
    @Test func piecesAreTheSplitKeepingEmptyOnes() {
        var generator = SeededGenerator(seed: 10)
        var inputs: [[UInt8]] = [[], [0x0A], [0x0A, 0x0A], [1, 2, 3], [0x0A, 1], [1, 0x0A]]
        inputs += (0..<500).map { _ in (0..<Int.random(in: 0...40, using: &generator)).map { _ in [0x0A, 0x41, 0x42][Int.random(in: 0...2, using: &generator)] } }
        for input in inputs {
            // A slice that does not start at index 0, as the caches' lines do.
            let slice = ([0x0A, 0x43] + input)[2...]
            #expect(slice.pieces(separatedBy: 0x0A) == slice.split(separator: 0x0A, omittingEmptySubsequences: false), "\(input)")
        }
    }
}
