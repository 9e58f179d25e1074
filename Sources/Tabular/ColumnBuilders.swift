/// Interns categorical byte strings into codes while the reader scans; reference type so the
/// reader can mutate it in place without copy-on-write.
final class LabelBuilder {
    private var codes: [Int32] = []
    private var names: [[UInt8]] = []
    private var hashes: [UInt64] = []
    private var slots = [Int32](repeating: -1, count: 64)

    func reserve(_ rows: Int) { codes.reserveCapacity(rows) }

    func append(_ base: UnsafePointer<UInt8>, _ length: Int) {
        let hash = byteHash(base, length)
        let mask = slots.count - 1
        var slot = Int(truncatingIfNeeded: hash) & mask
        while true {
            let code = Int(slots[slot])
            if code < 0 { break }
            if hashes[code] == hash && names[code].count == length
                && names[code].withUnsafeBufferPointer({ length == 0 || bytesEqual($0.baseAddress!, base, length) })
            {
                codes.append(Int32(code))
                return
            }
            slot = (slot + 1) & mask
        }
        let code = names.count
        names.append(Array(UnsafeBufferPointer(start: base, count: length)))
        hashes.append(hash)
        slots[slot] = Int32(code)
        codes.append(Int32(code))
        if names.count * 2 > slots.count { rehash() }
    }

    private func rehash() {
        slots = [Int32](repeating: -1, count: slots.count * 2)
        let mask = slots.count - 1
        for code in names.indices {
            var slot = Int(truncatingIfNeeded: hashes[code]) & mask
            while slots[slot] >= 0 { slot = (slot + 1) & mask }
            slots[slot] = Int32(code)
        }
    }

    /// Sorts the names by code point (UTF-8 byte order is code-point order) and remaps the codes.
    func finish() -> LabelColumn {
        let order = names.indices.sorted { names[$0].lexicographicallyPrecedes(names[$1]) }
        var remap = [Int32](repeating: 0, count: names.count)
        for (newCode, oldCode) in order.enumerated() { remap[oldCode] = Int32(newCode) }
        var sortedCodes = codes
        for row in sortedCodes.indices { sortedCodes[row] = remap[Int(sortedCodes[row])] }
        return LabelColumn(
            codes: sortedCodes, names: order.map { String(decoding: names[$0], as: UTF8.self) })
    }
}

/// Collects parsed numbers while the reader scans.
final class NumberBuilder {
    private var values: [Double] = []
    private var unparsed: [Int: String] = [:]

    func reserve(_ rows: Int) { values.reserveCapacity(rows) }

    func append(_ base: UnsafePointer<UInt8>, _ length: Int) {
        if let value = NumberParser.parse(base, length) {
            values.append(value)
        } else {
            let shown = min(length, 64)
            unparsed[values.count] = String(decoding: UnsafeBufferPointer(start: base, count: shown), as: UTF8.self)
            values.append(.nan)
        }
    }

    func finish() -> NumberColumn { NumberColumn(values: values, unparsed: unparsed) }
}

/// Collects text fields while the reader scans.
final class TextBuilder {
    private var values: [String] = []

    func append(_ base: UnsafePointer<UInt8>, _ length: Int) {
        values.append(String(decoding: UnsafeBufferPointer(start: base, count: length), as: UTF8.self))
    }

    func finish() -> [String] { values }
}
