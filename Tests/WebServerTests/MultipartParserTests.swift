import Foundation
import TestSupport
import Testing

@testable import WebServer

/// The streaming multipart parser gives the same fields and files however the body is cut into chunks —
/// at every boundary, inside a delimiter, one byte at a time — including bodies whose contents almost spell
/// the delimiter.
@Suite(.ownThreads)
struct MultipartParserTests {
    static let boundary = "xYzZy"

    static func body() -> (bytes: [UInt8], file: [UInt8], second: [UInt8]) {
        // File contents holding near-delimiters: CRLF, "--xYzZ", "\r\n--xYz", a lone "\r".
        let file = Array("id,label\r\n1,--xYzZ\r\n2,\r\n--xYz\r\n3,\rx\n".utf8) + (0..<300).map { UInt8($0 % 251) }
        let second = Array("second\r\n--".utf8)
        var text = "preamble ignored\r\n--\(boundary)\r\n"
        text += "Content-Disposition: form-data; name=\"message\"\r\n\r\nhello, world\r\n--\(boundary)\r\n"
        text += "Content-Disposition: form-data; name=\"file\"; filename=\"a.csv\"\r\nContent-Type: text/csv\r\n\r\n"
        var bytes = Array(text.utf8) + file
        bytes += Array(
            "\r\n--\(boundary)\r\nContent-Disposition: form-data; name=\"file\"; filename=\"b.bin\"\r\n\r\n".utf8)
        bytes += second + Array("\r\n--\(boundary)--\r\nepilogue".utf8)
        return (bytes, file, second)
    }

    static func parse(_ bytes: [UInt8], cuts: [Int], into folder: URL) throws -> MultipartUpload {
        var parser = MultipartUpload.Parser(boundary: boundary, folder: folder)
        var start = 0
        for cut in cuts.sorted() + [bytes.count] where cut >= start {
            try parser.feed(Array(bytes[start..<cut]))
            start = cut
        }
        return try parser.finish(limit: 1 << 20)
    }

    @Test func everyWayOfCuttingTheBodyGivesTheSameForm() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("multipart-\(UUID())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let (bytes, file, second) = Self.body()
        var generator = SystemRandomNumberGenerator()
        var cuttings: [[Int]] = [[], Array(1..<bytes.count)]  // whole, and one byte at a time
        for _ in 0..<300 {
            cuttings.append(
                (0..<Int.random(in: 1...12, using: &generator)).map { _ in
                    Int.random(in: 1..<bytes.count, using: &generator)
                })
        }
        for cuts in cuttings {
            let form = try Self.parse(bytes, cuts: cuts, into: folder)
            #expect(form.fields == ["message": "hello, world"], "cuts \(cuts)")
            #expect(form.files.map(\.filename) == ["a.csv", "b.bin"], "cuts \(cuts)")
            #expect(FileManager.default.contents(atPath: form.files[0].path) == Data(file), "cuts \(cuts)")
            #expect(FileManager.default.contents(atPath: form.files[1].path) == Data(second), "cuts \(cuts)")
            #expect(form.files.map(\.size) == [Int64(file.count), Int64(second.count)])
            for uploaded in form.files { try FileManager.default.removeItem(atPath: uploaded.path) }
        }
    }

    @Test func aTruncatedBodyLeavesNoFileBehind() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("multipart-\(UUID())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let (bytes, _, _) = Self.body()
        #expect(throws: MultipartUpload.Failure.self) {
            try Self.parse(Array(bytes.prefix(bytes.count / 2)), cuts: [17, 200], into: folder)
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).isEmpty)
    }
}
