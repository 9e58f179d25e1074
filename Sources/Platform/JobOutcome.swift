import Foundation

/// What became of one scoring job a worker claimed: what `/metrics` records per job.
public struct JobOutcome: Sendable, Equatable {
    /// How the job ended.
    public enum Result: String, Sendable {
        /// Its score was stored.
        case scored
        /// The file was refused (its error is the submission's).
        case failed
        /// Another worker had taken it over (the lease ran out) or it was gone.
        case lost
    }

    /// How the job ended.
    public var result: Result
    /// Seconds spent scoring it (reading the file, computing the metrics, storing).
    public var seconds: Double
    /// Seconds from the upload's acceptance to its stored score; nil unless scored.
    public var latency: Double?
    /// Seconds of it spent updating the round's fair-play signals; nil unless scored.
    public var signalSeconds: Double? = nil
}
