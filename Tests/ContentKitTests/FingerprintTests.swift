import ContentKit
import Foundation
import Testing
import TestSupport

/// The fingerprint is a published format: these values were computed independently (Python, hashlib and
/// unicodedata, following the README) and are the README's test vector.
@Suite struct FingerprintTests {
    static let vectorModule = "---\nid: vector\ntitle: \"  Zentrava   dosing \"\nproducts: [zentrava]\nmarkets: [US, DE, DE]\n"
        + "therapeutic_areas: [cardiology]\naudience: [sales-reps]\nassets: [card.txt]\nowner: maya@example.com\ncadence: quarterly\n---\n"
        + vectorBody
    /// The vector's body: everything after the closing `---` line.
    static let vectorBody = "# Dosing\r\n\r\nCafe\u{0301} 10 mg   \n\n\n\nTake once daily.\t\n\n"
    static let vectorCanonicalText = "contentctl-fingerprint 1\ntitle\tZentrava dosing\nproducts\tzentrava\nmarkets\tDE\tUS\n"
        + "therapeutic_areas\tcardiology\naudience\tsales-reps\nassets\tcefdc5f9c89894e9fcb2748951c2be06293b762a\n\n"
        + "# Dosing\n\nCafé 10 mg\n\nTake once daily.\n"
    static let vectorFingerprint = "fp1:sha256:44bfbc95e3511d44da09e617b7386b4cfc32c56fd5d2a420830f6128013d9ca2"

    @Test func readmeVectorFromARepository() throws {
        let repository = try TestRepository()
        try repository.write("Content/vector.md", Self.vectorModule)
        try repository.write("Content/card.txt", "dosing card\n")
        try repository.commit("vector")
        let listing = try ContentRepository.open(at: repository.path).listModules()
        let module = try #require(listing.library.module(id: "vector"))
        #expect(module.fingerprint.value == Self.vectorFingerprint)
        #expect(Fingerprint.canonicalText(title: module.title, products: module.products, markets: module.markets,
                                          therapeuticAreas: module.therapeuticAreas, audience: module.audience,
                                          assetBlobs: module.assetFiles.map(\.blob), body: Self.vectorBody) == Self.vectorCanonicalText)
    }

    @Test func changesOutsideTheReviewableContentKeepTheFingerprint() throws {
        let base = Fingerprint(title: "T", products: ["a", "b"], markets: [], therapeuticAreas: [], audience: [], assetBlobs: [], body: "One\n\nTwo\n")
        #expect(Fingerprint(title: " T ", products: ["b", "a", "a"], markets: [], therapeuticAreas: [], audience: [], assetBlobs: [],
                            body: "\r\nOne  \r\n\r\n\r\nTwo") == base)
        #expect(Fingerprint(title: "T", products: ["a"], markets: [], therapeuticAreas: [], audience: [], assetBlobs: [], body: "One\n\nTwo\n") != base)
        #expect(Fingerprint(title: "T", products: ["a", "b"], markets: [], therapeuticAreas: [], audience: [], assetBlobs: [], body: "One\nTwo\n") != base)
        #expect(Fingerprint(title: "T", products: ["a", "b"], markets: [], therapeuticAreas: [], audience: [], assetBlobs: [], body: "One\n\ntwo\n") != base)
    }

    /// Records and caches name fingerprints as text: only the exact form is read back.
    @Test func onlyTheExactTextFormIsAFingerprint() {
        let digits = String(repeating: "0123456789abcdef", count: 4)
        #expect(Fingerprint("fp1:sha256:" + digits)?.hex == digits)
        for bad in ["", "fp1:sha256:", "fp1:sha256:" + digits.uppercased(), "fp1:sha256:" + digits.dropLast(), "fp1:sha256:" + digits + "0",
                    "fp2:sha256:" + digits, "fp1:sha256:\u{0301}" + digits.dropFirst(2), " fp1:sha256:" + digits, "fp1:sha256:" + digits.dropLast() + "g"] {
            #expect(Fingerprint(bad) == nil, "\(bad.debugDescription)")
        }
    }
}
