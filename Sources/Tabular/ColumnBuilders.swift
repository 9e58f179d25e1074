/// Interns categorical byte strings into codes while the reader scans; reference type so the
/// reader can mutate it in place without copy-on-write.
final class LabelBuilder {
    // One reader thread owns a builder: the dynamic exclusivity check per appended field is not needed.
    @exclusivity(unchecked) private var interner = LabelInterner()

    func reserve(_ rows: Int) { interner.reserve(rows) }

    func append(_ base: UnsafePointer<UInt8>, _ length: Int) { interner.append(base, length) }

    /// Sorts the names by code point (UTF-8 byte order is code-point order) and remaps the codes.
    func finish() -> LabelColumn {
        let names = (0..<interner.nameCount).map { interner.name($0) }
        let order = names.indices.sorted { names[$0].lexicographicallyPrecedes(names[$1]) }
        var remap = [Int32](repeating: 0, count: names.count)
        for (newCode, oldCode) in order.enumerated() { remap[oldCode] = Int32(newCode) }
        var sortedCodes = interner.takeCodes()
        sortedCodes.withUnsafeMutableBufferPointer { codes in
            remap.withUnsafeBufferPointer { remap in
                for row in codes.indices { codes[row] = remap[Int(codes[row])] }
            }
        }
        return LabelColumn(
            codes: sortedCodes, names: order.map { String(decoding: names[$0], as: UTF8.self) })
    }
}

/// Collects parsed numbers while the reader scans (its state one value, so a row's append costs one
/// exclusivity check, not one per property).
final class NumberBuilder {
    private struct State {
        var values: [Double] = []
        var unparsed: [Int: String] = [:]

        mutating func append(_ base: UnsafePointer<UInt8>, _ length: Int) {
            if let value = NumberParser.parse(base, length) {
                values.append(value)
            } else {
                let shown = min(length, 64)
                unparsed[values.count] = String(decoding: UnsafeBufferPointer(start: base, count: shown), as: UTF8.self)
                values.append(.nan)
            }
        }
    }

    // One reader thread owns a builder: the dynamic exclusivity check per appended field is not needed.
    @exclusivity(unchecked) private var state = State()

    func reserve(_ rows: Int) { state.values.reserveCapacity(rows) }

    func append(_ base: UnsafePointer<UInt8>, _ length: Int) { state.append(base, length) }

    /// Appends a value the reader parsed while scanning.
    func append(_ value: Double) { state.values.append(value) }

    /// Appends values the reader parsed while scanning, in row order.
    func append(contentsOf values: UnsafeBufferPointer<Double>) { state.values.append(contentsOf: values) }

    func finish() -> NumberColumn { NumberColumn(values: state.values, unparsed: state.unparsed) }
}

/// Collects text fields while the reader scans.
final class TextBuilder {
    private var values: [String] = []

    func append(_ base: UnsafePointer<UInt8>, _ length: Int) {
        values.append(String(decoding: UnsafeBufferPointer(start: base, count: length), as: UTF8.self))
    }

    func finish() -> [String] { values }
}
