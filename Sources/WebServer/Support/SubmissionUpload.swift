import Foundation
import HTTPTypes
import Hummingbird
import Platform

/// Receiving an upload: size checks before and while reading, multipart streamed to disk.
enum SubmissionUpload {
    /// Why an upload was refused before the platform saw it.
    struct Refusal: Sendable {
        /// 413 or 400.
        let status: HTTPResponse.Status
        /// `too_large` or `bad_request`.
        let code: String
        /// What was wrong.
        let message: String

        /// The refusal as the API answers it.
        var json: Response { JSON.error(status, code: code, message: message) }
    }

    /// The form, or why it is refused (413, 400).
    static func receive(_ request: Request, limit: Int64, folder: URL) async throws -> (MultipartUpload, Refusal?) {
        if let length = request.headers[.contentLength].flatMap(Int64.init), length > limit + 64 * 1024 {
            return (
                MultipartUpload(),
                Refusal(
                    status: .contentTooLarge, code: "too_large",
                    message: "the upload is \(length) bytes; the limit is \(limit) bytes")
            )
        }
        guard let boundary = MultipartUpload.boundary(of: request.headers[.contentType]) else {
            return (
                MultipartUpload(),
                Refusal(status: .badRequest, code: "bad_request", message: "send multipart/form-data with a file field")
            )
        }
        do {
            let form = try await MultipartUpload.read(request.body, boundary: boundary, limit: limit, into: folder)
            if form.files.isEmpty {
                return (form, Refusal(status: .badRequest, code: "bad_request", message: "the form has no file"))
            }
            return (form, nil)
        } catch MultipartUpload.Failure.tooLarge(let limit) {
            return (
                MultipartUpload(),
                Refusal(
                    status: .contentTooLarge, code: "too_large",
                    message: "the upload is over the limit of \(limit) bytes")
            )
        } catch MultipartUpload.Failure.storage(let why) {
            return (
                MultipartUpload(),
                Refusal(
                    status: HTTPResponse.Status(code: 507, reasonPhrase: "Insufficient Storage"),
                    code: "internal_error",
                    message: "the server could not store the upload (\(why)); try again later")
            )
        } catch MultipartUpload.Failure.malformed(let why) {
            return (
                MultipartUpload(),
                Refusal(status: .badRequest, code: "bad_request", message: "malformed multipart body: \(why)")
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
