import GitKit

/// Commits waiting to be visited, newest committer time first and, among equal times, first in first out:
/// the order in which `git log` visits history.
struct CommitQueue {
    struct Item {
        let commit: CommitHeader
        let sequence: Int
    }

    private var heap: [Item] = []
    private var nextSequence = 0

    var isEmpty: Bool { heap.isEmpty }

    mutating func push(_ commit: CommitHeader) {
        heap.append(Item(commit: commit, sequence: nextSequence))
        nextSequence += 1
        var child = heap.count - 1
        while child > 0 {
            let parent = (child - 1) / 2
            guard Self.precedes(heap[child], heap[parent]) else { break }
            heap.swapAt(child, parent)
            child = parent
        }
    }

    mutating func pop() -> CommitHeader? {
        guard !heap.isEmpty else { return nil }
        heap.swapAt(0, heap.count - 1)
        let top = heap.removeLast()
        var parent = 0
        while true {
            let left = 2 * parent + 1
            let right = left + 1
            var first = parent
            if left < heap.count, Self.precedes(heap[left], heap[first]) { first = left }
            if right < heap.count, Self.precedes(heap[right], heap[first]) { first = right }
            guard first != parent else { break }
            heap.swapAt(parent, first)
            parent = first
        }
        return top.commit
    }

    private static func precedes(_ lhs: Item, _ rhs: Item) -> Bool {
        lhs.commit.seconds != rhs.commit.seconds ? lhs.commit.seconds > rhs.commit.seconds : lhs.sequence < rhs.sequence
    }
}
