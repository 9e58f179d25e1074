import Foundation
import Platform
import Storage
import TestSupport
import Testing

/// A worker or replica on another machine needs only the database (PostgreSQL) or the shared folder
/// (`--files`): not the competition folder, not the data folder of the process that accepted a file.
@Suite(.ownThreads)
struct FilesAnywhereTests {
    static func temporaryFolder() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("podium-files-\(UUID())")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    @Test func aSecondMachineScoresAndServesWithoutTheFirstOnesFolders() throws {
        let scratch = try Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: scratch) }
        var options = Platform.Options()
        if let url = try TestDatabase.fresh() {
            options.databaseURL = url  // PostgreSQL: the bytes travel in the database
        } else {
            // SQLite on a shared disk: one database file and one --files folder for both "machines".
            options.databaseURL = "sqlite:\(scratch.path)/shared.sqlite"
            options.filesDirectory = scratch.appendingPathComponent("shared-files").path
        }
        // Machine A: its own copy of the competition folder and of the upload, both gone afterwards.
        let folder = scratch.appendingPathComponent("a-only/nti-digits")
        try FileManager.default.createDirectory(
            at: folder.deletingLastPathComponent(), withIntermediateDirectories: true)
        try FileManager.default.copyItem(
            at: PlatformHarness.repository.appendingPathComponent("competitions/nti-digits"), to: folder)
        let upload = scratch.appendingPathComponent("a-only/knn.csv")
        try FileManager.default.copyItem(
            at: URL(fileURLWithPath: "\(PlatformHarness.examples)/knn/practice.csv"), to: upload)
        let machineA = try Platform(dataDirectory: scratch.appendingPathComponent("data-a").path, options: options)
        _ = try machineA.loadCompetition(folder: folder.path)
        let (team, _) = try machineA.organisers.addTeam(competition: "nti-digits", name: "alpha")
        _ = try machineA.organisers.act("open", competition: "nti-digits", round: "practice", actor: "test")
        let accepted = try machineA.submissions.accept(
            competition: "nti-digits", round: "practice", team: team,
            uploads: [Platform.Upload(name: "knn.csv", path: upload.path)])
        try FileManager.default.removeItem(at: scratch.appendingPathComponent("a-only"))
        try FileManager.default.removeItem(at: scratch.appendingPathComponent("data-a"))

        // Machine B: an empty data folder.
        let machineB = try Platform(dataDirectory: scratch.appendingPathComponent("data-b").path, options: options)
        #expect(machineB.fileSharing == (options.filesDirectory == nil ? .database : .sharedFolder))
        #expect(try machineB.scoring.work(worker: "b", once: true) == 1)
        let scored = try #require(try machineB.submissions.submission(accepted.id))
        #expect(scored.status == .scored && scored.publicScore != nil)
        let (record, config) = try machineB.competition("nti-digits")
        #expect(config.title == "NTI AI Hackathon (demo) — handwritten digits")
        #expect(record.folder.hasPrefix(scratch.appendingPathComponent("data-b").path))
        for (_, relative) in try machineB.organisers.publicFiles(competition: "nti-digits") {
            #expect(FileManager.default.fileExists(atPath: "\(record.folder)/\(relative)"), "\(relative)")
        }
        let board = try machineB.boards.standings(competition: "nti-digits", round: "practice", board: .public)
        #expect(board.map(\.team) == ["alpha"])
    }

    @Test func bytesFetchedFromElsewhereAreCheckedAgainstTheirHash() throws {
        let scratch = try Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: scratch) }
        let files = try FileStore(root: scratch)
        let bytes = Data("id,label\n1,2\n".utf8)
        let sha256 = FileStore.hash(of: bytes)
        #expect(sha256 == "260e3016bc129538d26b379134d87acc6e08adb09fc8e1c18a69fe295b803281")  // sha256sum
        #expect(throws: (any Error).self) { try files.write(Data("id,label\n1,3\n".utf8), sha256: sha256) }
        #expect(!FileManager.default.fileExists(atPath: files.path(of: sha256)))
        #expect(try files.write(bytes, sha256: sha256) == files.path(of: sha256))
        #expect(FileManager.default.contents(atPath: files.path(of: sha256)) == bytes)
    }
}
