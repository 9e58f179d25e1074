import EventArchive
import Foundation
import Platform
import Storage
import TestSupport
import Testing

/// An archive that is not whole never goes in: cut short, flipped or left by an export killed midway, `import` and
/// `verify` refuse it naming the part, and nothing is written.
@Suite(.ownThreads) struct EventArchiveDamageTests {
    static let podium = WebHarness.repository.appendingPathComponent(".build/debug/podium").path

    /// A small event exported; returns the event and its archive's path.
    static func exported() async throws -> (ArchiveEvent, String) {
        let event = try await offTheCooperativePool {
            let event = try ArchiveEvent(backend: .sqlite, clock: SteppedClock())
            try event.scoredTeam("red")
            return event
        }
        let archive = event.data + "-event.tar.gz"
        try await offTheCooperativePool { _ = try event.platform.exportEvent(to: archive) }
        return (event, archive)
    }

    /// `podium verify PATH --json`: its exit status and what it said.
    static func verify(_ path: String) async throws -> (status: Int32, text: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: podium)
        process.arguments = ["verify", path, "--json"]
        let finished = try await ChildProcess.run(process)
        return (finished.status, finished.text)
    }

    @Test(arguments: ["flip", "cut"]) func aDamagedArchiveIsRefusedNamingThePartAndNothingIsImported(damage: String)
        async throws
    {
        let (_, archive) = try await Self.exported()
        defer { try? FileManager.default.removeItem(atPath: archive) }
        #expect(try await Self.verify(archive).status == 0)
        var bytes = try Data(contentsOf: URL(fileURLWithPath: archive))
        if damage == "flip" { bytes[bytes.count / 2] ^= 0x01 } else { bytes = bytes.prefix(bytes.count / 2) }
        try bytes.write(to: URL(fileURLWithPath: archive))
        let verified = try await Self.verify(archive)
        #expect(verified.status == 1)
        let named = ["tables/", "files/", "competitions/", "manifest.json"]
        #expect(named.contains { verified.text.contains($0) }, "\(verified.text)")
        let target = try await offTheCooperativePool {
            try ArchiveEvent(backend: .sqlite, clock: SteppedClock(), loading: false)
        }
        let refusal = await #expect(throws: PlatformError.self) {
            try await offTheCooperativePool { try target.platform.importEvent(from: archive) }
        }
        #expect(refusal?.code == .archiveRefused)
        #expect(named.contains { refusal?.message.contains($0) == true }, "\(refusal?.message ?? "")")
        #expect(try target.platform.store.read { try $0.competitions() }.isEmpty)
    }

    @Test func anExportKilledMidwayLeavesNoArchiveThatVerifyTakesAsWhole() async throws {
        // An event whose export takes a while: a competition with 48 MB of public data that does not compress.
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("podium-kill-\(UUID())")
        defer { try? FileManager.default.removeItem(at: folder) }
        let competition = folder.appendingPathComponent("nti-digits")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try FileManager.default.copyItem(
            at: WebHarness.repository.appendingPathComponent("competitions/nti-digits"), to: competition)
        let big = competition.appendingPathComponent("public/train.csv")
        try FileManager.default.removeItem(at: big)
        let random = try #require(FileHandle(forReadingAtPath: "/dev/urandom"))
        try random.readData(ofLength: 48 << 20).write(to: big)
        try random.close()
        let data = folder.appendingPathComponent("data").path
        try await offTheCooperativePool {
            _ = try Platform(dataDirectory: data).loadCompetition(folder: competition.path)
        }
        let archive = folder.appendingPathComponent("event.tar.gz").path
        let export = Process()
        export.executableURL = URL(fileURLWithPath: Self.podium)
        export.arguments = ["export", "-o", archive, "--data", data]
        export.environment = TestDatabase.environment(nil)  // the event is on SQLite in its data folder
        try export.run()
        let partial = try await offTheCooperativePool { () -> String? in
            for _ in 0..<20_000 {
                let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
                if let name = names.first(where: { $0.hasSuffix(".partial") }),
                    let size = try? FileManager.default.attributesOfItem(
                        atPath: folder.appendingPathComponent(name).path)[.size]
                        as? NSNumber, size.intValue > 1 << 20
                {
                    return folder.appendingPathComponent(name).path
                }
                usleep(500)
            }
            return nil
        }
        kill(export.processIdentifier, SIGKILL)
        try await ChildProcess.exit(of: export)
        let cut = try #require(partial, "the export finished before it could be killed")
        #expect(export.terminationReason == .uncaughtSignal)
        #expect(!FileManager.default.fileExists(atPath: archive))
        let verified = try await Self.verify(cut)
        #expect(verified.status == 1, "\(verified.text)")
    }
}
