import Foundation
import GitKit

/// Turns raw per-path changes into the list `git diff --name-status -M` prints, pairing deleted and added
/// files into renames by git 2.39's rules (diffcore-rename.c, rename detection only, default 50% threshold):
///
/// 1. exact renames: same blob (and, for symlinks, the same mode), preferring an unused source with the same basename;
/// 2. basename matches: a basename unique among the remaining sources and unique among the remaining destinations
///    pairs when the files are at least 75% similar;
/// 3. the similarity matrix: the 4 best sources per destination, all candidates sorted by score (then same basename),
///    paired greedily when at least 50% similar; skipped when sources × destinations exceed 1000 × 1000.
///
/// Similarity is git's estimate (see `RenameSimilarity`). Not reproduced: `.gitattributes` that mark a file binary
/// or text (git would then skip or keep the CRLF rule accordingly) and `diff.renameLimit` set in a config.
enum RenameDetection {
    /// One side of a path: a blob and a file mode (regular, executable or symlink).
    struct FileState: Equatable {
        let blob: ObjectID
        let mode: FileMode

        /// Nil for folders and submodules, which are not files.
        init?(_ file: (blob: ObjectID, mode: FileMode)) {
            switch file.mode {
            case .blob, .executable, .symlink: break
            case .tree, .submodule: return nil
            }
            blob = file.blob
            mode = file.mode
        }

        /// Regular files (100644 and 100755) are the only ones scored by content.
        var isRegular: Bool { mode == .blob || mode == .executable }
    }

    /// A path whose file differs between the sides; nil on the side where it does not exist.
    struct RawChange {
        let path: String
        let old: FileState?
        let new: FileState?
    }

    static let maxScore = 60_000
    /// `-M` with its default of 50%.
    static let minimumScore = 30_000
    /// git's basename threshold: minimum + 0.5 × (max − minimum), i.e. 75%.
    static let basenameScore = minimumScore + (maxScore - minimumScore) / 2
    /// git's default `diff.renameLimit`: the matrix stage is skipped above limit × limit pairs.
    static let renameLimit = 1_000
    static let candidatesPerDestination = 4
    /// git stops looking through identical sources for a better basename after this many.
    static let exactAlternativesLimit = 100

    /// The final changes, sorted by path (bytewise, as git sorts), renames at their new path.
    static func changes(_ raw: [RawChange], content: (ObjectID) throws(GitError) -> Data) throws(GitError) -> [FileChange] {
        let sorted = raw.sorted { pathPrecedes($0.path, $1.path) }
        var sources: [Int] = []        // indices into `sorted` of deleted files
        var destinations: [Int] = []   // indices into `sorted` of added files
        for (index, change) in sorted.enumerated() {
            if change.old != nil, change.new == nil { sources.append(index) }
            if change.old == nil, change.new != nil { destinations.append(index) }
        }
        var pairing = RenamePairing(
            sources: sources.compactMap { index in sorted[index].old.map { (sorted[index].path, $0) } },
            destinations: destinations.compactMap { index in sorted[index].new.map { (sorted[index].path, $0) } })
        try pairing.run(content: content)

        var pairedSources = Set<Int>()
        var renameOf: [Int: (source: Int, score: Int)] = [:]
        for (slot, match) in pairing.matches.enumerated() {
            guard let match else { continue }
            renameOf[destinations[slot]] = (sources[match.source], match.score)
            pairedSources.insert(sources[match.source])
        }

        var result: [FileChange] = []
        for (index, change) in sorted.enumerated() {
            switch (change.old, change.new) {
            case let (old?, new?):
                let typeChanged = (old.mode == .symlink) != (new.mode == .symlink)
                result.append(FileChange(status: typeChanged ? .typeChanged : .modified, path: change.path, oldPath: nil,
                                         oldBlob: old.blob, newBlob: new.blob, oldMode: old.mode, newMode: new.mode, similarity: nil))
            case let (old?, nil):
                if pairedSources.contains(index) { continue }
                result.append(FileChange(status: .deleted, path: change.path, oldPath: nil,
                                         oldBlob: old.blob, newBlob: nil, oldMode: old.mode, newMode: nil, similarity: nil))
            case let (nil, new?):
                if let rename = renameOf[index], let old = sorted[rename.source].old {
                    result.append(FileChange(status: .renamed, path: change.path, oldPath: sorted[rename.source].path,
                                             oldBlob: old.blob, newBlob: new.blob, oldMode: old.mode, newMode: new.mode,
                                             similarity: rename.score * 100 / maxScore))
                } else {
                    result.append(FileChange(status: .added, path: change.path, oldPath: nil,
                                             oldBlob: nil, newBlob: new.blob, oldMode: nil, newMode: new.mode, similarity: nil))
                }
            case (nil, nil):
                continue
            }
        }
        return result
    }

    /// Bytewise path order, as git compares paths (Swift's `<` on strings follows Unicode canonical order instead).
    static func pathPrecedes(_ lhs: String, _ rhs: String) -> Bool {
        lhs.utf8.lexicographicallyPrecedes(rhs.utf8)
    }

    /// The part after the last '/'.
    static func basename(_ path: String) -> Substring.UTF8View {
        let bytes = path.utf8
        if let slash = bytes.lastIndex(of: UInt8(ascii: "/")) {
            return path[bytes.index(after: slash)...].utf8
        }
        return path[...].utf8
    }

    static func sameBasename(_ lhs: String, _ rhs: String) -> Bool {
        basename(lhs).elementsEqual(basename(rhs))
    }
}

/// The pairing of deleted files (sources) with added files (destinations), both given in path order.
struct RenamePairing {
    typealias Side = (path: String, file: RenameDetection.FileState)

    let sources: [Side]
    let destinations: [Side]
    /// For each destination, the index of the source it was paired with and the score.
    private(set) var matches: [(source: Int, score: Int)?]
    private var sourceUsed: [Bool]
    private var similarity = RenameSimilarity()

    init(sources: [Side], destinations: [Side]) {
        self.sources = sources
        self.destinations = destinations
        matches = Array(repeating: nil, count: destinations.count)
        sourceUsed = Array(repeating: false, count: sources.count)
    }

    mutating func run(content: (ObjectID) throws(GitError) -> Data) throws(GitError) {
        guard !sources.isEmpty, !destinations.isEmpty else { return }
        findExactRenames()
        try findBasenameMatches(content: content)
        try findInexactRenames(content: content)
    }

    private mutating func record(destination: Int, source: Int, score: Int) {
        matches[destination] = (source, score)
        sourceUsed[source] = true
    }

    /// Stage 1: destinations in path order take a source with the same blob, preferring an unused one with the same
    /// basename, else the first unused one; non-regular files (symlinks) also need the same mode.
    private mutating func findExactRenames() {
        var sourcesByBlob: [ObjectID: [Int]] = [:]
        for index in sources.indices { sourcesByBlob[sources[index].file.blob, default: []].append(index) }
        for target in destinations.indices {
            let wanted = destinations[target].file
            guard let candidates = sourcesByBlob[wanted.blob] else { continue }
            var best: Int?
            var bestScore = -1
            var remaining = RenameDetection.exactAlternativesLimit
            for candidate in candidates {
                let offered = sources[candidate].file
                if (!offered.isRegular || !wanted.isRegular) && offered.mode != wanted.mode { continue }
                if sourceUsed[candidate] { continue }
                let score = 1 + (RenameDetection.sameBasename(sources[candidate].path, destinations[target].path) ? 1 : 0)
                if score > bestScore {
                    best = candidate
                    bestScore = score
                    if score == 2 { break }
                }
                remaining -= 1
                if remaining == 0 { break }
            }
            if let best { record(destination: target, source: best, score: RenameDetection.maxScore) }
        }
    }

    /// Stage 2: a basename found exactly once among the remaining sources and exactly once among the remaining
    /// destinations pairs those two files when they are at least `basenameScore` similar.
    private mutating func findBasenameMatches(content: (ObjectID) throws(GitError) -> Data) throws(GitError) {
        var sourceByBasename: [Basename: Int] = [:]   // -1 when the basename is not unique
        for index in sources.indices where !sourceUsed[index] {
            let name = Basename(sources[index].path)
            sourceByBasename[name] = sourceByBasename[name] == nil ? index : -1
        }
        var destinationByBasename: [Basename: Int] = [:]
        for index in destinations.indices where matches[index] == nil {
            let name = Basename(destinations[index].path)
            destinationByBasename[name] = destinationByBasename[name] == nil ? index : -1
        }
        for index in sources.indices where !sourceUsed[index] {
            let name = Basename(sources[index].path)
            guard sourceByBasename[name] == index, let target = destinationByBasename[name], target >= 0,
                  matches[target] == nil else { continue }
            let score = try similarity.estimate(sources[index].file, destinations[target].file,
                                                minimumScore: RenameDetection.basenameScore, content: content)
            if score >= RenameDetection.basenameScore { record(destination: target, source: index, score: score) }
        }
    }

    /// A path's basename as bytes, as git compares them, hashed in one call: a far diff looks up tens of thousands.
    private struct Basename: Hashable {
        let bytes: [UInt8]

        init(_ path: String) {
            bytes = Array(RenameDetection.basename(path))
        }

        func hash(into hasher: inout Hasher) {
            bytes.withUnsafeBytes { hasher.combine(bytes: $0) }
        }
    }

    /// One candidate of the matrix; `destination` -1 marks an empty slot.
    private struct Candidate {
        var destination = -1
        var source = -1
        var score = 0
        var sameBasename = false

        /// git's `score_compare(self, other) > 0`: empty slots sink, then lower scores, then different basenames.
        func isWorse(than other: Candidate) -> Bool {
            if destination < 0 { return other.destination >= 0 }
            if other.destination < 0 { return false }
            if score == other.score { return other.sameBasename && !sameBasename }
            return other.score > score
        }
    }

    /// Stage 3: each remaining destination keeps its 4 best sources (git's fixed slots, replacing the first worst one
    /// only by a strictly better candidate); all kept candidates are sorted stably, best first, and paired greedily.
    private mutating func findInexactRenames(content: (ObjectID) throws(GitError) -> Data) throws(GitError) {
        let remainingSources = sources.indices.filter { !sourceUsed[$0] }
        let remainingDestinations = destinations.indices.filter { matches[$0] == nil }
        guard !remainingSources.isEmpty, !remainingDestinations.isEmpty else { return }
        guard remainingSources.count * remainingDestinations.count
                <= RenameDetection.renameLimit * RenameDetection.renameLimit else { return }

        // Everything the inner loop needs, read once: signatures (nil for symlinks) and basenames.
        var sourceSignatures: [RenameSimilarity.Signature?] = []
        for index in remainingSources { sourceSignatures.append(try similarity.signature(of: sources[index].file, content: content)) }
        let sourceNames = remainingSources.map { Array(RenameDetection.basename(sources[$0].path)) }
        let slots = RenameDetection.candidatesPerDestination
        var matrix = [Candidate](repeating: Candidate(), count: remainingDestinations.count * slots)
        for (row, target) in remainingDestinations.enumerated() {
            let targetSignature = try similarity.signature(of: destinations[target].file, content: content)
            let targetName = Array(RenameDetection.basename(destinations[target].path))
            for (column, candidate) in remainingSources.enumerated() {
                var score = 0
                if let targetSignature, let sourceSignature = sourceSignatures[column] {
                    score = RenameSimilarity.score(sourceSignature, targetSignature, minimumScore: RenameDetection.minimumScore)
                }
                let offered = Candidate(destination: target, source: candidate, score: score,
                                        sameBasename: sourceNames[column] == targetName)
                var worst = row * slots
                for slot in (row * slots + 1)..<(row * slots + slots) where matrix[slot].isWorse(than: matrix[worst]) {
                    worst = slot
                }
                if matrix[worst].isWorse(than: offered) { matrix[worst] = offered }
            }
        }
        let ordered = matrix.enumerated().sorted { lhs, rhs in
            if rhs.element.isWorse(than: lhs.element) { return true }
            if lhs.element.isWorse(than: rhs.element) { return false }
            return lhs.offset < rhs.offset
        }
        for (_, candidate) in ordered {
            if candidate.destination < 0 || candidate.score < RenameDetection.minimumScore { break }
            if matches[candidate.destination] != nil || sourceUsed[candidate.source] { continue }
            record(destination: candidate.destination, source: candidate.source, score: candidate.score)
        }
    }
}
