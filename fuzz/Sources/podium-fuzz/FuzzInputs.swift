import Foundation
import Scoring
import Tabular

/// The answer key every input is validated against: the nti-digits practice solution shape.
nonisolated(unsafe) let key: AnswerKey? = {
    let path = FileManager.default.temporaryDirectory.appendingPathComponent("podium-fuzz-key.csv").path
    let rows = (0..<20).map { "img\($0),\($0 % 10),\($0 % 3 == 0 ? "Private" : "Public")" }
    try? ("id,label,Usage\n" + rows.joined(separator: "\n") + "\n").write(
        toFile: path, atomically: true, encoding: .utf8)
    return try? AnswerKey.load(path: path, spec: TaskSpec(metrics: [.accuracy]))
}()

/// Where archives are unpacked (one folder per fuzzing process, entries overwritten each run).
let scratch: String = {
    let path = FileManager.default.temporaryDirectory.appendingPathComponent("podium-fuzz-\(getpid())").path
    try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    return path
}()

/// libFuzzer's entry point: read the bytes as CSV and validate them as a submission; read them as JSON
/// Lines, flat and as MuSeRC passages; unpack them as a zip archive with small limits. Any crash,
/// overflow, hang or sanitizer report is a bug; refusals are the expected outcome.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = UnsafeBufferPointer(start: data, count: size)
    let labels = CSVReadOptions(idColumn: "idx", columns: ["label": .label, "question": .label, "Usage": .label])
    _ = try? JSONLinesReader.read(bytes: bytes, source: "fuzz", options: labels, layout: .flat)
    _ = try? JSONLinesReader.read(
        bytes: bytes, source: "fuzz", options: labels, layout: .museRC(groupColumn: "question"))
    _ = try? JSONLinesReader.read(
        bytes: bytes, source: "fuzz", options: CSVReadOptions(idColumn: "idx", otherColumns: .number))
    _ = try? SubmissionArchive.extract(
        bytes: Array(bytes), file: "fuzz.zip", into: scratch,
        limits: .init(maxEntryBytes: 1 << 20, maxTotalBytes: 4 << 20))
    _ = try? CSVReader.read(
        bytes: bytes, source: "fuzz", options: CSVReadOptions(columns: ["label": .label], otherColumns: .number))
    if let key,
        let table = try? CSVReader.read(
            bytes: bytes, source: "fuzz", options: try! SubmissionValidator.readOptions(for: key.spec))
    {
        _ = try? SubmissionValidator.validate(table, key: key)
    }
    return 0
}

/// libFuzzer's driver for programs with their own entry point.
@_silgen_name("LLVMFuzzerRunDriver")
func LLVMFuzzerRunDriver(
    _ argc: UnsafeMutablePointer<CInt>,
    _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
    _ callback: @convention(c) (UnsafePointer<UInt8>, Int) -> CInt
) -> CInt

/// SwiftPM names an executable's entry point `<module>_main`; it hands over to libFuzzer.
@_cdecl("podium_fuzz_main")
public func podiumFuzzMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    var count = argc
    var arguments = argv
    return LLVMFuzzerRunDriver(&count, &arguments) { data, size in fuzz(data, size) }
}
