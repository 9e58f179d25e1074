private let comma = UInt8(ascii: ",")
private let quote = UInt8(ascii: "\"")
private let newline = UInt8(ascii: "\n")
private let carriageReturn = UInt8(ascii: "\r")

/// Which field of a plain row is the id: the rest are numbers (`CSVScanner.scanPlainRow`).
struct PlainRowLayout {
    let width: Int
    let idIndex: Int

    /// The layout of rows whose every field is the id or a number column, or nil.
    init?(actions: [UInt8], idIndex: Int) {
        guard actions.count >= 2, actions.enumerated().allSatisfy({ $0.element == ($0.offset == idIndex ? 1 : 3) })
        else { return nil }
        width = actions.count
        self.idIndex = idIndex
    }
}

extension CSVScanner {
    /// The row at `position` read in one pass when it is the common shape of a prediction file — an unquoted id
    /// and plain numbers (`NumberParser.parsePlain`), separated by commas, ended by a newline or the end of the
    /// file — with field i's number at `values[i · stride]` (the id's slot is left alone) and the id's bytes
    /// as `id`. Returns false and leaves `position` where it was for anything else (quotes, a carriage return,
    /// spaces, `nan`, text, a missing or extra field, a blank line), which the caller then reads field by
    /// field: both give the same values, and only that way finds and words the errors.
    @inline(__always)
    mutating func scanPlainRow(
        _ layout: PlainRowLayout, values: UnsafeMutablePointer<Double>, stride: Int, id: inout FieldSpan
    ) -> Bool {
        var at = position
        let last = layout.width - 1
        for index in 0...last {
            let end: Int
            if index == layout.idIndex {
                end = Self.plainFieldEnd(base, from: at, count: count)
                id.start = at
                id.end = end
            } else {
                guard let (value, length) = NumberParser.parsePlain(base + at, count - at) else { return false }
                values[index &* stride] = value
                end = at + length
            }
            if index < last {
                guard end < count, base[end] == comma else { return false }
                at = end + 1
            } else if end == count {
                at = end
            } else {
                guard base[end] == newline else { return false }
                at = end + 1
                line += 1
            }
        }
        id.escaped = false
        position = at
        return true
    }

    /// Where an unquoted field that holds no quote or carriage return ends: the first comma or newline from
    /// `start`, or the first quote or carriage return (which the caller then refuses: neither ends a field).
    @inline(__always)
    private static func plainFieldEnd(_ base: UnsafePointer<UInt8>, from start: Int, count: Int) -> Int {
        var at = start
        while at < count {
            let byte = base[at]
            if byte == comma || byte == newline || byte == quote || byte == carriageReturn { return at }
            at += 1
        }
        return at
    }
}
