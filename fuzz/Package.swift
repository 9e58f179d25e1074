// swift-tools-version:6.1
// A libFuzzer target over the CSV and JSON Lines readers, submission validation and zip unpacking, built apart from the main package
// so only `make fuzz` compiles it with -sanitize=fuzzer,address.
import PackageDescription

// SwiftPM names a path dependency after its folder, so the parent package is whatever the checkout's
// folder is called (`main`, `podium`, …): read it from where this manifest sits.
let parentIdentity = String(Context.packageDirectory.split(separator: "/").dropLast().last ?? "podium").lowercased()

let package = Package(
    name: "PodiumFuzz",
    dependencies: [.package(path: "..")],
    targets: [
        .executableTarget(
            name: "podium-fuzz",
            dependencies: [
                .product(name: "Tabular", package: parentIdentity),
                .product(name: "Scoring", package: parentIdentity),
            ]
        )
    ],
    swiftLanguageModes: [.v6]
)
