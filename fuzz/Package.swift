// swift-tools-version:6.1
// A libFuzzer target over the CSV reader and submission validation, built apart from the main package
// so only `make fuzz` compiles it with -sanitize=fuzzer,address.
import PackageDescription

let package = Package(
    name: "PodiumFuzz",
    dependencies: [.package(path: "..")],
    targets: [
        .executableTarget(
            name: "podium-fuzz",
            dependencies: [.product(name: "Tabular", package: "main"), .product(name: "Scoring", package: "main")]
        )
    ],
    swiftLanguageModes: [.v6]
)
