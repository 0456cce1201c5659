// swift-tools-version: 6.0
import PackageDescription

let package = Package(
    name: "root-checklist",
    platforms: [.macOS(.v13)],
    products: [
        // The library another front end reuses: the model, and its summaries and wording (DESIGN.md).
        .library(name: "ChecklistModel", targets: ["ChecklistModel", "ChecklistStore", "ChecklistText"]),
        .executable(name: "root-checklist", targets: ["root-checklist"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/apple/swift-crypto", from: "4.5.2"),
    ],
    targets: [
        // The one import preamble: Foundation's essentials and the C library.
        .target(name: "SystemImports"),
        // Untrusted text made plain (no control characters, bidi overrides) and matched: the lowest layer.
        .target(name: "SafeText", dependencies: ["SystemImports"]),
        // JSON read exactly (duplicate keys, depth, numbers) and written canonically; no domain.
        .target(name: "JSONFormat", dependencies: ["SafeText", "SystemImports"]),
        // The pure model: checklists, account state, changes, merge, and the state file's codec. No I/O.
        .target(name: "ChecklistModel", dependencies: ["JSONFormat", "SafeText", "SystemImports"]),
        // The state directory on disk: locks, atomic saves, safe reads, the kept replies, report files.
        .target(name: "ChecklistStore", dependencies: ["ChecklistModel", "SystemImports"]),
        // The bundled checklist, generated at build time from Checklists/ so the repo keeps one copy.
        .executableTarget(name: "checklist-embedder", dependencies: ["ChecklistModel"], path: "Sources/checklist-embedder"),
        .plugin(name: "EmbedChecklist", capability: .buildTool(), dependencies: ["checklist-embedder"]),
        .target(name: "DefaultChecklist", dependencies: ["ChecklistModel", "SystemImports"], plugins: ["EmbedChecklist"]),
        // How the model is shown as text: summaries, statuses, display widths, error messages.
        .target(name: "ChecklistText", dependencies: ["ChecklistModel", "SystemImports"]),
        // This process: the environment, child processes, signals, the state directory's default. No domain.
        .target(name: "ProcessSupport", dependencies: ["SystemImports"]),
        .target(name: "ChecklistUI", dependencies: ["ChecklistModel", "ChecklistText", "SystemImports"]),
        // The version and the commit of this build, for --version.
        .plugin(name: "StampBuildInfo", capability: .buildTool()),
        .target(name: "BuildInfo", plugins: ["StampBuildInfo"]),
        // Linked by name in its module map (Debian's libncursesw.so brings tinfo): pkg-config would
        // add only -D flags SwiftPM refuses with a warning, which the shim header sets itself.
        .systemLibrary(name: "CNCurses", providers: [.apt(["libncurses-dev"])]),
        .target(name: "CursesTerminal", dependencies: ["CNCurses", "ChecklistUI", "ChecklistModel", "SystemImports"]),
        // The walkthrough's loop: one inbox, the reducer, effects to a performer (live or fake), frames to a terminal port.
        .target(name: "WalkRuntime", dependencies: ["ChecklistUI", "ChecklistModel", "ProcessSupport", "SystemImports"]),
        // A state directory shared through git: a commit per change, sync, and the state-aware merge.
        .target(name: "TeamState", dependencies: ["ChecklistModel", "ChecklistStore", "ChecklistText", "ProcessSupport", "SystemImports"]),
        // libcurl opened at run time (no link, no headers needed): the native client's HTTPS.
        .target(name: "CCurl"),
        // The native AWS client (#28): models of the calls the tool makes, SigV4, endpoints, credentials, HTTPS.
        .target(name: "AWSNative", dependencies: ["JSONFormat", "SafeText", "SystemImports", .product(name: "Crypto", package: "swift-crypto"),
                                                  "CCurl"]),
        .target(name: "AWSChecks", dependencies: ["AWSNative", "ChecklistModel", "ChecklistStore", "ProcessSupport", "SystemImports"]),
        .executableTarget(
            name: "root-checklist",
            dependencies: [
                "ChecklistModel", "ChecklistStore", "ChecklistText", "ProcessSupport", "ChecklistUI", "CursesTerminal", "WalkRuntime", "AWSChecks", "TeamState", "DefaultChecklist",
                "BuildInfo", "SystemImports",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // Seeded randomness, repository files and model fixtures shared by the test targets; not part of any product.
        .target(name: "TestSupport", dependencies: ["ChecklistModel", "DefaultChecklist"], path: "Tests/TestSupport"),
        .testTarget(name: "ChecklistModelTests", dependencies: ["ChecklistModel", "ChecklistStore", "ChecklistText", "DefaultChecklist", "TestSupport"],
                    exclude: ["Recorded"]),
        .testTarget(name: "ChecklistTextTests", dependencies: ["ChecklistText", "ChecklistModel", "TestSupport"],
                    exclude: ["Recorded"]),
        .testTarget(name: "ProcessSupportTests", dependencies: ["ProcessSupport", "TestSupport"]),
        .testTarget(name: "ChecklistUITests", dependencies: ["ChecklistUI", "WalkRuntime", "ChecklistModel", "ChecklistText", "DefaultChecklist", "TestSupport"],
                    exclude: ["Golden"]),
        .testTarget(name: "TeamStateTests", dependencies: ["TeamState", "ChecklistModel", "ChecklistText", "TestSupport"]),
        .testTarget(name: "AWSChecksTests", dependencies: ["AWSChecks", "AWSNative", "ChecklistModel", "DefaultChecklist", "TestSupport"]),
        .testTarget(name: "RootChecklistTests", dependencies: [
            "root-checklist", "TestSupport", .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ]),
        .testTarget(name: "AWSNativeTests", dependencies: ["AWSNative", "ChecklistModel", "JSONFormat", "TestSupport",
                                                          .product(name: "Crypto", package: "swift-crypto")], exclude: ["SigV4TestSuite"]),
        .testTarget(name: "EndToEndTests", dependencies: ["ChecklistModel", "ChecklistStore", "DefaultChecklist", "TestSupport"]),
    ],
    swiftLanguageModes: [.v6]
)
