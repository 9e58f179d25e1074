import Hummingbird
import NIOCore

/// The request context: the client's address (for rate limits) and no framework body limit — uploads
/// stream to disk and `MultipartUpload` enforces Podium's own limit with a 413.
public struct PodiumContext: RequestContext {
    /// Hummingbird's storage.
    public var coreContext: CoreRequestContextStorage
    /// The client's IP address, or "unknown".
    public let clientAddress: String

    /// Creates a context for a request on `source`'s channel.
    public init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        clientAddress = source.channel.remoteAddress?.ipAddress ?? "unknown"
    }

    /// Bodies decoded in memory (small JSON) stay small; uploads are streamed and limited elsewhere.
    public var maxUploadSize: Int { 1 << 20 }
}
