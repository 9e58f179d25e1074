import Foundation
import Testing

@testable import Tabular

/// Quoting, shortest round-trip doubles, and the atomic write.
struct CSVWriterTests {
    @Test func quotesOnlyWhatNeedsQuotingAndRoundTrips() throws {
        var writer = CSVWriter(header: ["id", "text", "p"])
        writer.append("a")
        writer.append("plain")
        writer.append(0.1)
        writer.append("b,\"c\"")
        writer.append("two\nlines")
        writer.append(1e-05)
        writer.append(" padded")
        writer.append("")
        writer.append(1.0)
        let text = String(decoding: writer.bytes, as: UTF8.self)
        #expect(text == "id,text,p\na,plain,0.1\n\"b,\"\"c\"\"\",\"two\nlines\",1e-05\n\" padded\",,1.0\n")
        let table = try CSVReader.read(
            text: text, source: "t", options: CSVReadOptions(columns: ["text": .text, "p": .number]))
        #expect(table.ids[1] == "b,\"c\"")
        #expect(table.texts("text") == ["plain", "two\nlines", ""])
        #expect(table.numbers("p")?.values == [0.1, 1e-05, 1.0])
    }

    @Test func doublesRoundTripExactly() throws {
        var writer = CSVWriter(header: ["id", "p"])
        let values = (0..<1000).map { _ in Double.random(in: -1e6...1e6) * pow(10, Double(Int.random(in: -30...30))) }
        for (index, value) in values.enumerated() {
            writer.append("r\(index)")
            writer.append(value)
        }
        let table = try CSVReader.read(
            text: String(decoding: writer.bytes, as: UTF8.self), source: "t",
            options: CSVReadOptions(otherColumns: .number))
        #expect(table.numbers("p")?.values == values)
    }

    /// Numbers are written as `description` writes them (Python's repr: `1.0`, `1e-05`, `0.1`), digits and all.
    @Test func doublesAreWrittenAsTheirDescription() {
        var values: [Double] = [0, -0.0, 1, 0.1, 1e-5, 1e16, 123.456, .infinity, -.infinity, .nan, 5e-324]
        values += (0..<10_000).map { _ in Double(bitPattern: UInt64.random(in: 0...UInt64.max)) }
        values += (0..<10_000).map { _ in Double.random(in: 0..<1) }
        var writer = CSVWriter(rowsOf: 1)
        for value in values { writer.append(value) }
        #expect(String(decoding: writer.bytes, as: UTF8.self) == values.map { "\($0.description)\n" }.joined())
    }

    @Test func writeReplacesTheFileWholeAndLeavesNoTemporary() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("csvwriter-\(UUID())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("out.csv").path
        try "old contents".write(toFile: path, atomically: false, encoding: .utf8)
        var writer = CSVWriter(header: ["id", "label"])
        writer.appendRow(["x", "1"])
        try writer.write(to: path)
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "id,label\nx,1\n")
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path) == ["out.csv"])
    }

    @Test func writeIntoAMissingFolderFailsWithTheFileNamed() {
        let writer = CSVWriter(header: ["id"])
        #expect(throws: CSVError.self) { try writer.write(to: "/nonexistent-folder/out.csv") }
    }

    @Test func readsAFileFromDiskThroughTheMemoryMap() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("map-\(UUID()).csv").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        try "id,label\nq,1\n".write(toFile: path, atomically: true, encoding: .utf8)
        let table = try CSVReader.read(path: path, options: CSVReadOptions(columns: ["label": .label]))
        #expect(table.source == path)
        #expect(table.labels("label")?.names == ["1"])
        #expect(throws: CSVError.self) { try CSVReader.read(path: path + ".missing", options: CSVReadOptions()) }
    }
}

/// Pipes and other streams cannot be memory-mapped; they are read into memory instead.
struct StreamInputTests {
    @Test func readsFromAPipe() throws {
        var fds: [Int32] = [0, 0]
        #expect(pipe(&fds) == 0)
        let text = Array("id,label\nq,1\nr,0\n".utf8)
        _ = text.withUnsafeBytes { write(fds[1], $0.baseAddress, $0.count) }
        close(fds[1])
        defer { close(fds[0]) }
        let table = try CSVReader.read(path: "/dev/fd/\(fds[0])", options: CSVReadOptions(columns: ["label": .label]))
        #expect(table.rowCount == 2)
        #expect(table.ids[1] == "r")
    }
}
