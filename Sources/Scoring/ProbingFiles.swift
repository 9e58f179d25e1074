/// A probing submission's files, sorted out by task and layer from their names in the zip: `<task>/layer_<n>.csv`
/// or `.jsonl` (the layer's predictions), or `<task>/layer_<n>.train.npy` and `<task>/layer_<n>.test.npy` (the layer's
/// embeddings of the task's train and test sentences). Task folders match case-insensitively wherever they sit in
/// the archive; layers run from 0 without gaps, the same for every file of a task.
public struct ProbingFiles: Sendable, Equatable {
    /// One task's files, layer by layer (index = layer).
    public enum TaskFiles: Sendable, Equatable {
        /// A prediction file per layer.
        case predictions([String])
        /// Train and test embeddings per layer.
        case embeddings([Embeddings])

        /// How many layers.
        public var layerCount: Int {
            switch self {
            case .predictions(let files): files.count
            case .embeddings(let files): files.count
            }
        }
    }

    /// One layer's two embedding files.
    public struct Embeddings: Sendable, Equatable {
        /// The train sentences' embeddings.
        public let train: String
        /// The test sentences' embeddings.
        public let test: String
    }

    /// What a file is, read from its name.
    enum Role: Hashable {
        case predictions
        case train
        case test
    }

    /// Each task's files.
    public let tasks: [String: TaskFiles]

    /// The files named `names` (`(name in the archive, path)`) for `tasks`, at most `maxLayers` layers; every
    /// problem (a file matching nothing, a missing layer or split, a task missing) is listed, each with its file.
    public static func assign(_ files: [(name: String, path: String)], tasks: [String], maxLayers: Int)
        -> (ProbingFiles?, [String])
    {
        var found: [String: [Role: [Int: (name: String, path: String)]]] = [:]
        var problems: [String] = []
        for file in files {
            guard let (task, layer, role) = parse(file.name, tasks: tasks) else {
                problems.append(
                    "\(file.name): expected <task>/layer_<n>.csv, .jsonl, .train.npy or .test.npy for a task of "
                        + tasks.joined(separator: ", "))
                continue
            }
            guard layer < maxLayers else {
                problems.append(
                    "\(file.name): layer \(layer) is past the round's \(maxLayers) layers (0–\(maxLayers - 1))")
                continue
            }
            if let first = found[task]?[role]?[layer] {
                problems.append("\(file.name): a second file for \(task) layer \(layer) (the first is \(first.name))")
                continue
            }
            found[task, default: [:]][role, default: [:]][layer] = file
        }
        var assigned: [String: TaskFiles] = [:]
        for task in tasks {
            guard let roles = found[task] else {
                problems.append(
                    "no files for task \(task); expected \(task)/layer_0.csv … or \(task)/layer_0.train.npy …")
                continue
            }
            if roles[.predictions] != nil && (roles[.train] != nil || roles[.test] != nil) {
                problems.append("\(task): both prediction files and embeddings; send one or the other")
                continue
            }
            if let predictions = roles[.predictions] {
                if let paths = contiguous(predictions, task: task, what: "prediction file", problems: &problems) {
                    assigned[task] = .predictions(paths)
                }
                continue
            }
            let train = contiguous(roles[.train] ?? [:], task: task, what: "train embeddings", problems: &problems)
            let test = contiguous(roles[.test] ?? [:], task: task, what: "test embeddings", problems: &problems)
            guard let train, let test else { continue }
            guard train.count == test.count else {
                problems.append("\(task): \(train.count) layers of train embeddings but \(test.count) of test")
                continue
            }
            assigned[task] = .embeddings(zip(train, test).map { Embeddings(train: $0, test: $1) })
        }
        return problems.isEmpty ? (ProbingFiles(tasks: assigned), []) : (nil, problems)
    }

    /// The paths of layers 0..<n, or nil with a problem naming the first missing layer.
    private static func contiguous(
        _ layers: [Int: (name: String, path: String)], task: String, what: String, problems: inout [String]
    ) -> [String]? {
        guard !layers.isEmpty else {
            problems.append("\(task): no \(what) (\(task)/layer_0…)")
            return nil
        }
        let count = layers.keys.max()! + 1
        if let missing = (0..<count).first(where: { layers[$0] == nil }) {
            problems.append("\(task): no \(what) for layer \(missing), though layer \(count - 1) has one")
            return nil
        }
        return (0..<count).map { layers[$0]!.path }
    }

    /// The task, layer and role a file's name gives, when it names them.
    static func parse(_ name: String, tasks: [String]) -> (task: String, layer: Int, role: Role)? {
        let parts = name.split(separator: "/")
        guard parts.count >= 2,
            let task = tasks.first(where: { $0.lowercased() == parts[parts.count - 2].lowercased() })
        else { return nil }
        let file = parts[parts.count - 1].lowercased()
        guard file.hasPrefix("layer_") else { return nil }
        let rest = file.dropFirst("layer_".count)
        let digits = rest.prefix(while: \.isNumber)
        guard !digits.isEmpty, digits.count <= 4, let layer = Int(digits) else { return nil }
        switch rest.dropFirst(digits.count) {
        case ".csv", ".jsonl": return (task, layer, .predictions)
        case ".train.npy": return (task, layer, .train)
        case ".test.npy": return (task, layer, .test)
        default: return nil
        }
    }

    /// The name a task's layer file is stored under (`<task>/layer_<n>`, with `.train` or `.test` for embeddings).
    public static func storedTask(_ task: String, layer: Int, split: String? = nil) -> String {
        "\(task)/layer_\(layer)" + (split.map { ".\($0)" } ?? "")
    }
}
