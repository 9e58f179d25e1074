import Foundation
import Yams

/// What a submission (or a baseline team) says about its model — MOROCCO's point that a score should be read with
/// what the model costs: its size, its inference speed and memory. Every value is self-reported.
public struct ModelCard: Codable, Sendable, Equatable {
    /// The model's name.
    public var model: String?
    /// A link to the model or its code.
    public var url: String?
    /// A link to its paper.
    public var paper: String?
    /// A few words about it.
    public var description: String?
    /// Its number of parameters.
    public var parameters: Int64?
    /// Records scored per second at inference.
    public var inferenceSpeed: Double?
    /// GPU memory at inference, in GB.
    public var gpuMemoryGb: Double?
    /// What it ran on.
    public var hardware: String?
    /// Peak memory at inference, in MB.
    public var peakMemoryMb: Double?
    /// The fields Podium measured itself by running the program (a code round); the others are self-reported.
    public var measured: [String]?

    enum CodingKeys: String, CodingKey {
        case model, url, paper, description, parameters, hardware, measured
        case inferenceSpeed = "inference_speed"
        case gpuMemoryGb = "gpu_memory_gb"
        case peakMemoryMb = "peak_memory_mb"
    }

    /// The fields a round may show as board columns (`card_columns`).
    public static let columns = [
        "model", "parameters", "inference_speed", "gpu_memory_gb", "peak_memory_mb", "hardware",
    ]

    /// This card with what Podium measured in place of what the team said: records per second, peak memory
    /// (MB), GPU memory (GB) and the machine, each marked as measured.
    public func measured(speed: Double?, peakMemoryMb: Double?, gpuMemoryGb: Double?, hardware: String) -> ModelCard {
        var card = self
        var fields = ["hardware"]
        card.hardware = hardware
        if let speed {
            card.inferenceSpeed = speed
            fields.append("inference_speed")
        }
        if let peakMemoryMb {
            card.peakMemoryMb = peakMemoryMb
            fields.append("peak_memory_mb")
        }
        if let gpuMemoryGb {
            card.gpuMemoryGb = gpuMemoryGb
            fields.append("gpu_memory_gb")
        }
        card.measured = fields.sorted()
        return card
    }

    /// Whether Podium measured `field` (a column name) rather than the team declaring it.
    public func isMeasured(_ field: String) -> Bool { measured?.contains(field) ?? false }

    /// A card.
    public init(
        model: String? = nil, url: String? = nil, paper: String? = nil, description: String? = nil,
        parameters: Int64? = nil, inferenceSpeed: Double? = nil, gpuMemoryGb: Double? = nil, hardware: String? = nil
    ) {
        self.model = model
        self.url = url
        self.paper = paper
        self.description = description
        self.parameters = parameters
        self.inferenceSpeed = inferenceSpeed
        self.gpuMemoryGb = gpuMemoryGb
        self.hardware = hardware
    }

    /// Whether it says nothing at all.
    public var isEmpty: Bool { self == ModelCard() }

    /// What is wrong with it: links that are not http(s), numbers that are not positive, texts too long.
    public var problems: [String] {
        var problems: [String] = []
        for (name, value) in [("url", url), ("paper", paper)] {
            if let value, !(value.hasPrefix("https://") || value.hasPrefix("http://")) || value.count > 500 {
                problems.append("\(name): \"\(value.prefix(60))\" is not an http(s) link of at most 500 characters")
            }
        }
        for (name, value, limit) in [
            ("model", model, 200), ("hardware", hardware, 200), ("description", description, 2000),
        ] {
            if let value, value.count > limit { problems.append("\(name): more than \(limit) characters") }
            if let value,
                value.unicodeScalars.contains(where: { $0.properties.generalCategory == .control && $0 != "\n" })
            {
                problems.append("\(name): contains a control character")
            }
        }
        if let parameters, parameters <= 0 { problems.append("parameters: \(parameters) is not a positive count") }
        for (name, value) in [
            ("inference_speed", inferenceSpeed), ("gpu_memory_gb", gpuMemoryGb), ("peak_memory_mb", peakMemoryMb),
        ] {
            if let value, !(value.isFinite && value > 0) {
                problems.append("\(name): \(value) is not a positive number")
            }
        }
        return problems
    }

    /// The value of a board column (`columns`), as text; nil when the card does not say.
    public func column(_ name: String) -> String? {
        switch name {
        case "model": model
        case "parameters": parameters.map(Self.count)
        case "inference_speed": inferenceSpeed.map { String(format: $0 >= 100 ? "%.0f/s" : "%.1f/s", $0) }
        case "gpu_memory_gb": gpuMemoryGb.map { String(format: "%.1f GB", $0) }
        case "peak_memory_mb": peakMemoryMb.map { String(format: "%.0f MB", $0) }
        case "hardware": hardware
        default: nil
        }
    }

    /// 1,300,000,000 as `1.3B`, 125,000,000 as `125M`.
    public static func count(_ value: Int64) -> String {
        let number = Double(value)
        switch number {
        case 1e9...: return String(format: "%.1fB", number / 1e9)
        case 1e6...: return String(format: "%.0fM", number / 1e6)
        case 1e3...: return String(format: "%.0fK", number / 1e3)
        default: return String(value)
        }
    }

    /// The card in the file at `path` (YAML or JSON); an unreadable file or card says which, and why.
    public static func load(path: String) throws -> ModelCard {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
            throw ModelCardError("\(path): cannot read the file")
        }
        do {
            return try parse(text)
        } catch {
            throw ModelCardError("\(path): \(error)")
        }
    }

    /// A card from JSON (`model_card` of an upload) or YAML (`podium submit --card card.yaml`); unknown keys are
    /// refused, so that a misspelt one is not silently dropped.
    public static func parse(_ text: String) throws -> ModelCard {
        let known = Set(CodingKeys.allKeys)
        let node = try Yams.load(yaml: text)  // JSON is YAML
        // `[String: Any]` because Yams's untyped loader gives one: only its keys are read, to refuse unknown ones;
        // the card itself is decoded as `ModelCard` below.
        guard let object = node as? [String: Any] else { throw ModelCardError("a model card is a mapping of fields") }
        let unknown = Set(object.keys).subtracting(known)
        guard unknown.isEmpty else {
            throw ModelCardError(
                "unknown field\(unknown.count == 1 ? "" : "s") \(unknown.sorted().joined(separator: ", ")); "
                    + "expected \(known.sorted().joined(separator: ", "))")
        }
        do {
            return try YAMLDecoder().decode(ModelCard.self, from: text)
        } catch {
            throw ModelCardError("a field has the wrong type: \(error)")
        }
    }
}

extension ModelCard.CodingKeys {
    static var allKeys: [String] {
        ["model", "url", "paper", "description", "parameters", "inference_speed", "gpu_memory_gb", "hardware"]
    }
}

/// A model card that cannot be read.
public struct ModelCardError: Error, CustomStringConvertible {
    /// What is wrong.
    public let description: String
    /// An error saying `description`.
    public init(_ description: String) { self.description = description }
}
