import Foundation
import HTTPTypes
import Hummingbird
import Platform

/// Receiving an upload: size checks before and while reading, multipart streamed to disk.
enum SubmissionUpload {
    /// The form, or the response refusing it (413, 400).
    static func receive(_ request: Request, limit: Int64, folder: URL) async throws -> (MultipartUpload, Response?) {
        if let length = request.headers[.contentLength].flatMap(Int64.init), length > limit + 64 * 1024 {
            return (
                MultipartUpload(),
                JSON.error(
                    .contentTooLarge, code: "too_large",
                    message: "the upload is \(length) bytes; the limit is \(limit) bytes")
            )
        }
        guard let boundary = MultipartUpload.boundary(of: request.headers[.contentType]) else {
            return (
                MultipartUpload(),
                JSON.error(.badRequest, code: "bad_request", message: "send multipart/form-data with a file field")
            )
        }
        do {
            let form = try await MultipartUpload.read(request.body, boundary: boundary, limit: limit, into: folder)
            if form.files.isEmpty {
                return (form, JSON.error(.badRequest, code: "bad_request", message: "the form has no file"))
            }
            return (form, nil)
        } catch MultipartUpload.Failure.tooLarge(let limit) {
            return (
                MultipartUpload(),
                JSON.error(
                    .contentTooLarge, code: "too_large", message: "the upload is over the limit of \(limit) bytes")
            )
        } catch MultipartUpload.Failure.malformed(let why) {
            return (
                MultipartUpload(),
                JSON.error(.badRequest, code: "bad_request", message: "malformed multipart body: \(why)")
            )
        }
    }

    /// The form's files as platform uploads.
    static func uploads(_ form: MultipartUpload) -> [Platform.Upload] {
        form.files.map { Platform.Upload(name: URL(fileURLWithPath: $0.filename).lastPathComponent, path: $0.path) }
    }

    /// Deletes the temporary files (the platform has copied what it keeps).
    static func discard(_ form: MultipartUpload) {
        for file in form.files { try? FileManager.default.removeItem(atPath: file.path) }
    }
}
