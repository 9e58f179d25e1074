import Foundation
import Testing

@testable import EventArchive

/// The archive as a file: what is written reads back part for part, and an archive cut short, flipped or never
/// finished is refused naming its part.
struct EventArchiveFormatTests {
    static func folder() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("podium-archive-\(UUID())")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// An archive of a few parts (one large enough to span many gzip buffers); returns its path and the parts.
    static func archive(in folder: URL) throws -> (String, [String: Data]) {
        var generator = SystemRandomNumberGenerator()
        let noise = Data((0..<700_000).map { _ in UInt8.random(in: 0...255, using: &generator) })
        let parts: [String: Data] = [
            "tables/team/000001.jsonl": Data("[1,\"red\"]\n[2,\"green\"]\n".utf8),
            "files/noise": noise,
            "competitions/x/competition.yaml": Data("title: X\n".utf8),
            "empty": Data(),
        ]
        let path = folder.appendingPathComponent("event.tar.gz").path
        let writer = try EventArchiveWriter(path: path)
        for name in parts.keys.sorted() { try writer.add(name, bytes: parts[name]!) }
        try writer.finish(
            ArchiveManifest(
                createdAt: Date(timeIntervalSince1970: 1_800_000_000.25), source: "sqlite", schema: ["v1"],
                competitions: ["x"],
                tables: [.init(name: "team", columns: [.init(name: "id", kind: .integer)], rows: 2)]))
        return (path, parts)
    }

    @Test func whatIsWrittenReadsBackPartForPart() throws {
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let (path, parts) = try Self.archive(in: folder)
        let manifest = try EventArchiveReader.verify(path: path)
        #expect(manifest.parts.map(\.name) == parts.keys.sorted())
        #expect(manifest.createdAt == Date(timeIntervalSince1970: 1_800_000_000.25))
        #expect(manifest.tables.first?.rows == 2)
        var read: [String: Data] = [:]
        try EventArchiveReader.read(path: path) { read[$0.name] = try $0.data() }
        #expect(read == parts)
        // A plain tar reads it too: the format is POSIX ustar in gzip.
        let listing = Process()
        listing.executableURL = URL(fileURLWithPath: "/usr/bin/tar")
        listing.arguments = ["tzf", path]
        let pipe = Pipe()
        listing.standardOutput = pipe
        try listing.run()
        let names = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        listing.waitUntilExit()
        #expect(names.split(separator: "\n").map(String.init) == parts.keys.sorted() + ["manifest.json"])
    }

    @Test(arguments: [0.1, 0.5, 0.9, 0.999]) func anArchiveCutShortIsRefusedNamingThePart(fraction: Double) throws {
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let (path, _) = try Self.archive(in: folder)
        let bytes = try Data(contentsOf: URL(fileURLWithPath: path))
        try bytes.prefix(Int(Double(bytes.count) * fraction)).write(to: URL(fileURLWithPath: path))
        let error = try #require(throws: ArchiveError.self) { try EventArchiveReader.verify(path: path) }
        #expect(error.part != nil, "\(error)")
        #expect(error.message.contains("truncated") || error.message.contains("no manifest"), "\(error)")
    }

    @Test(arguments: [0.3, 0.6, 0.95]) func aFlippedByteIsRefusedNamingThePart(fraction: Double) throws {
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let (path, _) = try Self.archive(in: folder)
        var bytes = try Data(contentsOf: URL(fileURLWithPath: path))
        bytes[Int(Double(bytes.count) * fraction)] ^= 0x20
        try bytes.write(to: URL(fileURLWithPath: path))
        let error = try #require(throws: ArchiveError.self) { try EventArchiveReader.verify(path: path) }
        #expect(error.part != nil, "\(error)")
    }

    @Test func anUnfinishedArchiveIsNotUnderItsNameAndItsPartialFileIsRefused() throws {
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("event.tar.gz").path
        var writer: EventArchiveWriter? = try EventArchiveWriter(path: path)
        try writer!.add("tables/team/000001.jsonl", bytes: Data("[1]\n".utf8))
        let partial = writer!.partialPath
        let copy = folder.appendingPathComponent("cut.tar.gz").path
        try FileManager.default.copyItem(atPath: partial, toPath: copy)
        writer = nil
        #expect(!FileManager.default.fileExists(atPath: path))
        #expect(!FileManager.default.fileExists(atPath: partial))
        #expect(throws: ArchiveError.self) { try EventArchiveReader.verify(path: copy) }
    }

    @Test func aNameTooLongForTarIsRefused() throws {
        #expect(throws: ArchiveError.self) { try TarFormat.header(name: String(repeating: "a", count: 101), size: 1) }
        #expect(try TarFormat.header(name: String(repeating: "a", count: 100), size: 1).count == 512)
    }

    @Test func cellsReadBackAsTheyWereWritten() throws {
        let columns: [ArchiveManifest.Column] = [
            .init(name: "i", kind: .integer), .init(name: "r", kind: .real), .init(name: "t", kind: .text),
            .init(name: "b", kind: .boolean), .init(name: "d", kind: .date), .init(name: "x", kind: .bytes),
            .init(name: "n", kind: .real), .init(name: "z", kind: .text),
        ]
        let moment = Date(timeIntervalSince1970: 1_800_000_000.123456)
        let values: [ArchiveValue] = [
            .integer(Int64.max), .real(0.1), .text("Привет, \"мир\"\n\t\u{1}\\"), .boolean(true), .date(moment),
            .bytes(Data([0, 255, 7])), .real(.infinity), .null,
        ]
        let line = ArchiveRow.line(values)
        #expect(!line.contains("\n"))
        let back = try ArchiveRow.values(of: Substring(line), columns: columns)
        #expect(back[0] == .integer(Int64.max) && back[1] == .real(0.1) && back[2] == values[2])
        #expect(back[3] == .boolean(true) && back[5] == .bytes(Data([0, 255, 7])) && back[6] == .real(.infinity))
        #expect(back[7] == .null)
        guard case .date(let date) = back[4] else {
            Issue.record("not a date: \(back[4])")
            return
        }
        #expect(abs(date.timeIntervalSince(moment)) < 0.000_001)
        #expect(ArchiveValue.text(of: date) == "2027-01-15T08:00:00.123456Z")
        let nan = try ArchiveRow.values(of: Substring(ArchiveRow.line([.real(.nan)])), columns: [columns[1]])
        guard case .real(let value) = nan[0] else {
            Issue.record("not a real")
            return
        }
        #expect(value.isNaN)
    }

    @Test func aCellOfTheWrongKindIsRefusedNamingItsColumn() {
        let error = #expect(throws: ArchiveError.self) {
            try ArchiveRow.values(of: "[\"seven\"]", columns: [.init(name: "attempts", kind: .integer)])
        }
        #expect(error?.message.contains("attempts") == true)
    }

    @Test func aMillisecondKeptByCuttingStaysTheSameMillisecond() throws {
        // SQLite (through GRDB) keeps milliseconds by cutting; the date read from the text is a hair past it.
        for millis in [0, 1, 123, 999] {
            let text = String(format: "2026-12-05T15:30:18.%03d000Z", millis)
            let date = try #require(ArchiveValue.date(of: text))
            let cut = Int((date.timeIntervalSince1970 * 1000).rounded(.down)) % 1000
            #expect(cut == millis, "\(text)")
        }
    }
}
