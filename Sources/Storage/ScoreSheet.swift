import Foundation
import PodiumAPI

/// A submission's scores as stored in its `scores` column: each task's composite on the Public and Private parts,
/// and each metric's value on each part (`{"metrics": {task: {metric: {"public": v, "private": v}}}, "private":
/// {task: v}, "public": {task: v}}`).
public struct ScoreSheet: Codable, Sendable, Equatable {
    /// Each task's score on the Public part.
    public var `public`: [String: Double]
    /// Each task's score on the Private part.
    public var `private`: [String: Double]
    /// Each task's metrics, each with its value on each part ("public", "private").
    public var metrics: [String: [String: [String: Double]]]
    /// A code submission's measurements, by task (absent for uploaded files).
    public var measurements: [String: CodeMeasurements]?
    /// The scores on each slice of the tasks that have slices, by task (absent when none has).
    public var slices: [String: [SliceResult]]?
    /// A probing submission's scores layer by layer, by task (absent for any other).
    public var layers: [String: LayerScores]?

    /// Creates a sheet.
    public init(
        public: [String: Double] = [:], private: [String: Double] = [:],
        metrics: [String: [String: [String: Double]]] = [:], measurements: [String: CodeMeasurements]? = nil,
        slices: [String: [SliceResult]]? = nil, layers: [String: LayerScores]? = nil
    ) {
        self.slices = slices
        self.layers = layers
        self.public = `public`
        self.private = `private`
        self.metrics = metrics
        self.measurements = measurements
    }

    /// Reads a sheet; a part or the metrics missing (sheets stored before metrics were) read as empty.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        `public` = try container.decodeIfPresent([String: Double].self, forKey: .public) ?? [:]
        `private` = try container.decodeIfPresent([String: Double].self, forKey: .private) ?? [:]
        metrics = try container.decodeIfPresent([String: [String: [String: Double]]].self, forKey: .metrics) ?? [:]
        measurements = try container.decodeIfPresent([String: CodeMeasurements].self, forKey: .measurements)
        slices = try container.decodeIfPresent([String: [SliceResult]].self, forKey: .slices)
        layers = try container.decodeIfPresent([String: LayerScores].self, forKey: .layers)
    }

    /// The sheet stored in a `scores` column (nil when there is none, or it is not a sheet).
    public init?(stored json: String?) {
        guard let json, let sheet = try? JSONDecoder().decode(Self.self, from: Data(json.utf8)) else { return nil }
        self = sheet
    }

    /// The sheet as stored: JSON with its keys sorted.
    public func json() throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        return String(decoding: try encoder.encode(self), as: UTF8.self)
    }

    /// Each task's metrics on one part (`"public"` or `"private"`): task → metric → value.
    public func metrics(of part: String) -> [String: [String: Double]] {
        metrics.mapValues { $0.compactMapValues { $0[part] } }
    }
}
