/// What one run in the sandbox may use. The defaults suit a small model on a small test set; a round's
/// `code:` block sets the time and memory.
public struct SandboxLimits: Sendable, Equatable {
    /// Wall-clock seconds for the whole run.
    public var wallSeconds: Double
    /// Bytes of memory for the program and all its children (the private /tmp counts too).
    public var memoryBytes: Int64
    /// Processes and threads at once.
    public var processes: Int
    /// Bytes the program may write to standard output.
    public var outputBytes: Int64
    /// Bytes of its private /tmp.
    public var tmpBytes: Int64
    /// Open files per process.
    public var openFiles: Int
    /// Whether it may reach the network (its own empty network namespace when false).
    public var network: Bool

    /// Limits of `wallSeconds` and `memoryMB`, the rest at their defaults.
    public init(
        wallSeconds: Double, memoryMB: Int, processes: Int = 64, outputBytes: Int64 = 256 << 20,
        tmpBytes: Int64 = 256 << 20, openFiles: Int = 256, network: Bool = false
    ) {
        self.wallSeconds = wallSeconds
        self.memoryBytes = Int64(memoryMB) << 20
        self.processes = processes
        self.outputBytes = outputBytes
        self.tmpBytes = tmpBytes
        self.openFiles = openFiles
        self.network = network
    }
}
