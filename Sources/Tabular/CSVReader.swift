/// Reads RFC 4180 CSV: quoted fields, doubled quotes, commas and newlines inside quotes, CRLF or LF,
/// an optional UTF-8 byte-order mark, with or without a final newline. A header row is required.
///
/// The file is memory-mapped and scanned as bytes; only the columns asked for are copied out (ids into
/// one arena, labels as interned codes, numbers as doubles), so memory follows the kept columns, not
/// the file. Blank lines are skipped, as pandas does. Fatal problems (no header, no id column,
/// duplicate header names, invalid UTF-8, an unterminated quote) throw `CSVError`; a malformed row
/// (wrong field count, a stray quote) is dropped and listed in `CSVTable.problems`.
///
/// Kept rather than SwiftCSV or CSV.swift (both in the package mirror): those build a `String` per field and
/// hold the whole file as rows of strings, where scoring a 1M-row file here takes 0.5 s and follows the kept
/// columns' memory (bench/RESULTS.md); and they report no line and column for a malformed row, which every
/// refused upload needs.
public enum CSVReader {
    /// Reads the file at `path`.
    public static func read(path: String, options: CSVReadOptions) throws(CSVError) -> CSVTable {
        let file = try MappedFile(path: path)
        return try withExtendedLifetime(file) { () throws(CSVError) -> CSVTable in
            try read(bytes: file.bytes, source: path, options: options, mapped: file.isMapped)
        }
    }

    /// Reads CSV text held in memory; `source` names it in messages.
    public static func read(text: String, source: String, options: CSVReadOptions) throws(CSVError) -> CSVTable {
        var bytes = Array(text.utf8)
        bytes.append(0)
        return try bytes.withUnsafeBufferPointer { (buffer) throws(CSVError) -> CSVTable in
            try read(bytes: UnsafeBufferPointer(rebasing: buffer.dropLast()), source: source, options: options)
        }
    }

    /// Reads CSV bytes; `source` names them in messages.
    public static func read(
        bytes: UnsafeBufferPointer<UInt8>, source: String, options: CSVReadOptions
    ) throws(CSVError) -> CSVTable {
        try read(bytes: bytes, source: source, options: options, mapped: false)
    }

    /// Reads CSV bytes; when they are a file mapping (`mapped`), hands back the pages it has read as it goes.
    static func read(
        bytes: UnsafeBufferPointer<UInt8>, source: String, options: CSVReadOptions, mapped: Bool
    ) throws(CSVError) -> CSVTable {
        guard let base = bytes.baseAddress, bytes.count > 0 else {
            throw CSVError(
                file: source, message: "the file is empty; expected a header row such as \(options.idColumn),label")
        }
        if let encoding = UTF16Detection.encoding(of: bytes) {
            throw CSVError(
                file: source, line: 1,
                message:
                    "the file is \(encoding), not UTF-8 (Excel's \"Unicode Text\" saves it so); save it as \"CSV UTF-8\""
            )
        }
        var scanner = CSVScanner(base: base, count: bytes.count, source: source, mapped: mapped)
        // UTF-8 is checked a step at a time just ahead of the reader (while the bytes are in the cache, and a
        // mapped file is faulted in once): the first step before the header, the rest as rows are read.
        try scanner.checkUTF8(through: min(bytes.count, ReadPages.step))
        if bytes.count >= 3 && base[0] == 0xEF && base[1] == 0xBB && base[2] == 0xBF { scanner.position = 3 }
        scanner.skipBlankLines()
        let header = try scanner.readHeader()
        try checkHeader(header, source: source, idColumn: options.idColumn)
        return try scanner.readRows(header: header, options: options)
    }

    private static func checkHeader(_ header: [String], source: String, idColumn: String) throws(CSVError) {
        var seen: [String: Int] = [:]
        for (index, name) in header.enumerated() {
            if name.isEmpty {
                let hint = index == 0 ? " (a file written by pandas needs to_csv(..., index=False))" : ""
                throw CSVError(
                    file: source, line: 1, column: "#\(index + 1)", message: "the header has an empty name\(hint)")
            }
            if let first = seen[name] {
                throw CSVError(
                    file: source, line: 1, column: name,
                    message:
                        "duplicate header name (columns \(first + 1) and \(index + 1)); each column needs its own name")
            }
            seen[name] = index
        }
        guard seen[idColumn] != nil else {
            var message = "no id column \"\(idColumn)\"; the header has \(CSVProblem.describe(header: header))"
            if let separator = foreignSeparator(in: header, idColumn: idColumn) {
                message +=
                    "; the file is separated by \(separator), but Podium reads commas"
                    + " (Excel: save as \"CSV UTF-8 (Comma delimited)\"; pandas: to_csv(..., sep=\",\"))"
            }
            throw CSVError(file: source, line: 1, message: message)
        }
    }

    /// The name of the separator a one-column header was really split by (semicolons, tabs, pipes), when
    /// splitting by it would have found the id column.
    private static func foreignSeparator(in header: [String], idColumn: String) -> String? {
        guard header.count == 1 else { return nil }
        for (character, name) in [(";", "semicolons"), ("\t", "tabs"), ("|", "vertical bars")] {
            let fields = header[0].split(separator: character, omittingEmptySubsequences: false)
            if fields.count > 1, fields.contains(where: { trimmed($0) == idColumn }) { return name }
        }
        return nil
    }

    /// `text` without the spaces and quotes around it.
    private static func trimmed(_ text: Substring) -> Substring {
        var slice = text
        while let first = slice.first, first == " " || first == "\"" { slice.removeFirst() }
        while let last = slice.last, last == " " || last == "\"" { slice.removeLast() }
        return slice
    }

    /// The error for the byte at `offset`, which is not well-formed UTF-8: its line and field.
    static func invalidUTF8(at offset: Int, in bytes: UnsafeBufferPointer<UInt8>, source: String) -> CSVError {
        let (line, column) = position(of: offset, in: bytes)
        return CSVError(
            file: source, line: line, column: "#\(column)",
            message:
                "invalid UTF-8 (byte 0x\(String(bytes[offset], radix: 16, uppercase: true))); save the file as UTF-8")
    }

    /// 1-based line and field number of a byte offset, for messages about bytes outside any parse.
    private static func position(of offset: Int, in bytes: UnsafeBufferPointer<UInt8>) -> (Int, Int) {
        var line = 1
        var field = 1
        for i in 0..<offset {
            if bytes[i] == 0x0A {
                line += 1
                field = 1
            } else if bytes[i] == 0x2C {
                field += 1
            }
        }
        return (line, field)
    }
}
