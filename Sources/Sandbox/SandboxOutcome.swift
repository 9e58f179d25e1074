/// How a run in the sandbox ended, as a stable code a team can search for and a sentence that says why.
public enum SandboxOutcome: Sendable, Equatable {
    /// The program exited with status 0 within every limit.
    case finished
    /// It ran past its wall-clock limit and was stopped.
    case timeLimitExceeded(seconds: Double)
    /// It (or one of its children) needed more memory than its limit and was killed.
    case memoryLimitExceeded(megabytes: Int)
    /// It wrote more than the limit to standard output.
    case outputTooLarge(bytes: Int64)
    /// It exited with a non-zero status.
    case exited(status: Int32)
    /// It was killed by a signal (not by a limit).
    case killed(signal: Int32)

    /// The stable code: `ok`, `time_limit_exceeded`, `memory_limit_exceeded`, `output_too_large`, `crashed`.
    public var code: String {
        switch self {
        case .finished: return "ok"
        case .timeLimitExceeded: return "time_limit_exceeded"
        case .memoryLimitExceeded: return "memory_limit_exceeded"
        case .outputTooLarge: return "output_too_large"
        case .exited, .killed: return "crashed"
        }
    }

    /// One sentence for the team.
    public var sentence: String {
        switch self {
        case .finished: return "the program finished"
        case .timeLimitExceeded(let seconds):
            return "the program ran past its time limit of \(Self.format(seconds)) s and was stopped"
        case .memoryLimitExceeded(let megabytes):
            return "the program needed more than its memory limit of \(megabytes) MB and was killed"
        case .outputTooLarge(let bytes): return "the program wrote more than \(bytes) bytes to standard output"
        case .exited(let status): return "the program exited with status \(status)"
        case .killed(let signal): return "the program was killed by signal \(signal) (\(Self.signalName(signal)))"
        }
    }

    private static func format(_ seconds: Double) -> String {
        seconds == seconds.rounded() ? String(Int(seconds)) : String(seconds)
    }

    private static func signalName(_ signal: Int32) -> String {
        let names: [Int32: String] = [
            4: "SIGILL", 6: "SIGABRT", 7: "SIGBUS", 8: "SIGFPE", 9: "SIGKILL", 11: "SIGSEGV", 13: "SIGPIPE",
            15: "SIGTERM", 24: "SIGXCPU", 25: "SIGXFSZ",
        ]
        return names[signal] ?? "signal \(signal)"
    }
}
