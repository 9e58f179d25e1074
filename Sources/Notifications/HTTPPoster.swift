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

/// POSTs over libcurl with explicit connect and total timeouts and no `Expect: 100-continue` (which
/// would stall every body over 1 MiB for a second against servers that never answer it).
public enum HTTPPoster {
    private static let initialized: Bool = { curl_global_init(Int(CURL_GLOBAL_DEFAULT)) == CURLE_OK }()

    /// Collects a response's body and headers.
    private final class Sink {
        var body = Data()
        var headers: [String] = []
    }

    /// Sends `body` to `url` with `headers` ("Name: value").
    public static func post(
        url: String, headers: [String], body: Data, connectTimeout: Double = 5, totalTimeout: Double = 15
    ) -> PostResult {
        _ = initialized
        guard let handle = curl_easy_init() else { return PostResult(status: 0, body: "curl_easy_init failed") }
        defer { curl_easy_cleanup(handle) }
        let sink = Sink()
        let sinkPointer = Unmanaged.passUnretained(sink).toOpaque()
        var list: UnsafeMutablePointer<curl_slist>?
        for header in headers + ["Expect:"] { list = curl_slist_append(list, header) }
        defer { curl_slist_free_all(list) }
        podium_setopt_string(handle, CURLOPT_URL, url)
        podium_setopt_long(handle, CURLOPT_POST, 1)
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
        let code = body.withUnsafeBytes { bytes -> CURLcode in
            podium_setopt_long(handle, CURLOPT_POSTFIELDSIZE, bytes.count)
            podium_setopt_pointer(handle, CURLOPT_POSTFIELDS, UnsafeMutableRawPointer(mutating: bytes.baseAddress))
            return curl_easy_perform(handle)
        }
        guard code == CURLE_OK else {
            return PostResult(status: 0, body: String(cString: curl_easy_strerror(code)))
        }
        var status = 0
        podium_getinfo_long(handle, CURLINFO_RESPONSE_CODE, &status)
        let retryAfter = sink.headers.lazy.compactMap { line -> Double? in
            let parts = line.split(separator: ":", maxSplits: 1)
            guard parts.count == 2, parts[0].lowercased() == "retry-after" else { return nil }
            return Double(parts[1].trimmingCharacters(in: .whitespacesAndNewlines))
        }.first
        return PostResult(
            status: status, body: String(decoding: sink.body.prefix(4096), as: UTF8.self), retryAfter: retryAfter)
    }
}
