import Foundation
@testable import ContentKit
import GitKit
import Testing
import TestSupport

/// `TreeChanges.between` must list exactly what `git diff --name-status -M A B -- FOLDER` lists (git is the oracle).
@Suite struct TreeChangesOracleTests {
    /// A file for `git fast-import`: mode "100644", "100755" or "120000" (a symlink whose target is `text`).
    struct Spec: Sendable {
        var mode: String
        var text: String

        init(_ text: String, mode: String = "100644") {
            self.mode = mode
            self.text = text
        }
    }

    typealias Files = [String: Spec]

    /// Two commits loaded into a fresh repository, ready to be compared by git and by `TreeChanges`.
    struct Pair {
        let repository: TestRepository
        let before: String
        let after: String

        init(_ old: Files, _ new: Files) throws {
            var history = FastImportHistory()
            let first = history.commit(parents: [], files: old.mapValues { ($0.mode, $0.text) }, time: 1_767_600_000)
            history.commit(parents: [first], files: new.mapValues { ($0.mode, $0.text) }, time: 1_767_603_600)
            repository = try TestRepository()
            let ids = try history.load(into: repository)
            before = ids[0]
            after = ids[1]
        }

        /// git's answer, one line per change: `R087<TAB>old<TAB>new`, `M<TAB>path`, ...
        func git(under folder: String = "Content") throws -> [String] {
            var arguments = ["-c", "core.quotepath=off", "diff", "--name-status", "-z", "-M", before, after]
            if !folder.isEmpty { arguments += ["--", folder] }
            let output = try repository.git(arguments)
            var fields = output.unicodeScalars.split(separator: "\0", omittingEmptySubsequences: false)
                .map { String(String.UnicodeScalarView($0)) }
            if fields.last == "" { fields.removeLast() }
            var lines: [String] = []
            var index = 0
            while index < fields.count {
                let status = fields[index]
                let paths = status.hasPrefix("R") || status.hasPrefix("C") ? 2 : 1
                lines.append(([status] + fields[(index + 1)..<min(fields.count, index + 1 + paths)]).joined(separator: "\t"))
                index += 1 + paths
            }
            return lines
        }

        func changes(under folder: String = "Content") throws -> [FileChange] {
            let git = try Repository.open(at: repository.path)
            return try TreeChanges.between(try git.commit(try #require(ObjectID(hex: before))).tree,
                                           try git.commit(try #require(ObjectID(hex: after))).tree,
                                           under: folder, repository: git)
        }

        /// contentctl's answer in git's format.
        func ours(under folder: String = "Content") throws -> [String] {
            try changes(under: folder).map(\.nameStatusLine)
        }
    }

    // MARK: - Content builders

    /// `count` distinct lines of exactly 10 bytes ("tag 00042\n" style, tag of 3 characters), so similarity is exact arithmetic.
    static func lines(_ tag: String, _ range: Range<Int>) -> String {
        range.map { "\(tag) " + String(repeating: "0", count: max(0, 5 - String($0).count)) + "\($0)\n" }.joined()
    }

    static func numbered(_ count: Int, prefix: String = "line") -> String {
        (0..<count).map { "\(prefix) \($0): the quick brown fox jumps over the lazy dog\n" }.joined()
    }

    // MARK: - Hand-made cases

    struct Case: Sendable, CustomTestStringConvertible {
        let name: String
        let before: Files
        let after: Files
        /// Lines git's output must contain, so the case keeps testing what its name says.
        let gitShows: [String]

        var testDescription: String { name }
    }

    static let cases: [Case] = {
        var cases: [Case] = []
        let guide = numbered(20)
        cases.append(Case(name: "exact rename",
                          before: ["Content/a/guide.md": Spec(guide), "Content/keep.md": Spec("keep\n")],
                          after: ["Content/b/manual.md": Spec(guide), "Content/keep.md": Spec("keep\n")],
                          gitShows: ["R100\tContent/a/guide.md\tContent/b/manual.md"]))
        cases.append(Case(name: "rename with a small edit",
                          before: ["Content/a/guide.md": Spec(guide)],
                          after: ["Content/b/manual.md": Spec(guide.replacingOccurrences(of: "line 7:", with: "line seven:"))],
                          gitShows: ["R094\tContent/a/guide.md\tContent/b/manual.md"]))
        let twin = numbered(8, prefix: "twin")
        cases.append(Case(name: "two identical files renamed at once (basename tie-break)",
                          before: ["Content/a/notes.md": Spec(twin), "Content/b/intro.md": Spec(twin),
                                   "Content/e/one.md": Spec(twin + "x\n"), "Content/e/two.md": Spec(twin + "x\n")],
                          after: ["Content/c/intro.md": Spec(twin), "Content/c/notes.md": Spec(twin),
                                  "Content/f/p.md": Spec(twin + "x\n"), "Content/f/q.md": Spec(twin + "x\n")],
                          gitShows: ["R100\tContent/b/intro.md\tContent/c/intro.md", "R100\tContent/a/notes.md\tContent/c/notes.md",
                                     "R100\tContent/e/one.md\tContent/f/p.md", "R100\tContent/e/two.md\tContent/f/q.md"]))
        let shared = numbered(12, prefix: "shared")
        cases.append(Case(name: "copied and deleted: several sources share content",
                          before: ["Content/a.md": Spec(shared), "Content/b.md": Spec(shared), "Content/z/c.md": Spec(shared)],
                          after: ["Content/new/b.md": Spec(shared), "Content/new/k.md": Spec(shared),
                                  "Content/new/l.md": Spec(shared), "Content/new/m.md": Spec(shared)],
                          gitShows: ["R100\tContent/b.md\tContent/new/b.md", "R100\tContent/a.md\tContent/new/k.md", "A\tContent/new/m.md"]))
        // report.md (new) is 80% like the old report.md but 95% like draft.md: the basename stage pairs it first.
        let report = lines("rep", 0..<100)
        let reportNew = lines("rep", 0..<80) + lines("nov", 0..<15) + lines("dra", 95..<100)
        let draft = lines("rep", 0..<80) + lines("nov", 0..<15) + lines("old", 0..<5)
        cases.append(Case(name: "basename match at 80% beats a better candidate",
                          before: ["Content/old/report.md": Spec(report), "Content/old/draft.md": Spec(draft)],
                          after: ["Content/new/report.md": Spec(reportNew)],
                          gitShows: ["R080\tContent/old/report.md\tContent/new/report.md", "D\tContent/old/draft.md"]))
        let reportFar = lines("rep", 0..<70) + lines("nov", 0..<25) + lines("dra", 95..<100)
        let draftFar = lines("rep", 0..<70) + lines("nov", 0..<25) + lines("old", 0..<5)
        cases.append(Case(name: "basename match below 75% leaves it to the matrix",
                          before: ["Content/old/report.md": Spec(report), "Content/old/draft.md": Spec(draftFar)],
                          after: ["Content/new/report.md": Spec(reportFar)],
                          gitShows: ["R095\tContent/old/draft.md\tContent/new/report.md", "D\tContent/old/report.md"]))
        cases.append(Case(name: "basename not unique among sources",
                          before: ["Content/a/index.md": Spec(report), "Content/b/index.md": Spec(lines("zzz", 0..<100))],
                          after: ["Content/c/index.md": Spec(reportNew)],
                          gitShows: ["R080\tContent/a/index.md\tContent/c/index.md"]))
        cases.append(Case(name: "51% pairs, 49% does not",
                          before: ["Content/p/alpha.md": Spec(lines("aaa", 0..<100)), "Content/p/gamma.md": Spec(lines("ggg", 0..<100))],
                          after: ["Content/q/beta.md": Spec(lines("aaa", 0..<51) + lines("bbb", 0..<49)),
                                  "Content/q/delta.md": Spec(lines("ggg", 0..<49) + lines("ddd", 0..<51))],
                          gitShows: ["R051\tContent/p/alpha.md\tContent/q/beta.md", "D\tContent/p/gamma.md", "A\tContent/q/delta.md"]))
        cases.append(Case(name: "large size difference",
                          before: ["Content/small.md": Spec(lines("sml", 0..<10)), "Content/edge.md": Spec(lines("edg", 0..<10))],
                          after: ["Content/grown/big.md": Spec(lines("sml", 0..<10) + lines("mor", 0..<15)),
                                  "Content/grown/double.md": Spec(lines("edg", 0..<10) + lines("twi", 0..<10))],
                          gitShows: ["R050\tContent/edge.md\tContent/grown/double.md", "A\tContent/grown/big.md", "D\tContent/small.md"]))
        let binary = (0..<40).map { "\u{0}bin\($0)\r\n" + String(repeating: "\u{1}", count: $0 % 7) }.joined()
        cases.append(Case(name: "binary files renamed with edits (CR kept in binary)",
                          before: ["Content/assets/logo.bin": Spec(binary), "Content/assets/crlf.bin": Spec("\u{0}" + numbered(20, prefix: "b").replacingOccurrences(of: "\n", with: "\r\n"))],
                          after: ["Content/media/logo.dat": Spec(binary.replacingOccurrences(of: "bin1", with: "BIN1")),
                                  "Content/media/lf.bin": Spec("\u{0}" + numbered(20, prefix: "b"))],
                          gitShows: ["A\tContent/media/lf.bin", "D\tContent/assets/crlf.bin"]))
        cases.append(Case(name: "mode change 644 to 755",
                          before: ["Content/run.sh": Spec("echo\n"), "Content/tool.sh": Spec(guide), "Content/x.sh": Spec("x\n", mode: "100755")],
                          after: ["Content/run.sh": Spec("echo\n", mode: "100755"), "Content/bin/tool.sh": Spec(guide, mode: "100755"),
                                  "Content/x.sh": Spec("y\n")],
                          gitShows: ["M\tContent/run.sh", "R100\tContent/tool.sh\tContent/bin/tool.sh", "M\tContent/x.sh"]))
        cases.append(Case(name: "file and symlink type changes",
                          before: ["Content/link": Spec("target.md"), "Content/file": Spec("../x", mode: "120000"),
                                   "Content/moved": Spec("../y", mode: "120000"), "Content/retarget": Spec("../z", mode: "120000"),
                                   "Content/regular.md": Spec("../w")],
                          after: ["Content/link": Spec("target.md", mode: "120000"), "Content/file": Spec("../x"),
                                  "Content/l/moved2": Spec("../y", mode: "120000"), "Content/l/retarget": Spec("../zz", mode: "120000"),
                                  "Content/l/now-link": Spec("../w", mode: "120000")],
                          gitShows: ["T\tContent/link", "T\tContent/file", "R100\tContent/moved\tContent/l/moved2",
                                     "A\tContent/l/retarget", "D\tContent/regular.md"]))
        let lf = numbered(30, prefix: "row")
        cases.append(Case(name: "CRLF and LF versions of the same text",
                          before: ["Content/unix.md": Spec(lf), "Content/dos.md": Spec(lf.replacingOccurrences(of: "\n", with: "\r\n").replacingOccurrences(of: "row", with: "col"))],
                          after: ["Content/win/unix.md": Spec(lf.replacingOccurrences(of: "\n", with: "\r\n")),
                                  "Content/win/dos2.md": Spec(lf.replacingOccurrences(of: "row", with: "col"))],
                          gitShows: ["R098\tContent/unix.md\tContent/win/unix.md"]))
        let cafe = (0..<15).map { "Zeile \($0): Größe, café, 日本語のテキスト, naïve\n" }.joined()
        cases.append(Case(name: "non-ASCII paths and contents",
                          before: ["Content/übersicht/café.md": Spec(cafe), "Content/日本/説明.md": Spec(cafe + "追加\n"),
                                   "Content/e\u{301}t\u{e9}.md": Spec("decomposed\n")],
                          after: ["Content/日本語/café.md": Spec(cafe.replacingOccurrences(of: "Zeile 3:", with: "Zeile drei:")),
                                  "Content/日本/説明.md": Spec(cafe + "追加した\n"), "Content/ét\u{e9}.md": Spec("decomposed\n")],
                          gitShows: ["M\tContent/日本/説明.md", "R100\tContent/e\u{301}t\u{e9}.md\tContent/ét\u{e9}.md"]))
        cases.append(Case(name: "deletions and additions in nested folders",
                          before: ["Content/a/b/c/deep.md": Spec("deep\n"), "Content/a/b/keep.md": Spec("keep\n"),
                                   "Content/gone/x.md": Spec(numbered(5, prefix: "gx")), "Content/gone/y/z.md": Spec("z\n")],
                          after: ["Content/a/b/keep.md": Spec("keep\n"), "Content/a/b/c/d/new.md": Spec("new\n"),
                                  "Content/fresh/x.md": Spec(numbered(5, prefix: "gx")), "Content/fresh/w/v.md": Spec("v\n")],
                          gitShows: ["D\tContent/a/b/c/deep.md", "R100\tContent/gone/x.md\tContent/fresh/x.md", "A\tContent/fresh/w/v.md"]))
        cases.append(Case(name: "files outside Content are ignored",
                          before: ["Other/in.md": Spec(guide), "Content/out.md": Spec(twin), "Contents/x.md": Spec("x\n"),
                                   "Content.md": Spec("c\n"), "README.md": Spec("r\n")],
                          after: ["Content/in.md": Spec(guide), "Other/out.md": Spec(twin), "Contents/y.md": Spec("x\n"),
                                  "Content.md": Spec("d\n"), "README.md": Spec("s\n")],
                          gitShows: ["A\tContent/in.md", "D\tContent/out.md"]))
        // Empty files pair only exactly (git scores two empty files 0 in the matrix); each destination, in path order,
        // takes the first unused source unless one has its basename, so blank.md takes e2.md before e2.md can.
        cases.append(Case(name: "empty files",
                          before: ["Content/a/empty.md": Spec(""), "Content/a/e2.md": Spec(""), "Content/a/e3.md": Spec(""),
                                   "Content/a/full.md": Spec("full\n")],
                          after: ["Content/b/blank.md": Spec(""), "Content/b/e2.md": Spec(""), "Content/b/now-empty.md": Spec("")],
                          gitShows: ["R100\tContent/a/e2.md\tContent/b/blank.md", "R100\tContent/a/e3.md\tContent/b/e2.md",
                                     "R100\tContent/a/empty.md\tContent/b/now-empty.md", "D\tContent/a/full.md"]))
        cases.append(Case(name: "a file becomes a folder and a folder a file",
                          before: ["Content/thing": Spec(numbered(6, prefix: "th")), "Content/box/inner.md": Spec(numbered(6, prefix: "bx"))],
                          after: ["Content/thing/inner.md": Spec(numbered(6, prefix: "th")), "Content/box": Spec(numbered(6, prefix: "bx"))],
                          gitShows: ["R100\tContent/thing\tContent/thing/inner.md"]))
        // Among identical sources git looks for one with the destination's basename through 100 candidates only:
        // old/zz/target.md is the 102nd, so new/target.md takes old/f000.md instead.
        var identical: Files = ["Content/old/zz/target.md": Spec("same\n")]
        for index in 0..<101 { identical["Content/old/f\(String(1000 + index).dropFirst()).md"] = Spec("same\n") }
        cases.append(Case(name: "exact renames look through 100 identical sources",
                          before: identical, after: ["Content/new/target.md": Spec("same\n")],
                          gitShows: ["R100\tContent/old/f000.md\tContent/new/target.md", "D\tContent/old/zz/target.md"]))
        // git 2.39 never hashes bytes after the last newline unless they fill a 64-byte chunk (later versions do):
        // 90 of 160 bytes are shared here, although the 60-byte tail is identical (it would be 93% if counted).
        let tail = String(repeating: "t", count: 60)
        cases.append(Case(name: "a final line without newline is not counted",
                          before: ["Content/tail/one.md": Spec(lines("tal", 0..<10) + tail)],
                          after: ["Content/tail/two.md": Spec(lines("tal", 0..<9) + lines("new", 0..<1) + tail)],
                          gitShows: ["R056\tContent/tail/one.md\tContent/tail/two.md"]))
        // One destination, five sources scoring 52, 60, 54, 53, 60: the fifth replaces the first (worst) slot, so it sorts
        // before the second one with the same score and wins, although it comes later in path order.
        let target = lines("tgt", 0..<100)
        var slotSources: Files = [:]
        for (index, shared) in [52, 60, 54, 53, 60].enumerated() {
            slotSources["Content/src/s\(index).md"] = Spec(lines("tgt", 0..<shared) + lines("s\(index)x", shared..<100))
        }
        cases.append(Case(name: "matrix slots: a later equal score can win",
                          before: slotSources, after: ["Content/dst/target.md": Spec(target)],
                          gitShows: ["R060\tContent/src/s4.md\tContent/dst/target.md"]))
        // Two destinations want the same source with the same score: the first destination in path order gets it,
        // unless the other one has the source's basename (n/two.md wins over n/aa.md although it sorts later).
        cases.append(Case(name: "matrix ties: destination order and basename",
                          before: ["Content/old/one.md": Spec(target), "Content/old/two.md": Spec(lines("two", 0..<100))],
                          after: ["Content/n/b.md": Spec(lines("tgt", 0..<70) + lines("bbb", 0..<30)),
                                  "Content/n/a.md": Spec(lines("tgt", 0..<70) + lines("aaa", 0..<30)),
                                  "Content/n/two.md": Spec(lines("two", 0..<60) + lines("ccc", 0..<40)),
                                  "Content/n/aa.md": Spec(lines("two", 0..<60) + lines("ddd", 0..<40))],
                          gitShows: ["R070\tContent/old/one.md\tContent/n/a.md", "R060\tContent/old/two.md\tContent/n/two.md"]))
        return cases
    }()

    @Test(arguments: cases)
    func matchesGit(_ example: Case) throws {
        let pair = try Pair(example.before, example.after)
        let git = try pair.git()
        for line in example.gitShows {
            #expect(git.contains(line), "git no longer shows \(line): \(git)")
        }
        let ours = try pair.ours()
        #expect(ours == git)
        let oursEverywhere = try pair.ours(under: "")
        let gitEverywhere = try pair.git(under: "")
        #expect(oursEverywhere == gitEverywhere)
    }

    /// Above 1000 × 1000 remaining sources × destinations git skips the similarity matrix (exact and basename
    /// matches still count), so a 90% similar pair stays a deletion and an addition.
    @Test func renameLimitSkipsTheMatrix() throws {
        var before: Files = [:]
        var after: Files = [:]
        for index in 0..<1001 { before["Content/old/s\(index).md"] = Spec("source \(index)\n") }
        for index in 0..<1000 { after["Content/new/d\(index).md"] = Spec("destination \(index) with other words\n") }
        before["Content/old/s0.md"] = Spec(Self.lines("big", 0..<100))
        after["Content/new/d0.md"] = Spec(Self.lines("big", 0..<90) + Self.lines("new", 0..<10))
        before["Content/old/same.md"] = Spec(Self.lines("sam", 0..<100))
        after["Content/new/same.md"] = Spec(Self.lines("sam", 0..<90) + Self.lines("new", 0..<10))
        before["Content/old/exact.md"] = Spec("exact\n")
        after["Content/new/exact-moved.md"] = Spec("exact\n")
        let pair = try Pair(before, after)
        let git = try pair.git()
        #expect(git.contains("A\tContent/new/d0.md"))
        #expect(git.contains("R090\tContent/old/same.md\tContent/new/same.md"))
        #expect(git.contains("R100\tContent/old/exact.md\tContent/new/exact-moved.md"))
        let ours = try pair.ours()
        #expect(ours == git)
    }

    // MARK: - Randomized oracle

    /// Two random trees: files built from a small vocabulary of lines (so files resemble each other to various
    /// degrees), then moves, edits, deletions, additions, duplicates, binary blobs, symlinks and mode changes.
    static func randomTrees(seed: UInt64) -> (before: Files, after: Files) {
        var random = SeededGenerator(seed: seed)
        let words = ["alpha", "beta", "gamma", "delta", "über", "café", "日本", "x", "lorem", "ipsum", "42", "-", "dolor"]
        let vocabulary: [String] = (0..<[4, 8, 16, 40][Int(seed % 4)]).map { _ in
            (0..<Int.random(in: 1...16, using: &random)).map { _ in words.randomElement(using: &random)! }.joined(separator: " ") + "\n"
        }
        func text(_ count: Int) -> String {
            (0..<count).map { _ in vocabulary.randomElement(using: &random)! }.joined()
        }
        func someText() -> String {
            switch Int.random(in: 0..<10, using: &random) {
            case 0: return ""
            case 1: return text(Int.random(in: 60...150, using: &random))
            default: return text(Int.random(in: 1...25, using: &random))
            }
        }
        func binary() -> String {
            let pieces = ["\u{0}", "\u{1}", "a", "b", "c", "\n", "\r\n", "é", "zz"]
            return (0..<Int.random(in: 20...300, using: &random)).map { _ in pieces.randomElement(using: &random)! }.joined()
        }
        func edited(_ original: String) -> String {
            var rows = original.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            for _ in 0..<Int.random(in: 1...4, using: &random) {
                let position = rows.isEmpty ? 0 : Int.random(in: 0..<rows.count, using: &random)
                switch Int.random(in: 0..<3, using: &random) {
                case 0 where !rows.isEmpty: rows.remove(at: position)
                case 1: rows.insert(String(vocabulary.randomElement(using: &random)!.dropLast()), at: position)
                default: if !rows.isEmpty { rows[position] = "changed \(Int.random(in: 0..<9, using: &random))" }
                }
            }
            return rows.joined(separator: "\n")
        }
        let folders = ["Content", "Content/a", "Content/a/b", "Content/c", "Content/ü", "Other"]
        let names = ["index.md", "notes.md", "intro.md", "x.txt", "data.bin", "café.md", "m1.md", "m2.md", "readme"]
        var serial = 0
        func freshPath(_ existing: Files, keepingName name: String? = nil) -> String {
            for _ in 0..<20 {
                serial += 1
                let folder = folders.randomElement(using: &random)!
                let base = name ?? (Bool.random(using: &random) ? names.randomElement(using: &random)! : "f\(serial).md")
                let path = folder + "/" + base
                if existing[path] == nil { return path }
            }
            serial += 1
            return "Content/unique\(serial).md"
        }

        var before: Files = [:]
        for _ in 0..<Int.random(in: 6...22, using: &random) {
            let path = freshPath(before)
            switch Int.random(in: 0..<20, using: &random) {
            case 0, 1:
                before[path] = Spec(binary())
            case 2, 3:
                if let copy = before.keys.sorted().randomElement(using: &random) { before[path] = before[copy] }
            case 4:
                before[path] = Spec("../" + names.randomElement(using: &random)!, mode: "120000")
            case 5:
                before[path] = Spec(someText(), mode: "100755")
            default:
                before[path] = Spec(someText())
            }
        }
        var after = before
        for path in before.keys.sorted() {
            guard let file = before[path] else { continue }
            let name = String(path.split(separator: "/").last!)
            switch Int.random(in: 0..<20, using: &random) {
            case 0..<6:
                continue
            case 6, 7:
                after[path]?.text = edited(file.text)
            case 8, 9:
                after[path] = nil
                after[freshPath(after, keepingName: name)] = file
            case 10:
                after[path] = nil
                after[freshPath(after)] = file
            case 11, 12:
                after[path] = nil
                after[freshPath(after, keepingName: Bool.random(using: &random) ? name : nil)] = Spec(edited(file.text), mode: file.mode)
            case 13:
                after[path] = nil
            case 14:
                after[path]?.mode = file.mode == "100644" ? "100755" : file.mode == "100755" ? "100644" : "100644"
            case 15:
                after[path] = file.mode == "120000" ? Spec(file.text) : Spec(String(file.text.prefix(20)), mode: "120000")
            case 16:
                after[path]?.text = file.text.replacingOccurrences(of: "\n", with: "\r\n")
            case 17:
                after[path] = nil
                after[freshPath(after)] = Spec(file.text.replacingOccurrences(of: "\n", with: "\r\n"), mode: file.mode)
            case 18 where !path.hasPrefix("Content/ü/"):
                after[path] = nil
                after[path + "/inner.md"] = file
            default:
                after[path] = nil
                after[freshPath(after)] = Spec(edited(edited(file.text)), mode: file.mode)
            }
        }
        for _ in 0..<Int.random(in: 0...5, using: &random) {
            let path = freshPath(after)
            let original = before.keys.sorted().randomElement(using: &random).flatMap { before[$0] } ?? Spec("seed\n")
            switch Int.random(in: 0..<6, using: &random) {
            case 0: after[path] = original
            case 1: after[path] = Spec(edited(original.text))
            case 2: after[path] = Spec("")
            case 3: after[path] = Spec(binary())
            default: after[path] = Spec(someText())
            }
        }
        return (before, after)
    }

    @Test(arguments: Array(1...40) as [UInt64])
    func randomTreesMatchGit(seed: UInt64) throws {
        let (before, after) = Self.randomTrees(seed: seed)
        let pair = try Pair(before, after)
        for folder in ["Content", "", "Content/a"] {
            let ours = try pair.ours(under: folder)
            let git = try pair.git(under: folder)
            #expect(ours == git, "seed \(seed), folder '\(folder)'")
        }
    }

    /// Many deleted and added files made of a few 10-byte lines, so similarity scores tie often and the matrix
    /// stage's tie-breaks (git's four fixed slots per destination, same basename first, destination order) decide.
    static func denseTrees(seed: UInt64) -> (before: Files, after: Files) {
        var random = SeededGenerator(seed: seed &* 7919)
        let vocabulary = (0..<Int.random(in: 2...6, using: &random)).map { "v\($0)-------\n" }
        func text() -> String {
            (0..<Int.random(in: 4...14, using: &random)).map { _ in vocabulary.randomElement(using: &random)! }.joined()
        }
        func side(folder: String, prefix: String) -> Files {
            var files: Files = [:]
            for index in 0..<Int.random(in: 3...25, using: &random) {
                let name = Int.random(in: 0..<3, using: &random) == 0 ? ["a.md", "b.md", "c.md"].randomElement(using: &random)! : "\(prefix)\(index).md"
                files["Content/\(folder)\(Int.random(in: 0..<5, using: &random))/\(name)"] = Spec(text())
            }
            return files
        }
        return (side(folder: "d", prefix: "s"), side(folder: "e", prefix: "t"))
    }

    @Test(arguments: Array(1...40) as [UInt64])
    func denseTreesMatchGit(seed: UInt64) throws {
        let (before, after) = Self.denseTrees(seed: seed)
        let pair = try Pair(before, after)
        let ours = try pair.ours()
        let git = try pair.git()
        #expect(ours == git, "seed \(seed)")
    }

    // MARK: - Maps and tree walking

    /// The map variant (used for the work tree) gives the same answer as the tree walk.
    @Test func mapsGiveTheSameChangesAsTrees() throws {
        for seed in [3, 7, 11, 19, 23] as [UInt64] {
            let (before, after) = Self.randomTrees(seed: seed)
            let pair = try Pair(before, after)
            let git = try Repository.open(at: pair.repository.path)
            let old = try git.commit(try #require(ObjectID(hex: pair.before))).tree
            let new = try git.commit(try #require(ObjectID(hex: pair.after))).tree
            let oldFiles = try TreeChanges.files(in: old, under: "Content", repository: git)
            let newFiles = try TreeChanges.files(in: new, under: "Content", repository: git)
            let listed = try pair.repository.git("ls-tree", "-r", "--name-only", "-z", pair.before, "--", "Content")
                .split(separator: "\0").map(String.init)
            #expect(oldFiles.keys.sorted() == listed.sorted())
            let fromMaps = try TreeChanges.between(old: oldFiles, new: newFiles) { (id) throws(GitError) -> Data in try git.blob(id) }
            #expect(fromMaps == (try TreeChanges.between(old, new, under: "Content", repository: git)), "seed \(seed)")
        }
    }

    /// Subtrees with equal ids are never read: removing an unchanged folder's tree object does not disturb the diff.
    @Test func unchangedFoldersAreNotRead() throws {
        let repository = try TestRepository()
        try repository.write("Content/stable/a.md", "a\n")
        try repository.write("Content/stable/deeper/b.md", "b\n")
        try repository.write("Content/moving/c.md", Self.numbered(10))
        let first = try repository.commit("first")
        try repository.remove("Content/moving/c.md")
        try repository.write("Content/moved/c.md", Self.numbered(10) + "more\n")
        let second = try repository.commit("second")
        let expected = try repository.git("diff", "--name-status", "-M", first, second, "--", "Content")
            .split(separator: "\n").map(String.init)
        let stable = try repository.git("rev-parse", "\(second):Content/stable").trimmingCharacters(in: .whitespacesAndNewlines)
        try repository.remove(".git/objects/\(stable.prefix(2))/\(stable.dropFirst(2))")

        let git = try Repository.open(at: repository.path)
        let old = try git.commit(try #require(ObjectID(hex: first))).tree
        let new = try git.commit(try #require(ObjectID(hex: second))).tree
        let changes = try TreeChanges.between(old, new, under: "Content/", repository: git)
        #expect(expected == ["R099\tContent/moving/c.md\tContent/moved/c.md"])
        #expect(changes.map(\.nameStatusLine) == expected)
        #expect(changes.first?.oldPath == "Content/moving/c.md")
        #expect(changes.first?.similarity == 99)
        #expect(throws: GitError.self) { try TreeChanges.files(in: new, under: "Content", repository: git) }
        #expect(try TreeChanges.between(new, new, under: "Content", repository: git).isEmpty)
    }
}
