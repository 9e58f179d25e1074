import Tabular

/// Writes predictions in the shared shapes, atomically (a temporary file renamed into place), so a
/// failed run never leaves a half-written output.
public enum PredictionWriter {
    /// Writes `values` for the ids of `reference` (in its row order) to `path`.
    public static func write(_ values: PredictionFile.Values, ids reference: PredictionFile, to path: String)
        throws(EnsembleError)
    {
        let ids = reference.ids
        var writer: CSVWriter
        switch values {
        case .labels(let column, let labels):
            writer = CSVWriter(header: [reference.idColumn, column])
            for row in 0..<ids.count {
                writer.append(ids[row])
                writer.append(labels[row])
            }
        case .scores(let column, let scores):
            writer = CSVWriter(header: [reference.idColumn, column])
            for row in 0..<ids.count {
                writer.append(ids[row])
                writer.append(scores[row])
            }
        case .probabilities(let classes, let columns):
            writer = CSVWriter(header: [reference.idColumn] + classes)
            for row in 0..<ids.count {
                writer.append(ids[row])
                for column in columns { writer.append(column[row]) }
            }
        }
        do {
            try writer.write(to: path)
        } catch {
            throw EnsembleError(error)
        }
    }
}
