// swift-tools-version: 6.0
import PackageDescription

let package = Package(
    name: "root-checklist",
    platforms: [.macOS(.v13)],
    products: [
        .library(name: "ChecklistModel", targets: ["ChecklistModel"]),
        .executable(name: "root-checklist", targets: ["root-checklist"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
    ],
    targets: [
        // Foundation only: usable by any front end.
        .target(name: "ChecklistModel"),
        // The bundled checklist, generated at build time from Checklists/ so the repo keeps one copy.
        .executableTarget(name: "checklist-embedder", dependencies: ["ChecklistModel"], path: "Sources/checklist-embedder"),
        .plugin(name: "EmbedChecklist", capability: .buildTool(), dependencies: ["checklist-embedder"]),
        .target(name: "DefaultChecklist", dependencies: ["ChecklistModel"], plugins: ["EmbedChecklist"]),
        .target(name: "ChecklistUI", dependencies: ["ChecklistModel"]),
        // The version and the commit of this build, for --version.
        .plugin(name: "StampBuildInfo", capability: .buildTool()),
        .target(name: "BuildInfo", plugins: ["StampBuildInfo"]),
        .systemLibrary(
            name: "CNCurses",
            pkgConfig: "ncursesw",
            providers: [.apt(["libncurses-dev"])]
        ),
        .target(name: "CursesTerminal", dependencies: ["CNCurses", "ChecklistUI", "ChecklistModel"]),
        .target(name: "AWSChecks", dependencies: ["ChecklistModel"]),
        .executableTarget(
            name: "root-checklist",
            dependencies: [
                "ChecklistModel", "ChecklistUI", "CursesTerminal", "AWSChecks", "DefaultChecklist", "BuildInfo",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // Seeded randomness shared by the test targets; not part of any product.
        .target(name: "TestSupport", path: "Tests/TestSupport"),
        .testTarget(name: "ChecklistModelTests", dependencies: ["ChecklistModel", "DefaultChecklist", "TestSupport"],
                    exclude: ["Recorded"]),
        .testTarget(name: "ChecklistUITests", dependencies: ["ChecklistUI", "ChecklistModel", "DefaultChecklist", "TestSupport"],
                    exclude: ["Golden"]),
        .testTarget(name: "AWSChecksTests", dependencies: ["AWSChecks", "ChecklistModel", "DefaultChecklist", "TestSupport"]),
        .testTarget(name: "RootChecklistTests", dependencies: [
            "root-checklist", "TestSupport", .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ]),
        .testTarget(name: "EndToEndTests", dependencies: ["ChecklistModel", "DefaultChecklist"]),
    ],
    swiftLanguageModes: [.v6]
)
