/// What running a code submission on one task measured, MOROCCO's protocol: start-up is a run on one record;
/// throughput at each batch size is `(records − 1) / (wall − start-up)` (the start-up run already did one record); each measurement is repeated and its median
/// kept, with its spread (lowest and highest). `GET /api/v1/submissions/{id}` carries one per task under
/// `measurements`.
public struct CodeMeasurements: Codable, Sendable, Equatable {
    /// The records the program read (the task's hidden inputs).
    public var records: Int
    /// Median wall seconds of a run on one record.
    public var startupSeconds: Double
    /// Records per second by batch size (`"32"`), medians.
    public var recordsPerSecond: [String: Double]
    /// The batch size whose output was scored (the largest).
    public var scoredBatchSize: Int
    /// The highest memory of the whole process tree over every run, in MB (null where not measured).
    public var peakMemoryMB: Double?
    /// The highest GPU memory over every run, in MB (null without a GPU).
    public var gpuMemoryMB: Double?
    /// Runs of each measurement.
    public var repeats: Int
    /// The lowest and highest value of each measurement: `startup_seconds` and `records_per_second_<N>`.
    public var spread: [String: [Double]]
    /// The machine it ran on.
    public var hardware: Hardware

    enum CodingKeys: String, CodingKey {
        case records, repeats, spread, hardware
        case startupSeconds = "startup_seconds"
        case recordsPerSecond = "records_per_second"
        case scoredBatchSize = "scored_batch_size"
        case peakMemoryMB = "peak_memory_mb"
        case gpuMemoryMB = "gpu_memory_mb"
    }

    /// Creates measurements.
    public init(
        records: Int, startupSeconds: Double, recordsPerSecond: [String: Double], scoredBatchSize: Int,
        peakMemoryMB: Double?, gpuMemoryMB: Double?, repeats: Int, spread: [String: [Double]], hardware: Hardware
    ) {
        self.records = records
        self.startupSeconds = startupSeconds
        self.recordsPerSecond = recordsPerSecond
        self.scoredBatchSize = scoredBatchSize
        self.peakMemoryMB = peakMemoryMB
        self.gpuMemoryMB = gpuMemoryMB
        self.repeats = repeats
        self.spread = spread
        self.hardware = hardware
    }

    /// Records per second at the scored batch size.
    public var scoredRecordsPerSecond: Double? { recordsPerSecond[String(scoredBatchSize)] }

    /// A machine a code submission ran on.
    public struct Hardware: Codable, Sendable, Equatable {
        /// The CPU's model name.
        public var cpu: String
        /// Cores this process may use.
        public var cores: Int
        /// Physical memory, in MB.
        public var memoryMB: Int
        /// The GPU's name (null without one).
        public var gpu: String?

        enum CodingKeys: String, CodingKey {
            case cpu, cores, gpu
            case memoryMB = "memory_mb"
        }

        /// Creates a description.
        public init(cpu: String, cores: Int, memoryMB: Int, gpu: String?) {
            self.cpu = cpu
            self.cores = cores
            self.memoryMB = memoryMB
            self.gpu = gpu
        }
    }
}
