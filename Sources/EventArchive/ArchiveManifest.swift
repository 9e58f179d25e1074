import Foundation

/// What an event archive holds, written as its last member (`manifest.json`): the format and its version, the
/// database schema it was exported from, every table's columns and row count, and every other member's size and
/// SHA-256. An archive without it was never finished; one whose parts differ from it is damaged.
public struct ArchiveManifest: Codable, Sendable, Equatable {
    /// The format's name, the same in every event archive.
    public static let formatName = "podium-event-archive"
    /// The version this Podium writes and reads.
    public static let currentVersion = 1

    /// A column's kind, as both databases store it.
    public enum ColumnKind: String, Codable, Sendable {
        case integer, real, text, boolean, date, bytes
    }

    /// A column of a table.
    public struct Column: Codable, Sendable, Equatable {
        /// Its name, in lower case (PostgreSQL folds unquoted names).
        public let name: String
        /// Its kind.
        public let kind: ColumnKind

        /// A column.
        public init(name: String, kind: ColumnKind) {
            self.name = name
            self.kind = kind
        }
    }

    /// A table: its columns in the order every row lists its values, and how many rows it has.
    public struct Table: Codable, Sendable, Equatable {
        /// Its name, in lower case.
        public let name: String
        /// Its columns.
        public let columns: [Column]
        /// Its rows.
        public var rows: Int

        /// A table.
        public init(name: String, columns: [Column], rows: Int = 0) {
            self.name = name
            self.columns = columns
            self.rows = rows
        }
    }

    /// A member of the archive and what it must hash to.
    public struct Part: Codable, Sendable, Equatable {
        /// Its name in the archive.
        public let name: String
        /// Its size in bytes.
        public let bytes: Int64
        /// Its SHA-256, in hex.
        public let sha256: String
    }

    /// `formatName`.
    public var format: String
    /// The format's version.
    public var version: Int
    /// When the export was taken.
    public var createdAt: Date
    /// The database it was exported from: `sqlite` or `postgres`.
    public var source: String
    /// The schema's migrations the exporting database had run, in order.
    public var schema: [String]
    /// The competitions it holds, by slug.
    public var competitions: [String]
    /// Every table, parents before children.
    public var tables: [Table]
    /// Every member but this manifest, in archive order.
    public var parts: [Part]

    /// A manifest of the current format.
    public init(createdAt: Date, source: String, schema: [String], competitions: [String], tables: [Table]) {
        format = Self.formatName
        version = Self.currentVersion
        self.createdAt = createdAt
        self.source = source
        self.schema = schema
        self.competitions = competitions
        self.tables = tables
        parts = []
    }

    /// The JSON coders of manifests and rows: dates as ISO 8601 with fractional seconds, keys sorted.
    static func encoder() -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .custom { date, encoder in
            var container = encoder.singleValueContainer()
            try container.encode(ArchiveValue.text(of: date))
        }
        return encoder
    }

    static func decoder() -> JSONDecoder {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .custom { decoder in
            let text = try decoder.singleValueContainer().decode(String.self)
            guard let date = ArchiveValue.date(of: text) else {
                throw DecodingError.dataCorrupted(
                    .init(codingPath: decoder.codingPath, debugDescription: "\(text) is not an ISO 8601 date"))
            }
            return date
        }
        return decoder
    }
}
