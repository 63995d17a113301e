import Crypto
import Foundation
import GitKit

/// `fp1:sha256:<hex>`: what a reviewer approves. It covers the reviewable content only (title, products,
/// markets, therapeutic areas, audience, asset blob ids and body), so bookkeeping edits (owner, status,
/// cadence) do not invalidate sign-offs. Version 1 never changes; a new algorithm gets a new prefix.
public struct Fingerprint: Hashable, Sendable, CustomStringConvertible {
    public static let prefix = "fp1:sha256:"

    /// The full text, `fp1:sha256:` and 64 hexadecimal digits.
    public let value: String

    public init?(_ value: String) {
        // By bytes, through the string's own buffer: each of ten thousand cached modules carries one. (A prefix followed
        // by a combining mark fails the digit check, as it fails a comparison by Character.)
        var text = value
        let valid = text.withUTF8 { bytes in
            bytes.count == Self.prefix.utf8.count + 64 && bytes.starts(with: Self.prefix.utf8)
                && bytes[Self.prefix.utf8.count...].allSatisfy(Hex.isLowercaseDigit)
        }
        guard valid else { return nil }
        self.value = value
    }

    /// The 64 hexadecimal digits, used to name snapshots.
    public var hex: String { String(value.dropFirst(Self.prefix.count)) }

    public var short: String { String(hex.prefix(12)) }

    public var description: String { value }

    /// Fingerprints the reviewable parts of a module.
    public init(title: String, products: [String], markets: [String], therapeuticAreas: [String],
                audience: [String], assetBlobs: [ObjectID], body: String) {
        let text = Self.canonicalText(title: title, products: products, markets: markets,
                                      therapeuticAreas: therapeuticAreas, audience: audience,
                                      assetBlobs: assetBlobs, body: body)
        let digest = SHA256.hash(data: Data(text.utf8))
        value = Self.prefix + digest.hexadecimal
    }

    /// The exact bytes that are hashed, documented in the README so other tools can reproduce them.
    public static func canonicalText(title: String, products: [String], markets: [String], therapeuticAreas: [String],
                                     audience: [String], assetBlobs: [ObjectID], body: String) -> String {
        func line(_ key: String, _ values: [String]) -> String {
            ([key] + values).joined(separator: "\t") + "\n"
        }
        func set(_ values: [String]) -> [String] {
            Array(Set(values.map(normalizedValue).filter { !$0.isEmpty })).sorted { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) }
        }
        return "contentctl-fingerprint 1\n"
            + line("title", [normalizedValue(title)])
            + line("products", set(products))
            + line("markets", set(markets))
            + line("therapeutic_areas", set(therapeuticAreas))
            + line("audience", set(audience))
            + line("assets", Array(Set(assetBlobs.map(\.hex))).sorted())
            + "\n"
            + normalizedBody(body)
    }

    /// NFC, every run of white space (tabs and line breaks included) as one space, trimmed.
    static func normalizedValue(_ value: String) -> String {
        composed(value)
            .split(whereSeparator: \.isWhitespace)
            .joined(separator: " ")
    }

    /// NFC, LF line ends, trailing white space dropped from each line, runs of blank lines collapsed to one,
    /// no blank lines at the start or end, and a final LF when there is any text.
    static func normalizedBody(_ body: String) -> String {
        let text = composed(body)
        var lines: [Substring] = []
        var previousBlank = true
        for rawLine in TextLines.split(text.utf8.contains(13) ? unifiedLineEnds(text) : text) {
            var line = rawLine
            while let last = line.unicodeScalars.last, last.properties.isWhitespace { line.unicodeScalars.removeLast() }
            let blank = line.isEmpty
            if blank && previousBlank { continue }
            lines.append(line)
            previousBlank = blank
        }
        while lines.last?.isEmpty == true { lines.removeLast() }
        return lines.isEmpty ? "" : lines.joined(separator: "\n") + "\n"
    }

    /// CR LF and lone CR as LF. Building a string scalar by scalar is slow, so only text with a CR pays for it.
    private static func unifiedLineEnds(_ text: String) -> String {
        var unified = String.UnicodeScalarView()
        var previousCR = false
        for scalar in text.unicodeScalars {
            if scalar == "\n", previousCR {
                previousCR = false
                continue
            }
            previousCR = scalar == "\r"
            unified.append(scalar == "\r" ? "\n" : scalar)
        }
        return String(unified)
    }

    /// NFC. ASCII text is already in every normal form, and most training text is ASCII: it skips Foundation's
    /// conversion, which is the costliest step of parsing a module.
    static func composed(_ text: String) -> String {
        text.utf8.allSatisfy { $0 < 0x80 } ? text : text.precomposedStringWithCanonicalMapping
    }
}
