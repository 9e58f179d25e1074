import Foundation

/// A two-dimensional array read from NumPy's `.npy` format (version 1, 2 or 3): little-endian `float32` or
/// `float16` values in C order, as `np.save` writes sentence embeddings (`rows` sentences × `width` dimensions).
/// Everything is checked before a value is used: the magic string, the header, the type, the order, the shape, the
/// file's length, and that every value is finite — each refusal names the file, and a bad value its row and column.
public struct NumPyMatrix: Sendable, Equatable {
    /// Rows (sentences).
    public let rows: Int
    /// Values per row (the embedding's width).
    public let width: Int
    /// The values, row after row, widened to `Float`.
    public let values: [Float]

    /// One row's values.
    public func row(_ index: Int) -> ArraySlice<Float> { values[(index * width)..<((index + 1) * width)] }

    /// What is wrong with a file, in words that name it.
    public struct Problem: Error, Sendable, Equatable, CustomStringConvertible {
        /// The file, as the submission names it.
        public let file: String
        /// 1-based row of a bad value, when the problem is one.
        public let row: Int?
        /// 1-based column of a bad value.
        public let column: Int?
        /// What is wrong and what was expected.
        public let message: String

        /// `file, row R, column C: message`.
        public var description: String {
            let place = row.map { " row \($0)" + (column.map { ", column \($0)" } ?? "") } ?? ""
            return "\(file)\(place.isEmpty ? "" : ",")\(place): \(message)"
        }
    }

    /// Reads `path` (shown as `name`), refusing anything but a finite 2-D float32 or float16 array in C order of
    /// `rows` rows (when given) and at most `maxWidth` columns (when given).
    public static func read(path: String, name: String? = nil, rows expectedRows: Int? = nil, maxWidth: Int? = nil)
        throws(Problem) -> NumPyMatrix
    {
        let file = name ?? path
        func problem(_ message: String, row: Int? = nil, column: Int? = nil) -> Problem {
            Problem(file: file, row: row, column: column, message: message)
        }
        guard let data = FileManager.default.contents(atPath: path) else { throw problem("cannot be read") }
        let header = try Header.parse(data, problem: { problem($0) })
        if let expectedRows, header.rows != expectedRows {
            throw problem(
                "has \(header.rows) rows; the task's split has \(expectedRows) sentences, one row each in id order")
        }
        if let maxWidth, header.width > maxWidth {
            throw problem("is \(header.width) wide; the round allows embeddings of at most \(maxWidth) dimensions")
        }
        let count = header.rows * header.width
        let needed = header.offset + count * header.itemSize
        guard data.count == needed else {
            throw problem(
                "holds \(data.count - header.offset) bytes of values; a \(header.rows) × \(header.width) "
                    + "\(header.descr) array needs \(count * header.itemSize)")
        }
        let values = data.withUnsafeBytes { raw -> [Float] in
            let base = raw.baseAddress!.advanced(by: header.offset)
            if header.itemSize == 4 {
                return (0..<count).map {
                    Float(bitPattern: UInt32(littleEndian: base.loadUnaligned(fromByteOffset: $0 * 4, as: UInt32.self)))
                }
            }
            return (0..<count).map {
                Float(
                    Float16(
                        bitPattern: UInt16(littleEndian: base.loadUnaligned(fromByteOffset: $0 * 2, as: UInt16.self))))
            }
        }
        if let bad = values.firstIndex(where: { !$0.isFinite }) {
            throw problem(
                "\(values[bad].isNaN ? "NaN" : "an infinite value") where a finite number was expected",
                row: bad / header.width + 1, column: bad % header.width + 1)
        }
        return NumPyMatrix(rows: header.rows, width: header.width, values: values)
    }

    /// Creates a matrix of `rows` × `width` `values` (tests and tools).
    public init(rows: Int, width: Int, values: [Float]) {
        precondition(values.count == rows * width, "a \(rows) × \(width) matrix needs \(rows * width) values")
        self.rows = rows
        self.width = width
        self.values = values
    }

    /// The `.npy` header: `\x93NUMPY`, a version, the header's length, and a Python dict literal.
    struct Header {
        let descr: String
        let itemSize: Int
        let rows: Int
        let width: Int
        /// Where the values start.
        let offset: Int

        static func parse(_ data: Data, problem: (String) -> Problem) throws(Problem) -> Header {
            let magic: [UInt8] = [0x93, 0x4E, 0x55, 0x4D, 0x50, 0x59]  // \x93NUMPY
            guard data.count >= 10, Array(data.prefix(6)) == magic else {
                throw problem("is not a NumPy .npy file (it does not start with \\x93NUMPY); save it with np.save")
            }
            let major = data[data.startIndex + 6]
            let lengthBytes = major == 1 ? 2 : 4
            guard [1, 2, 3].contains(major), data.count >= 8 + lengthBytes else {
                throw problem("has .npy format version \(major); versions 1, 2 and 3 are read")
            }
            var length = 0
            for index in 0..<lengthBytes { length |= Int(data[data.startIndex + 8 + index]) << (8 * index) }
            let offset = 8 + lengthBytes + length
            guard data.count >= offset,
                let text = String(
                    data: data[(data.startIndex + 8 + lengthBytes)..<(data.startIndex + offset)], encoding: .utf8)
            else { throw problem("has a header that is cut short or not text") }
            guard let descr = field("descr", in: text)?.trimmingCharacters(in: CharacterSet(charactersIn: "'\"")) else {
                throw problem("has no 'descr' in its header")
            }
            let itemSize: Int
            switch descr {
            case "<f4", "=f4": itemSize = 4
            case "<f2", "=f2": itemSize = 2
            default:
                throw problem("holds \(descr) values; embeddings must be float32 or float16 (little-endian)")
            }
            guard field("fortran_order", in: text) == "False" else {
                throw problem("is in Fortran order; save it in C order (np.ascontiguousarray)")
            }
            guard let shape = field("shape", in: text) else { throw problem("has no 'shape' in its header") }
            let dimensions = shape.trimmingCharacters(in: CharacterSet(charactersIn: "()")).split(separator: ",")
                .map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
            guard dimensions.count == 2, let rows = Int(dimensions[0]), let width = Int(dimensions[1]), rows > 0,
                width > 0
            else {
                throw problem(
                    "has shape \(shape); a matrix of sentences × dimensions (two positive numbers) was expected")
            }
            return Header(descr: descr, itemSize: itemSize, rows: rows, width: width, offset: offset)
        }

        /// The text of `key`'s value in the header's dict: up to the next `,` outside parentheses, or `}`.
        static func field(_ key: String, in text: String) -> String? {
            guard let keyRange = text.range(of: "'\(key)'") ?? text.range(of: "\"\(key)\""),
                let colon = text[keyRange.upperBound...].firstIndex(of: ":")
            else { return nil }
            var depth = 0
            var value = ""
            for character in text[text.index(after: colon)...] {
                if character == "(" { depth += 1 }
                if character == ")" { depth -= 1 }
                if depth == 0 && (character == "," || character == "}") { break }
                value.append(character)
                if depth == 0 && character == ")" { break }
            }
            return value.trimmingCharacters(in: .whitespaces)
        }
    }
}
