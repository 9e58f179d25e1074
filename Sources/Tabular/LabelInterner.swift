/// Interns byte strings into codes in order of first appearance: an open-addressing table over the distinct
/// names, kept in one byte arena. A value type, so the reader's per-row appends touch no reference counts and
/// need one exclusivity check (its holder's), not one per property.
struct LabelInterner {
    /// Each row's code.
    private(set) var codes: [Int32] = []
    /// The distinct names' bytes, back to back.
    private var nameBytes: [UInt8] = []
    /// `nameStarts[code] ..< nameStarts[code + 1]` is a name in `nameBytes`.
    private var nameStarts: [Int] = [0]
    /// Each name's hash.
    private var hashes: [UInt64] = []
    /// -1 when empty, else a code; the count is a power of two.
    private var slots = [Int32](repeating: -1, count: 64)

    /// Number of distinct names.
    var nameCount: Int { hashes.count }

    /// The codes, handed over (the interner keeps none): so its holder can remap them in place, not copy them.
    mutating func takeCodes() -> [Int32] {
        var taken: [Int32] = []
        swap(&taken, &codes)
        return taken
    }

    /// Room for `rows` codes.
    mutating func reserve(_ rows: Int) { codes.reserveCapacity(rows) }

    /// Appends the code of the name at `base` (a new code for a new name).
    @inline(__always)
    mutating func append(_ base: UnsafePointer<UInt8>, _ length: Int) {
        let hash = byteHash(base, length)
        let found: (code: Int32, slot: Int) = slots.withUnsafeBufferPointer { slots in
            hashes.withUnsafeBufferPointer { hashes in
                nameStarts.withUnsafeBufferPointer { starts in
                    nameBytes.withUnsafeBufferPointer { bytes in
                        let mask = slots.count - 1
                        var slot = Int(truncatingIfNeeded: hash) & mask
                        while true {
                            let code = Int(slots[slot])
                            if code < 0 { return (-1, slot) }
                            let start = starts[code]
                            if hashes[code] == hash && starts[code + 1] - start == length
                                && (length == 0 || bytesEqual(bytes.baseAddress! + start, base, length))
                            {
                                return (Int32(code), slot)
                            }
                            slot = (slot + 1) & mask
                        }
                    }
                }
            }
        }
        if found.code >= 0 {
            codes.append(found.code)
            return
        }
        let code = Int32(hashes.count)
        nameBytes.append(contentsOf: UnsafeBufferPointer(start: base, count: length))
        nameStarts.append(nameBytes.count)
        hashes.append(hash)
        slots[found.slot] = code
        codes.append(code)
        if hashes.count * 2 > slots.count { rehash() }
    }

    /// The name of `code`'s bytes.
    func name(_ code: Int) -> ArraySlice<UInt8> { nameBytes[nameStarts[code]..<nameStarts[code + 1]] }

    private mutating func rehash() {
        slots = [Int32](repeating: -1, count: slots.count * 2)
        let mask = slots.count - 1
        for code in hashes.indices {
            var slot = Int(truncatingIfNeeded: hashes[code]) & mask
            while slots[slot] >= 0 { slot = (slot + 1) & mask }
            slots[slot] = Int32(code)
        }
    }
}
