import Tabular

/// How a task's files are written: CSV, JSON Lines, or Russian SuperGLUE's nested MuSeRC passages.
public enum TaskFormat: String, Sendable, Codable, CaseIterable {
    /// A CSV file with a header (the default).
    case csv
    /// One JSON object per line (`{"idx": 0, "label": "entailment"}`).
    case jsonl
    /// MuSeRC's passages, one per line, read as one row per answer (id: the answer's idx, group: its
    /// question's idx).
    case rsgMuserc = "rsg-muserc"

    /// The extension of the task's file in a submission.
    public var fileExtension: String { self == .csv ? "csv" : "jsonl" }

    /// The format of a file at `path` of a task in this format: a `.csv` file is CSV whatever the task's
    /// format (answer keys may stay CSV), anything else is the task's format.
    public func format(ofFile path: String) -> TaskFormat {
        path.lowercased().hasSuffix(".csv") ? .csv : self
    }

    /// The format a file's name suggests when nothing else says: `.jsonl` is JSON Lines, anything else CSV.
    public static func guess(_ path: String) -> TaskFormat {
        path.lowercased().hasSuffix(".jsonl") ? .jsonl : .csv
    }

    /// Reads the file at `path` in this format into a table. For MuSeRC, `groupColumn` names the column
    /// that receives each answer's question idx.
    public func read(path: String, options: CSVReadOptions, groupColumn: String?) throws(CSVError) -> CSVTable {
        switch self {
        case .csv: try CSVReader.read(path: path, options: options)
        case .jsonl: try JSONLinesReader.read(path: path, options: options, layout: .flat)
        case .rsgMuserc:
            try JSONLinesReader.read(
                path: path, options: options, layout: .museRC(groupColumn: groupColumn ?? "question"))
        }
    }
}
