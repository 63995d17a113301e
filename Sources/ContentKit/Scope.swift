/// The products, markets and therapeutic areas something applies to; an empty list means "all".
public struct Scope: Equatable, Sendable {
    public var products: [String]
    public var markets: [String]
    public var therapeuticAreas: [String]

    public init(products: [String] = [], markets: [String] = [], therapeuticAreas: [String] = []) {
        self.products = products
        self.markets = markets
        self.therapeuticAreas = therapeuticAreas
    }

    /// True when, in each dimension, either list is empty or the two share a value.
    public func overlaps(_ other: Scope) -> Bool {
        Self.overlap(products, other.products)
            && Self.overlap(markets, other.markets)
            && Self.overlap(therapeuticAreas, other.therapeuticAreas)
    }

    static let allProducts = "all products"
    static let allMarkets = "all markets"

    /// "zentrava, lumidex" or "all products".
    var productsText: String { products.isEmpty ? Self.allProducts : products.joined(separator: ", ") }
    /// "US" or "all markets".
    var marketsText: String { markets.isEmpty ? Self.allMarkets : markets.joined(separator: ", ") }

    /// "zentrava, lumidex · US" or "all products · all markets", for people to read.
    public var readable: String { productsText + " · " + marketsText }

    private static func overlap(_ first: [String], _ second: [String]) -> Bool {
        // Scopes hold a handful of values: comparing them directly beats building a set per call.
        first.isEmpty || second.isEmpty || first.contains(where: second.contains)
    }
}

extension Module {
    public var scope: Scope {
        Scope(products: products, markets: markets, therapeuticAreas: therapeuticAreas)
    }
}
