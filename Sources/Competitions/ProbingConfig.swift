/// A probing round's `probing:` block (RuSentEval's protocol): each task is answered layer by layer, and the board
/// shows each task's best layer.
///
/// A submission is a zip with, per task, either one prediction file per layer (`<task>/layer_<n>.csv` or `.jsonl`),
/// or one embedding file per layer for the task's train and test sentences (`<task>/layer_<n>.train.npy` and
/// `<task>/layer_<n>.test.npy`, float32 or float16, rows in the order of the task's `probe_train` file and of its
/// solution), on which Podium fits the organiser's probe itself: multinomial logistic regression with `c`.
public struct ProbingConfig: Codable, Sendable, Equatable {
    /// The most layers a submission may have (layers are numbered from 0).
    public var layers: Int
    /// The most columns an embedding may have (default 4096).
    public var width: Int?
    /// The probe's inverse regularisation strength, scikit-learn's `C` (default 1).
    public var c: Double?
    /// The layer whose scores are the board's (nil: each task's best layer on the public part).
    public var layer: Int?

    /// The default of `width`.
    public static let defaultWidth = 4096

    /// The most embedding columns.
    public var maxWidth: Int { width ?? Self.defaultWidth }

    /// The probe's C.
    public var inverseRegularization: Double { c ?? 1 }

    /// Creates a block (tests; competitions come from YAML).
    public init(layers: Int, width: Int? = nil, c: Double? = nil, layer: Int? = nil) {
        self.layers = layers
        self.width = width
        self.c = c
        self.layer = layer
    }

    /// What is wrong with the block, each problem prefixed with `at`.
    public func problems(at: String) -> [String] {
        var problems: [String] = []
        if layers < 1 { problems.append("\(at).layers: \(layers) must be at least 1") }
        if let width, width < 1 { problems.append("\(at).width: \(width) must be at least 1") }
        if let c, !(c > 0 && c.isFinite) { problems.append("\(at).c: \(c) must be a positive number") }
        if let layer, !(0..<max(layers, 1)).contains(layer) {
            problems.append("\(at).layer: \(layer) is not one of the layers 0–\(layers - 1)")
        }
        return problems
    }
}
