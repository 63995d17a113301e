import Crypto
import Foundation

// Writes a `git fast-import` stream for a synthetic training repository, deterministic from a seed:
//   contentctl-synth MODULES COMMITS SEED | git fast-import --quiet
// Modules with front matter in nested folders under Content/; commits editing 1 to 5 modules; renames,
// deletions and additions; side branches merged back; some commits dated before their parents (clock skew);
// change events and sign-off records. A fixed 6% of modules is only edited in the first 1% of commits, so a
// history walk cannot stop early.

let arguments = CommandLine.arguments
guard arguments.count == 4, let moduleCount = Int(arguments[1]), let commitCount = Int(arguments[2]),
      let seed = UInt64(arguments[3]), moduleCount >= 20, commitCount >= 100 else {
    FileHandle.standardError.write(Data("usage: contentctl-synth MODULES (>= 20) COMMITS (>= 100) SEED | git fast-import\n".utf8))
    exit(64)
}

var random = SplitMix(seed: seed)
var output = BufferedOutput()
let products = ["zentrava", "corvanta", "lumidex", "nephrova", "airvia", "thrombexa", "cardiol", "renova"]
let markets = ["US", "DE", "AT", "GB", "FR", "NO", "IT", "ES", "NL", "SE"]
let kinds = ["onboarding", "products", "compliance", "competitive", "coaching", "objections"]
let people = [("Maya Lindqvist", "maya.lindqvist@synth.example"), ("Tom Berger", "tom.berger@synth.example"),
              ("Lea Novak", "lea.novak@synth.example"), ("Ravi Menon", "ravi.menon@synth.example")]

/// One module: its id never changes; its path may (renames); its version changes on every edit.
struct ModuleState {
    let id: String
    var path: String
    var version: Int
    let product: String
    let market: String
}

@MainActor func path(for index: Int, product: String, market: String) -> String {
    "Content/\(kinds[index % kinds.count])/\(product)/\(market)/module-\(index).md"
}

@MainActor func text(of module: ModuleState) -> String {
    var body = """
    ---
    id: \(module.id)
    title: Module \(module.id) for \(module.product) in \(module.market)
    owner: maya.lindqvist@synth.example
    products: [\(module.product)]
    markets: [\(module.market)]
    signoff_roles: [sales, product]
    cadence: yearly
    status: active
    ---

    # Module \(module.id)

    """
    var words = SplitMix(seed: UInt64(module.version) &* 0x9E37_79B9 &+ (UInt64(module.id.dropFirst()) ?? 0))
    for paragraph in 0..<3 {
        body += "Paragraph \(paragraph) of revision \(module.version): "
        body += (0..<40).map { _ in vocabulary[Int(words.next() % UInt64(vocabulary.count))] }.joined(separator: " ")
        body += ".\n\n"
    }
    return body
}

let vocabulary = ["dose", "patient", "label", "evidence", "market", "formulary", "price", "safety", "renal", "trial",
                  "efficacy", "indication", "physician", "guideline", "payer", "access", "adherence", "device"]

var modules: [ModuleState] = []
var nextIndex = 0
@MainActor func newModule() -> ModuleState {
    let product = products[Int(random.next() % UInt64(products.count))]
    let market = markets[Int(random.next() % UInt64(markets.count))]
    defer { nextIndex += 1 }
    return ModuleState(id: String(format: "m%06d", nextIndex), path: path(for: nextIndex, product: product, market: market),
                       version: 0, product: product, market: market)
}
for _ in 0..<moduleCount { modules.append(newModule()) }
/// Modules only edited in the first 1% of commits.
let frozen = Set(modules.prefix(max(1, moduleCount * 6 / 100)).map(\.id))
let earlyCommits = max(1, commitCount / 100)

var time = 1_700_000_000
var mark = 0
var mainMark = 0
var versionCounter = 0
var eventCount = 0

@MainActor func commitHeader(branch: String, message: String, at when: Int) -> Int {
    mark += 1
    let person = people[Int(random.next() % UInt64(people.count))]
    output.write("commit refs/heads/\(branch)\nmark :\(mark)\n")
    output.write("author \(person.0) <\(person.1)> \(when) +0000\ncommitter \(person.0) <\(person.1)> \(when) +0000\n")
    output.data(message)
    return mark
}

@MainActor func writeModule(_ module: ModuleState) {
    output.write("M 100644 inline \(module.path)\n")
    output.data(text(of: module))
}

@MainActor func nextTime() -> Int {
    time += 300 + Int(random.next() % 900)
    // About 1% of commits carry a date days before their parent's, as clocks on laptops do.
    if random.next() % 100 == 0 { return time - 86_400 * Int(1 + random.next() % 5) }
    return time
}

@MainActor func signoffRecord(for module: ModuleState, at when: Int) -> (path: String, text: String) {
    let role = random.next() % 2 == 0 ? "sales" : "product"
    let person = people[Int(random.next() % UInt64(people.count))]
    let stamp = ISO8601DateFormatter().string(from: Date(timeIntervalSince1970: TimeInterval(when)))
    let fingerprint = SHA256.hash(data: Data("\(module.id) \(module.version)".utf8)).map { String(format: "%02x", $0) }.joined()
    let nonce = String(format: "%016llx%016llx", random.next(), random.next())
    let payload = [
        "format contentctl-signoff 1", "module \(module.id)", "path \(module.path)", "fingerprint fp1:sha256:\(fingerprint)",
        "role \(role)", "meaning approved", "revokes", "reviewer-id \(person.1)", "reviewer-name \(person.0)",
        "reviewer-email \(person.1)", "time \(stamp)", "commit \(String(repeating: "0", count: 40))", "comment", "nonce \(nonce)",
    ].map { $0 + "\n" }.joined()
    let id = SHA256.hash(data: Data(payload.utf8)).map { String(format: "%02x", $0) }.joined()
    return ("Content/.signoffs/\(module.id)/\(id).signoff", payload)
}

// The first commit adds the roster and every module.
_ = commitHeader(branch: "main", message: "Initial library", at: time)
output.write("M 100644 inline Content/roster.yml\n")
output.data("roles:\n" + ["sales", "product"].map { role in
    "  \(role):\n" + people.map { "    - name: \($0.0)\n      email: \($0.1)\n" }.joined()
}.joined())
for module in modules { writeModule(module) }
output.write("\n")
mainMark = mark

/// An open side branch: where it forked and what it changed (by module index), merged back after a while.
var side: (name: String, tip: Int, changed: [String: ModuleState], remaining: Int)?
var sideCount = 0
var written = 1

while written < commitCount {
    let early = written < earlyCommits
    func pick() -> Int {
        while true {
            let index = Int(random.next() % UInt64(modules.count))
            if early || !frozen.contains(modules[index].id) { return index }
        }
    }
    if var open = side {
        if open.remaining == 0 {
            // Merge the side branch: main's tree plus the side branch's versions of what it changed.
            _ = commitHeader(branch: "main", message: "Merge \(open.name)", at: nextTime())
            output.write("from :\(mainMark)\nmerge :\(open.tip)\n")
            for state in open.changed.values.sorted(by: { $0.id < $1.id }) {
                guard let index = modules.firstIndex(where: { $0.id == state.id }), modules[index].path == state.path else { continue }
                modules[index].version = max(modules[index].version, state.version)
                writeModule(state)
            }
            output.write("\n")
            mainMark = mark
            side = nil
        } else {
            let index = pick()
            versionCounter += 1
            var state = open.changed[modules[index].id] ?? modules[index]
            state.version = versionCounter
            open.changed[state.id] = state
            let tip = commitHeader(branch: open.name, message: "Edit \(state.id) on \(open.name)", at: nextTime())
            output.write("from :\(open.tip)\n")
            writeModule(state)
            output.write("\n")
            open.tip = tip
            open.remaining -= 1
            side = open
        }
        written += 1
        continue
    }
    if !early, random.next() % 40 == 0 {
        sideCount += 1
        side = (name: "side-\(sideCount)", tip: mainMark, changed: [:], remaining: Int(1 + random.next() % 6))
        continue
    }
    let when = nextTime()
    _ = commitHeader(branch: "main", message: "Edit training content \(written)", at: when)
    output.write("from :\(mainMark)\n")
    for _ in 0..<Int(1 + random.next() % 5) {
        let roll = random.next() % 100
        let index = pick()
        if roll < 2, modules.count > moduleCount / 2, !frozen.contains(modules[index].id) {
            output.write("D \(modules[index].path)\n")
            modules.remove(at: index)
        } else if roll < 5, !frozen.contains(modules[index].id) {
            let old = modules[index].path
            modules[index].path = old[..<(old.lastIndex(of: "/") ?? old.endIndex)] + "/r\(written)-\(modules[index].id).md"
            output.write("R \(old) \(modules[index].path)\n")
        } else if roll < 9 {
            modules.append(newModule())
            writeModule(modules[modules.count - 1])
        } else {
            versionCounter += 1
            modules[index].version = versionCounter
            writeModule(modules[index])
        }
    }
    if written % 50 == 0 {
        let record = signoffRecord(for: modules[pick()], at: when)
        output.write("M 100644 inline \(record.path)\n")
        output.data(record.text)
    }
    if written % 200 == 0 {
        eventCount += 1
        let date = ISO8601DateFormatter().string(from: Date(timeIntervalSince1970: TimeInterval(when))).prefix(10)
        output.write("M 100644 inline Content/changes/event-\(eventCount).yml\n")
        output.data("""
        id: event-\(eventCount)
        kind: label-change
        date: \(date)
        products: [\(products[eventCount % products.count])]
        markets: [\(markets[eventCount % markets.count])]
        summary: Synthetic change \(eventCount).

        """)
    }
    output.write("\n")
    mainMark = mark
    written += 1
}
output.write("reset refs/heads/main\nfrom :\(mainMark)\n\n")
output.flush()

/// SplitMix64: small, fast and the same on every platform.
struct SplitMix {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// Collects the stream and writes it in large chunks.
struct BufferedOutput {
    private var buffer: [UInt8] = []

    mutating func write(_ text: String) {
        buffer.append(contentsOf: text.utf8)
        if buffer.count > 1 << 20 { flush() }
    }

    mutating func data(_ text: String) {
        write("data \(text.utf8.count)\n")
        write(text)
        write("\n")
    }

    mutating func flush() {
        FileHandle.standardOutput.write(Data(buffer))
        buffer.removeAll(keepingCapacity: true)
    }
}
