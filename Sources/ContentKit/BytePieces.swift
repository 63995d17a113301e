import Foundation

extension ArraySlice where Element == UInt8 {
    /// The pieces between each `separator`, empty ones included: `split(separator:omittingEmptySubsequences: false)`,
    /// found with memchr. The generic split tests byte by byte through a closure, and the caches it splits run to
    /// megabytes and hundreds of thousands of fields.
    func pieces(separatedBy separator: UInt8) -> [ArraySlice<UInt8>] {
        var pieces: [ArraySlice<UInt8>] = []
        withUnsafeBufferPointer { buffer in
            guard let base = buffer.baseAddress else { return }
            var start = 0
            while true {
                guard let found = memchr(base + start, Int32(separator), buffer.count - start) else {
                    pieces.append(self[(startIndex + start)...])
                    return
                }
                let end = base.distance(to: found.assumingMemoryBound(to: UInt8.self))
                pieces.append(self[(startIndex + start)..<(startIndex + end)])
                start = end + 1
            }
        }
        if pieces.isEmpty { pieces.append(self) }
        return pieces
    }
}
