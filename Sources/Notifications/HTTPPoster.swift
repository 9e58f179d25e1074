import CCurl
import Foundation

/// The answer to one POST.
public struct PostResult: Sendable, Equatable {
    /// HTTP status, or 0 when no response came (network error).
    public let status: Int
    /// The response body (truncated to 4 KiB), or the network error's text.
    public let body: String
    /// Seconds from a Retry-After header, if any.
    public let retryAfter: Double?

    /// Creates a result.
    public init(status: Int, body: String, retryAfter: Double? = nil) {
        self.status = status
        self.body = body
        self.retryAfter = retryAfter
    }
}

/// HTTP requests over libcurl with explicit connect and total timeouts and no `Expect: 100-continue` (which
/// would stall every body over 1 MiB for a second against servers that never answer it): the notifier's POSTs and
/// the participant client's calls.
public enum HTTPPoster {
    private static let initialized: Bool = { curl_global_init(Int(CURL_GLOBAL_DEFAULT)) == CURLE_OK }()

    /// Collects a response's body and headers.
    private final class Sink {
        var body = Data()
        var headers: [String] = []
    }

    /// Sends `body` to `url` with `headers` ("Name: value"); the answer's body truncated to 4 KiB.
    public static func post(
        url: String, headers: [String], body: Data, connectTimeout: Double = 5, totalTimeout: Double = 15
    ) -> PostResult {
        let answer = send(
            "POST", url: url, headers: headers, body: body, connectTimeout: connectTimeout, totalTimeout: totalTimeout)
        guard answer.status != 0 else { return PostResult(status: 0, body: answer.failure ?? "no answer") }
        let retryAfter = answer.headers.lazy.compactMap { line -> Double? in
            let parts = line.split(separator: ":", maxSplits: 1)
            guard parts.count == 2, parts[0].lowercased() == "retry-after" else { return nil }
            return Double(parts[1].trimmingCharacters(in: .whitespacesAndNewlines))
        }.first
        return PostResult(
            status: answer.status, body: String(decoding: answer.body.prefix(4096), as: UTF8.self),
            retryAfter: retryAfter)
    }

    private static let emptyBody: StaticString = ""

    /// One request's whole answer: status (0 when none came), body, header lines, or what failed.
    public struct Answer: Sendable {
        /// HTTP status, or 0 when no response came.
        public let status: Int
        /// The response body, whole.
        public let body: Data
        /// The response's header lines.
        public let headers: [String]
        /// libcurl's words for what failed, when no response came.
        public let failure: String?
    }

    /// Sends a `method` request (`GET`, `POST`, `DELETE`…) with `body` (nil: none) to `url`. libcurl waits in
    /// `poll`, so a server that never answers costs no CPU until `totalTimeout`.
    public static func send(
        _ method: String, url: String, headers: [String], body: Data?, connectTimeout: Double = 5,
        totalTimeout: Double = 15
    ) -> Answer {
        _ = initialized
        guard let handle = curl_easy_init() else {
            return Answer(status: 0, body: Data(), headers: [], failure: "curl_easy_init failed")
        }
        defer { curl_easy_cleanup(handle) }
        let sink = Sink()
        let sinkPointer = Unmanaged.passUnretained(sink).toOpaque()
        var list: UnsafeMutablePointer<curl_slist>?
        for header in headers + ["Expect:"] { list = curl_slist_append(list, header) }
        defer { curl_slist_free_all(list) }
        podium_setopt_string(handle, CURLOPT_URL, url)
        if method != "GET" { podium_setopt_string(handle, CURLOPT_CUSTOMREQUEST, method) }
        podium_setopt_pointer(handle, CURLOPT_HTTPHEADER, list.map { UnsafeMutableRawPointer($0) })
        podium_setopt_long(handle, CURLOPT_CONNECTTIMEOUT_MS, Int(connectTimeout * 1000))
        podium_setopt_long(handle, CURLOPT_TIMEOUT_MS, Int(totalTimeout * 1000))
        podium_setopt_long(handle, CURLOPT_NOSIGNAL, 1)
        podium_setopt_write_function(handle) { data, size, count, user in
            guard let data, let user else { return 0 }
            Unmanaged<Sink>.fromOpaque(user).takeUnretainedValue().body.append(
                UnsafeRawPointer(data).assumingMemoryBound(to: UInt8.self), count: size * count)
            return size * count
        }
        podium_setopt_pointer(handle, CURLOPT_WRITEDATA, sinkPointer)
        podium_setopt_header_function(handle) { data, size, count, user in
            guard let data, let user else { return 0 }
            let line = String(decoding: UnsafeRawBufferPointer(start: data, count: size * count), as: UTF8.self)
            Unmanaged<Sink>.fromOpaque(user).takeUnretainedValue().headers.append(line)
            return size * count
        }
        podium_setopt_pointer(handle, CURLOPT_HEADERDATA, sinkPointer)
        let code = (body ?? Data()).withUnsafeBytes { bytes -> CURLcode in
            if body != nil {
                // An empty body still needs a pointer: a null one would make libcurl read the body from stdin.
                let start = bytes.baseAddress ?? UnsafeRawPointer(Self.emptyBody.utf8Start)
                podium_setopt_long(handle, CURLOPT_POSTFIELDSIZE_LARGE, bytes.count)
                podium_setopt_pointer(handle, CURLOPT_POSTFIELDS, UnsafeMutableRawPointer(mutating: start))
            }
            return curl_easy_perform(handle)
        }
        guard code == CURLE_OK else {
            return Answer(status: 0, body: Data(), headers: [], failure: String(cString: curl_easy_strerror(code)))
        }
        var status = 0
        podium_getinfo_long(handle, CURLINFO_RESPONSE_CODE, &status)
        return Answer(status: status, body: sink.body, headers: sink.headers, failure: nil)
    }
}
