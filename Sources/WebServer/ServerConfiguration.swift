import Foundation

/// How `podium serve` runs.
public struct ServerConfiguration: Sendable {
    /// Address to bind.
    public var host = "127.0.0.1"
    /// Port (0: any free port).
    public var port = 8080
    /// Bearer token of organisers (nil: organiser endpoints refuse everyone).
    public var organiserToken: String?
    /// Largest upload in bytes (413 above it).
    public var maxUploadBytes: Int64 = 100 * 1024 * 1024
    /// web/templates.
    public var templates = "web/templates"
    /// web/static.
    public var staticFiles = "web/static"
    /// Scoring workers run in the server's process.
    public var workers = 2
    /// Workers that run code submissions in the sandbox, in slots of their own (so long runs never hold up
    /// file scoring).
    public var codeWorkers = 1
    /// Mark cookies Secure (set when served over TLS or behind an HTTPS proxy).
    public var secureCookies = false
    /// Token bucket per client address and per token: burst size.
    public var rateLimitBurst = 60.0
    /// Token bucket refill per second.
    public var rateLimitPerSecond = 20.0
    /// The secret that signs session cookies: the same on every replica (`PODIUM_SESSION_SECRET`); nil
    /// makes a random one for this process (one replica only: a restart logs everyone out).
    public var sessionSecret: String?
    /// Seconds a built board (page, JSON, CSV) is served from memory before the store is asked whether it
    /// changed (0: asked on every request). A board is rebuilt only when it changed.
    public var leaderboardCacheSeconds = 1.0
    /// Serve an ended event read-only: every change refused with 409 `read_only` (no workers, no notifier).
    public var readOnly = false
    /// Where the chat transports' secrets are read from (tests hand in their own).
    public var environment: @Sendable () -> [String: String] = { ProcessInfo.processInfo.environment }

    /// The defaults.
    public init() {}
}
