import Foundation
import GitKit

/// git's similarity estimate between two regular files (diffcore-delta.c and `estimate_similarity`):
/// each file is cut into chunks that end after a newline or at 64 bytes, each chunk is hashed, and the bytes
/// of the chunks both files share (per hash, the smaller of the two byte counts) are divided by the larger size.
/// Scores run from 0 to 60000. Each blob is read and summarised once.
struct RenameSimilarity {
    /// What the estimate needs of a blob: its size and its chunk hashes with their byte counts.
    struct Signature {
        let size: Int
        /// Sorted by hash; each value packs the hash in the high 32 bits and its byte count in the low 32 bits.
        let spans: [UInt64]
    }

    static let hashBase: UInt32 = 107_927

    private var signatures: [ObjectID: Signature] = [:]

    /// The score of `destination` as a copy of `source`; 0 for symlinks or when the sizes are too far apart for
    /// `minimumScore` to be reachable.
    mutating func estimate(_ source: RenameDetection.FileState, _ destination: RenameDetection.FileState, minimumScore: Int,
                           content: (ObjectID) throws(GitError) -> Data) throws(GitError) -> Int {
        guard source.isRegular, destination.isRegular else { return 0 }
        return Self.score(try signature(source.blob, content: content), try signature(destination.blob, content: content),
                          minimumScore: minimumScore)
    }

    /// The blob's signature for a regular file, nil for a symlink (symlinks are only renamed exactly).
    mutating func signature(of file: RenameDetection.FileState,
                            content: (ObjectID) throws(GitError) -> Data) throws(GitError) -> Signature? {
        file.isRegular ? try signature(file.blob, content: content) : nil
    }

    /// git's `estimate_similarity` once both blobs are known.
    static func score(_ from: Signature, _ to: Signature, minimumScore: Int) -> Int {
        let largest = max(from.size, to.size)
        let smallest = min(from.size, to.size)
        if largest * (RenameDetection.maxScore - minimumScore) < (largest - smallest) * RenameDetection.maxScore { return 0 }
        if to.size == 0 { return 0 }   // also covers two empty files, which git scores 0 here
        return copiedBytes(from.spans, to.spans) * RenameDetection.maxScore / largest
    }

    private mutating func signature(_ blob: ObjectID, content: (ObjectID) throws(GitError) -> Data) throws(GitError) -> Signature {
        if let known = signatures[blob] { return known }
        let data = try content(blob)
        let signature = Signature(size: data.count, spans: Self.spans(of: data))
        signatures[blob] = signature
        return signature
    }

    /// git's `hash_chars`: chunk hashes with the number of bytes hashed for each, merged by hash and sorted.
    /// As in git 2.39, bytes after the last newline are not counted unless they fill a 64-byte chunk.
    static func spans(of data: Data) -> [UInt64] {
        var chunks: [UInt64] = data.withUnsafeBytes { (raw: UnsafeRawBufferPointer) -> [UInt64] in
            let bytes = raw.bindMemory(to: UInt8.self)
            let count = bytes.count
            let isText = !TextFile.looksBinary(raw)
            var chunks: [UInt64] = []
            chunks.reserveCapacity(count / 32 + 1)
            var accumulator1: UInt32 = 0
            var accumulator2: UInt32 = 0
            var length: UInt64 = 0
            var index = 0
            while index < count {
                let byte = bytes[index]
                index += 1
                // In text, the CR of a CRLF pair is neither hashed nor counted.
                if isText, byte == 0x0D, index < count, bytes[index] == 0x0A { continue }
                let previous1 = accumulator1
                accumulator1 = (accumulator1 << 7) ^ (accumulator2 >> 25)
                accumulator2 = (accumulator2 << 7) ^ (previous1 >> 25)
                accumulator1 &+= UInt32(byte)
                length += 1
                if length < 64, byte != 0x0A { continue }
                chunks.append(UInt64((accumulator1 &+ accumulator2 &* 0x61) % hashBase) << 32 | length)
                length = 0
                accumulator1 = 0
                accumulator2 = 0
            }
            // git 2.39 drops a final chunk that is shorter than 64 bytes and has no newline (later versions count it).
            return chunks
        }
        chunks.sort()
        var merged: [UInt64] = []
        merged.reserveCapacity(chunks.count)
        for chunk in chunks {
            if let last = merged.last, last >> 32 == chunk >> 32 {
                merged[merged.count - 1] = last + (chunk & 0xFFFF_FFFF)
            } else {
                merged.append(chunk)
            }
        }
        return merged
    }

    /// For every hash present in both, the smaller byte count, summed.
    static func copiedBytes(_ source: [UInt64], _ destination: [UInt64]) -> Int {
        source.withUnsafeBufferPointer { left in
            destination.withUnsafeBufferPointer { right in
                var copied: UInt64 = 0
                var i = 0
                var j = 0
                while i < left.count, j < right.count {
                    let leftHash = left[i] >> 32
                    let rightHash = right[j] >> 32
                    if leftHash < rightHash {
                        i += 1
                    } else if leftHash > rightHash {
                        j += 1
                    } else {
                        copied += min(left[i] & 0xFFFF_FFFF, right[j] & 0xFFFF_FFFF)
                        i += 1
                        j += 1
                    }
                }
                return Int(copied)
            }
        }
    }
}
