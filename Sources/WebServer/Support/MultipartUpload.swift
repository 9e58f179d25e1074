import Foundation
import Hummingbird
import NIOCore

/// A multipart/form-data body read as it streams in: file parts go straight to files in a folder (the
/// whole body is never held in memory), small fields are kept as strings, and the size limit is
/// enforced while reading.
struct MultipartUpload {
    /// A file part.
    struct File {
        let field: String
        let filename: String
        let path: String
        let size: Int64
    }

    /// Why a body was refused.
    enum Failure: Error {
        case tooLarge(limit: Int64)
        case malformed(String)
        /// The server could not write the upload (a full disk): the client may try again later.
        case storage(String)
    }

    var fields: [String: String] = [:]
    var files: [File] = []

    /// The boundary of a `multipart/form-data` content type, or nil.
    static func boundary(of contentType: String?) -> String? {
        guard let contentType, contentType.lowercased().hasPrefix("multipart/form-data") else { return nil }
        for parameter in contentType.split(separator: ";").dropFirst() {
            let pair = parameter.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            if pair.count == 2 && pair[0].lowercased() == "boundary" {
                return pair[1].trimmingCharacters(in: CharacterSet(charactersIn: "\""))
            }
        }
        return nil
    }

    /// Reads `body` into `folder`, refusing more than `limit` bytes in all.
    static func read(_ body: RequestBody, boundary: String, limit: Int64, into folder: URL) async throws
        -> MultipartUpload
    {
        var parser = Parser(boundary: boundary, folder: folder)
        var total: Int64 = 0
        for try await chunk in body {
            total += Int64(chunk.readableBytes)
            if total > limit + 64 * 1024 {  // the limit is on files; allow for headers and small fields
                parser.abort()
                throw Failure.tooLarge(limit: limit)
            }
            do {
                try parser.feed(Array(chunk.readableBytesView))
            } catch {
                parser.abort()  // no half-written file is left behind
                throw error
            }
        }
        return try parser.finish(limit: limit)
    }

    /// The state machine over the byte stream.
    struct Parser {
        enum State {
            case preamble
            case headers
            case body(field: String, filename: String?, handle: FileHandle?, path: String?, size: Int64, text: [UInt8])
            case done
        }

        let opening: [UInt8]
        let delimiter: [UInt8]
        let folder: URL
        var buffer: [UInt8] = []
        var state = State.preamble
        var result = MultipartUpload()

        init(boundary: String, folder: URL) {
            opening = Array("--\(boundary)".utf8)
            delimiter = Array("\r\n--\(boundary)".utf8)
            self.folder = folder
        }

        mutating func feed(_ bytes: [UInt8]) throws {
            buffer += bytes
            while try step() {}
        }

        /// Advances as far as the buffer allows; false when it needs more bytes.
        mutating func step() throws -> Bool {
            switch state {
            case .done:
                buffer.removeAll()
                return false
            case .preamble:
                guard let at = find(opening, in: buffer) else {
                    if buffer.count > 4096 { throw Failure.malformed("no multipart boundary") }
                    return false
                }
                guard buffer.count >= at + opening.count + 2 else { return false }
                buffer.removeFirst(at + opening.count + 2)  // the boundary and its CRLF
                state = .headers
                return true
            case .headers:
                guard let end = find(Array("\r\n\r\n".utf8), in: buffer) else {
                    if buffer.count > 16 * 1024 { throw Failure.malformed("part headers too long") }
                    return false
                }
                let headers = String(decoding: buffer[0..<end], as: UTF8.self)
                buffer.removeFirst(end + 4)
                let (field, filename) = Self.disposition(headers)
                guard let field else { throw Failure.malformed("a part without a form field name") }
                if let filename {
                    let path = folder.appendingPathComponent("upload-\(UUID().uuidString)").path
                    FileManager.default.createFile(atPath: path, contents: nil)
                    guard let handle = FileHandle(forWritingAtPath: path) else {
                        throw Failure.storage("cannot create a file for the upload")
                    }
                    state = .body(field: field, filename: filename, handle: handle, path: path, size: 0, text: [])
                } else {
                    state = .body(field: field, filename: nil, handle: nil, path: nil, size: 0, text: [])
                }
                return true
            case .body(let field, let filename, let handle, let path, var size, var text):
                if let at = find(delimiter, in: buffer) {
                    guard buffer.count >= at + delimiter.count + 2 else { return false }
                    try append(buffer[0..<at], to: handle, text: &text, size: &size)
                    let after = Array(buffer[(at + delimiter.count)..<(at + delimiter.count + 2)])
                    buffer.removeFirst(at + delimiter.count + 2)
                    if let handle, let path, let filename {
                        try? handle.close()
                        result.files.append(File(field: field, filename: filename, path: path, size: size))
                    } else {
                        result.fields[field] = String(decoding: text, as: UTF8.self)
                    }
                    state = after == Array("--".utf8) ? .done : .headers
                    return true
                }
                let keep = delimiter.count + 1
                if buffer.count > keep {
                    try append(buffer[0..<(buffer.count - keep)], to: handle, text: &text, size: &size)
                    buffer.removeFirst(buffer.count - keep)
                }
                if handle == nil && text.count > 64 * 1024 {
                    throw Failure.malformed("form field \(field) is too long")
                }
                state = .body(field: field, filename: filename, handle: handle, path: path, size: size, text: text)
                return false
            }
        }

        /// Adds body bytes to the part: to its file (a failed write — a full disk — throws instead of trapping,
        /// as `FileHandle.write(_:)` would) or to its text.
        private func append(_ bytes: ArraySlice<UInt8>, to handle: FileHandle?, text: inout [UInt8], size: inout Int64)
            throws
        {
            size += Int64(bytes.count)
            guard let handle else {
                text += bytes
                return
            }
            do {
                try handle.write(contentsOf: Data(bytes))
            } catch {
                throw Failure.storage("cannot write the upload: \(error.localizedDescription)")
            }
        }

        mutating func abort() {
            if case .body(_, _, let handle, let path, _, _) = state, let handle, let path {
                try? handle.close()
                try? FileManager.default.removeItem(atPath: path)
            }
            for file in result.files { try? FileManager.default.removeItem(atPath: file.path) }
        }

        mutating func finish(limit: Int64) throws -> MultipartUpload {
            guard case .done = state else {
                abort()
                throw Failure.malformed("the multipart body ended early")
            }
            if result.files.reduce(0, { $0 + $1.size }) > limit {
                abort()
                throw Failure.tooLarge(limit: limit)
            }
            return result
        }

        /// `name` and `filename` of a Content-Disposition header.
        static func disposition(_ headers: String) -> (String?, String?) {
            var name: String?
            var filename: String?
            for line in headers.split(separator: "\r\n") where line.lowercased().hasPrefix("content-disposition:") {
                for parameter in line.split(separator: ";").dropFirst() {
                    let pair = parameter.split(separator: "=", maxSplits: 1).map {
                        $0.trimmingCharacters(in: .whitespaces)
                    }
                    guard pair.count == 2 else { continue }
                    let value = pair[1].trimmingCharacters(in: CharacterSet(charactersIn: "\""))
                    if pair[0] == "name" { name = value }
                    if pair[0] == "filename" { filename = value }
                }
            }
            return (name, filename)
        }

        /// The first index of `needle` in `haystack`.
        func find(_ needle: [UInt8], in haystack: [UInt8]) -> Int? {
            guard haystack.count >= needle.count, !needle.isEmpty else { return nil }
            return haystack.withUnsafeBufferPointer { h in
                needle.withUnsafeBufferPointer { n -> Int? in
                    var start = 0
                    let last = h.count - n.count
                    while start <= last {
                        // memchr finds candidates for the first byte; memcmp confirms the rest.
                        guard let hit = memchr(h.baseAddress! + start, Int32(n[0]), last - start + 1) else {
                            return nil
                        }
                        let index = UnsafeRawPointer(hit) - UnsafeRawPointer(h.baseAddress!)
                        if memcmp(h.baseAddress! + index, n.baseAddress!, n.count) == 0 { return index }
                        start = index + 1
                    }
                    return nil
                }
            }
        }
    }
}

#if canImport(Glibc)
    import Glibc
#endif
