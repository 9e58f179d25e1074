import Foundation
import Tabular

/// One cell of a table as an archive keeps it, the same whichever database it came from or goes to.
public enum ArchiveValue: Sendable, Equatable {
    case null
    case integer(Int64)
    case real(Double)
    case text(String)
    case boolean(Bool)
    case date(Date)
    case bytes(Data)

    /// A moment as an archive writes it: ISO 8601 in UTC with microseconds (PostgreSQL's precision; SQLite keeps
    /// milliseconds), e.g. `2026-12-05T15:30:18.123000Z`.
    public static func text(of date: Date) -> String {
        let micros = (date.timeIntervalSince1970 * 1_000_000).rounded()
        var seconds = time_t((micros / 1_000_000).rounded(.down))
        let fraction = Int64(micros) - Int64(seconds) * 1_000_000
        var parts = tm()
        gmtime_r(&seconds, &parts)
        return String(
            format: "%04d-%02d-%02dT%02d:%02d:%02d.%06lldZ", parts.tm_year + 1900, parts.tm_mon + 1, parts.tm_mday,
            parts.tm_hour, parts.tm_min, parts.tm_sec, fraction)
    }

    /// The moment `text(of:)` wrote, or nil. Read 50 ns past the microsecond, so a database that keeps
    /// milliseconds by cutting (SQLite through GRDB) keeps the same millisecond the text says.
    public static func date(of text: String) -> Date? {
        let bytes = Array(text.utf8)
        guard bytes.count == 27, bytes[4] == 45, bytes[7] == 45, bytes[10] == 84, bytes[13] == 58, bytes[16] == 58,
            bytes[19] == 46, bytes[26] == 90
        else { return nil }
        func number(_ range: Range<Int>) -> Int? {
            var value = 0
            for byte in bytes[range] {
                guard (48...57).contains(byte) else { return nil }
                value = value * 10 + Int(byte - 48)
            }
            return value
        }
        guard let year = number(0..<4), let month = number(5..<7), let day = number(8..<10),
            let hour = number(11..<13), let minute = number(14..<16), let second = number(17..<19),
            let micros = number(20..<26)
        else { return nil }
        var parts = tm()
        parts.tm_year = Int32(year - 1900)
        parts.tm_mon = Int32(month - 1)
        parts.tm_mday = Int32(day)
        parts.tm_hour = Int32(hour)
        parts.tm_min = Int32(minute)
        parts.tm_sec = Int32(second)
        let seconds = timegm(&parts)
        return Date(timeIntervalSince1970: Double(seconds) + (Double(micros) + 0.05) / 1_000_000)
    }
}

/// A table's row as one line of JSON: an array of its cells in the table's column order. Numbers as JSON numbers
/// (a real that is not finite as the strings `NaN`, `Infinity`, `-Infinity`), moments as `ArchiveValue.text(of:)`,
/// bytes in base64.
public enum ArchiveRow {
    /// `values` as one line (without its newline).
    public static func line(_ values: [ArchiveValue]) -> String {
        var line = "["
        for (index, value) in values.enumerated() {
            if index > 0 { line += "," }
            switch value {
            case .null: line += "null"
            case .integer(let int): line += String(int)
            case .real(let double):
                line +=
                    double.isFinite
                    ? "\(double)" : JSONValue.quoted(double.isNaN ? "NaN" : double > 0 ? "Infinity" : "-Infinity")
            case .text(let text): line += JSONValue.quoted(text)
            case .boolean(let bool): line += bool ? "true" : "false"
            case .date(let date): line += JSONValue.quoted(ArchiveValue.text(of: date))
            case .bytes(let data): line += JSONValue.quoted(data.base64EncodedString())
            }
        }
        return line + "]"
    }

    /// The cells of `line`, read as `columns` say; throws with the column for a cell that is not of its kind.
    public static func values(of line: Substring, columns: [ArchiveManifest.Column]) throws -> [ArchiveValue] {
        let cells: [Cell]
        do {
            cells = try JSONDecoder().decode([Cell].self, from: Data(line.utf8))
        } catch {
            throw ArchiveError("a row is not a JSON array of values")
        }
        guard cells.count == columns.count else {
            throw ArchiveError("a row has \(cells.count) values; the table has \(columns.count) columns")
        }
        return try zip(cells, columns).map { cell, column in
            guard let value = cell.value(as: column.kind) else {
                throw ArchiveError("column \(column.name) holds a value that is not \(column.kind.rawValue)")
            }
            return value
        }
    }

    /// A JSON scalar as read, before its column says what it is.
    private enum Cell: Decodable {
        case null
        case bool(Bool)
        case integer(Int64)
        case real(Double)
        case string(String)

        init(from decoder: any Decoder) throws {
            let container = try decoder.singleValueContainer()
            if container.decodeNil() {
                self = .null
            } else if let bool = try? container.decode(Bool.self) {
                self = .bool(bool)
            } else if let int = try? container.decode(Int64.self) {
                self = .integer(int)
            } else if let double = try? container.decode(Double.self) {
                self = .real(double)
            } else {
                self = .string(try container.decode(String.self))
            }
        }

        func value(as kind: ArchiveManifest.ColumnKind) -> ArchiveValue? {
            switch (self, kind) {
            case (.null, _): .null
            case (.integer(let int), .integer): .integer(int)
            case (.integer(let int), .real): .real(Double(int))
            case (.real(let double), .real): .real(double)
            case (.string("NaN"), .real): .real(.nan)
            case (.string("Infinity"), .real): .real(.infinity)
            case (.string("-Infinity"), .real): .real(-.infinity)
            case (.string(let text), .text): .text(text)
            case (.bool(let bool), .boolean): .boolean(bool)
            case (.string(let text), .date): ArchiveValue.date(of: text).map { .date($0) }
            case (.string(let text), .bytes): Data(base64Encoded: text).map { .bytes($0) }
            default: nil
            }
        }
    }
}
