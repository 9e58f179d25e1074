import Ensembling
import Foundation
import MLMetrics
import Scoring
import Testing

/// The multi-task mode on examples/ensemble (real scikit-learn models on two datasets).
struct TaskEnsembleTests {
    static let examples = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("../../examples/ensemble").standardized

    @Test func eachTaskGetsTheBetterOfBestSingleAndBlendOnValidation() throws {
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("tasks-\(UUID())").path
        defer { try? FileManager.default.removeItem(atPath: out) }
        let models = ["forest", "knn", "logreg", "nb"].map { Self.examples.appendingPathComponent("models/\($0)").path }
        var options = TaskEnsemble.Options()
        options.metrics = ["cancer": .rocAUC, "wine": .logLoss]
        options.positiveLabel = "malignant"
        options.selection.rounds = 20
        let reports = try TaskEnsemble.run(
            models: models, labelsDirectory: Self.examples.appendingPathComponent("labels").path, outDirectory: out,
            options: options)
        #expect(reports.map(\.task) == ["cancer", "wine"])
        for report in reports {
            let bestSingle = report.metric.higherIsBetter ? report.scores.max()! : report.scores.min()!
            let chosen = report.choice == "blend" ? report.blendScore : bestSingle
            // The choice is never worse than the best single model on validation.
            #expect(report.metric.higherIsBetter ? chosen >= bestSingle : chosen <= bestSingle)
            #expect(abs(report.weights.reduce(0, +) - 1) < 1e-12)
            let written = try PredictionFile.load(path: "\(out)/\(report.task).csv")
            let test = try PredictionFile.load(
                path: Self.examples.appendingPathComponent("models/nb/test/\(report.task).csv").path)
            #expect(written.ids.count == test.ids.count)
        }
    }

    @Test func zipHoldsTheFilesByteForByte() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("z-\(UUID()).zip").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        let content = Data("id,label\n1,a\n".utf8)
        try ZipArchive.write([(name: "task.csv", data: content)], to: path)
        let archive = try Data(contentsOf: URL(fileURLWithPath: path))
        // Local header signature, the stored bytes, and the end-of-central-directory record with one entry.
        #expect(archive.prefix(4) == Data([0x50, 0x4B, 0x03, 0x04]))
        #expect(archive.range(of: content) != nil)
        #expect(archive.suffix(22).prefix(4) == Data([0x50, 0x4B, 0x05, 0x06]))
        #expect(archive.suffix(22)[archive.count - 12] == 1)
        // Read back by the platform's own reader, which checks each entry's CRC-32 and size with zlib.
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("unzip-\(UUID())").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let entries = try SubmissionArchive.extract(
            path: path, file: "z.zip", into: folder, limits: .init(maxEntryBytes: 1 << 20, maxTotalBytes: 1 << 20))
        #expect(entries.map(\.name) == ["task.csv"])
        #expect(FileManager.default.contents(atPath: try #require(entries.first).path) == content)
    }

    @Test func aCorruptedArchiveFailsItsCRCCheck() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("z-\(UUID()).zip").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        try ZipArchive.write([(name: "task.csv", data: Data("id,label\n1,a\n".utf8))], to: path)
        var archive = try Data(contentsOf: URL(fileURLWithPath: path))
        let at = try #require(archive.range(of: Data("1,a".utf8))).lowerBound
        archive[at] = UInt8(ascii: "2")  // one stored byte changed: the CRC no longer matches
        try archive.write(to: URL(fileURLWithPath: path))
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("unzip-\(UUID())").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        #expect(throws: SubmissionArchive.Failure.self) {
            try SubmissionArchive.extract(
                path: path, file: "z.zip", into: folder, limits: .init(maxEntryBytes: 1 << 20, maxTotalBytes: 1 << 20))
        }
    }

    @Test func anArchiveTooLargeForZipIsRefusedNotATrap() {
        let many = (0...Int(UInt16.max)).map { (name: "f\($0).csv", data: Data()) }
        #expect(throws: EnsembleError.self) { try ZipArchive.write(many, to: "/tmp/never-written.zip") }
        #expect(!FileManager.default.fileExists(atPath: "/tmp/never-written.zip"))
    }
}
