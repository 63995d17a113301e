import Foundation
import GitKit

/// What changed in the training material between two points in history.
public struct ContentDiff: Sendable {
    public static let schemaVersion = 1

    public enum Granularity: String, Sendable {
        case word
        case line
    }

    /// A front-matter field whose value changed.
    public struct FieldChange: Sendable, Equatable {
        public let name: String
        public let old: String?
        public let new: String?
    }

    /// An asset a module ships with that was added, removed or changed.
    public struct AssetChange: Sendable, Equatable {
        public let path: String
        public let status: FileChange.Status
    }

    /// One changed module. A class: a far diff lists tens of thousands, and the listings pass them around.
    public final class ModuleChange: Sendable {
        public let id: String
        public let title: String
        public let path: String
        public let oldPath: String?
        public let status: FileChange.Status
        public let similarity: Int?
        public let products: [String]
        public let markets: [String]
        public let fields: [FieldChange]
        public let assets: [AssetChange]
        /// The body, diffed word by word (or line by line); nil when either side is not text, or when only the word
        /// counts were kept (`DiffRequest.modulesOnly`).
        public let segments: [TextDiff.Segment]?
        public let binary: Bool
        /// The file lines the old and new bodies start on, so hunks can name file lines.
        public let bodyLines: (old: Int, new: Int)
        /// Words added and removed in the body; counted once, as each listing and total needs them.
        public let wordCounts: (added: Int, removed: Int)

        init(id: String, title: String, path: String, oldPath: String?, status: FileChange.Status, similarity: Int?,
             products: [String], markets: [String], fields: [FieldChange], assets: [AssetChange], segments: [TextDiff.Segment]?,
             keepingSegments: Bool = true, binary: Bool, bodyLines: (old: Int, new: Int)) {
            self.id = id
            self.title = title
            self.path = path
            self.oldPath = oldPath
            self.status = status
            self.similarity = similarity
            self.products = products
            self.markets = markets
            self.fields = fields
            self.assets = assets
            self.segments = keepingSegments ? segments : nil
            self.binary = binary
            self.bodyLines = bodyLines
            wordCounts = segments.map(TextDiff.wordCounts) ?? (0, 0)
        }

        /// The changed paragraphs, with file line numbers.
        public var hunks: [DiffHunk] {
            DiffHunk.make(segments ?? [], oldOffset: bodyLines.old, newOffset: bodyLines.new)
        }
    }

    /// A change event file added, changed or removed in the range.
    public struct EventChange: Sendable {
        public let id: String
        public let path: String
        public let status: FileChange.Status
        public let date: CalendarDate?
        public let kind: String?
        public let summary: String?
    }

    public let from: Revision
    /// Nil when the new side is the work tree.
    public let to: Revision?
    /// True when FROM comes after TO in history: the diff shows the change backwards.
    public let reversed: Bool
    public let granularity: Granularity
    /// Every changed path under the content folder, as `git diff --name-status -M` lists them.
    public let files: [FileChange]
    public let modules: [ModuleChange]
    public let events: [EventChange]
    public let marketUpdates: [MarketUpdate]
    /// Sign-off records added in the range.
    public let signoffs: [SignoffRecord]

    public var toLabel: String { to?.label ?? "work tree" }
}
