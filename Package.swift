// swift-tools-version: 6.0
import PackageDescription

let package = Package(
    name: "contentctl",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "contentctl", targets: ["contentctl"]),
        .library(name: "ContentKit", targets: ["ContentKit"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/apple/swift-crypto", from: "4.5.2"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
        .package(url: "https://github.com/JohnSundell/Ink", from: "0.6.0"),
    ],
    targets: [
        .systemLibrary(
            name: "Clibgit2",
            pkgConfig: "libgit2",
            providers: [.apt(["libgit2-dev"])]
        ),
        .systemLibrary(
            name: "Cmimalloc",
            providers: [.apt(["libmimalloc-dev"])]
        ),
        .target(
            name: "GitKit",
            dependencies: ["Clibgit2"]
        ),
        .target(
            name: "ContentKit",
            dependencies: [
                "GitKit",
                .product(name: "Yams", package: "Yams"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Mustache", package: "swift-mustache"),
                .product(name: "Ink", package: "Ink"),
            ],
            plugins: ["EmbedTemplates"]
        ),
        .executableTarget(name: "TemplateEmbedder"),
        .executableTarget(
            name: "contentctl-synth",
            dependencies: [.product(name: "Crypto", package: "swift-crypto")]
        ),
        .plugin(
            name: "EmbedTemplates",
            capability: .buildTool(),
            dependencies: ["TemplateEmbedder"]
        ),
        .executableTarget(
            name: "contentctl",
            dependencies: [
                "ContentKit",
                // The allocator, linked by its import in Contentctl.swift.
                "Cmimalloc",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .target(
            name: "TestSupport",
            path: "Tests/TestSupport"
        ),
        .testTarget(
            name: "GitKitTests",
            dependencies: ["GitKit", "TestSupport"]
        ),
        .testTarget(
            name: "ContentKitTests",
            dependencies: ["ContentKit", "GitKit", "TestSupport"]
        ),
        .testTarget(
            name: "contentctlTests",
            dependencies: ["ContentKit", "TestSupport", .product(name: "Crypto", package: "swift-crypto")]
        ),
    ],
    swiftLanguageModes: [.v6]
)
