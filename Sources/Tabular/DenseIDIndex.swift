/// An index for ids of one shape — the same prefix, then a decimal number (`row0000001`, `img0945`, `42`) —
/// with a plain array from the number to the row. Kaggle-style ids mostly have that shape, and the join of a
/// shuffled million-row submission to its solution then reads a 4 MB array instead of probing a 16 MB hash
/// table and the ids' bytes. Byte-exact like the hash index: the numbers are unique only when every id's
/// digits have one width (`0042` is not `042`) or none has a leading zero, and a looked-up id must keep to the
/// same rule.
struct DenseIDIndex: Sendable {
    /// The bytes before the number, shared by every id.
    let prefix: [UInt8]
    /// The width of every id's digits, or nil when widths vary (then no id has a leading zero).
    let width: Int?
    /// The smallest number.
    let low: Int
    /// How many numbers from `low` on the index covers.
    let span: Int
    /// `rowOf[number - low]` is the row + 1 of that id; 0 when there is none. Empty when the ids are `low`,
    /// `low + 1`, … in row order (a sorted solution file's usual shape): the row is then the number - low.
    let rowOf: [Int32]

    /// The most digits a number may have (it must fit in an Int).
    static let maximumDigits = 18

    /// The prefix length and number of an id's bytes, when it ends in 1…18 digits.
    @inline(__always)
    static func split(_ base: UnsafePointer<UInt8>, _ length: Int) -> (prefix: Int, value: Int)? {
        var start = length
        while start > 0 && base[start - 1] &- 48 < 10 { start -= 1 }
        let digits = length - start
        guard digits > 0 && digits <= maximumDigits else { return nil }
        var value = 0
        for index in start..<length { value = value &* 10 &+ Int(base[index] &- 48) }
        return (start, value)
    }

    /// The index of the ids in `arena` at `offsets`, and the rows whose id was already seen, in row order
    /// (`(row, firstRow)`); nil when the ids do not have one shape or their numbers are too sparse (more than
    /// four slots per id).
    static func build(arena: UnsafeBufferPointer<UInt8>, offsets: UnsafeBufferPointer<UInt32>) -> (
        Self, [(row: Int, firstRow: Int)]
    )? {
        let count = offsets.count - 1
        guard count > 0, let base = arena.baseAddress else { return nil }
        guard let first = split(base, Int(offsets[1])) else { return nil }
        let prefix = Array(arena[0..<first.prefix])
        var sameWidth = true
        var noLeadingZero = true
        var low = Int.max
        var high = Int.min
        let firstWidth = Int(offsets[1]) - first.prefix
        var inOrder = true
        for row in 0..<count {
            let start = Int(offsets[row])
            let length = Int(offsets[row + 1]) - start
            guard let (prefixLength, value) = split(base + start, length), prefixLength == prefix.count,
                Self.samePrefix(prefix, base + start)
            else { return nil }
            let digits = length - prefixLength
            if digits != firstWidth { sameWidth = false }
            if digits > 1 && base[start + prefixLength] == 48 { noLeadingZero = false }
            guard sameWidth || noLeadingZero else { return nil }
            if value != first.value &+ row { inOrder = false }
            low = min(low, value)
            high = max(high, value)
        }
        let span = high - low + 1
        let width = sameWidth ? firstWidth : nil
        if inOrder { return (Self(prefix: prefix, width: width, low: low, span: span, rowOf: []), []) }
        guard span <= 4 * count + 4096 else { return nil }
        var rowOf = [Int32](repeating: 0, count: span)
        var duplicates: [(row: Int, firstRow: Int)] = []
        let block = 4096
        rowOf.withUnsafeMutableBufferPointer { rowOf in
            withUnsafeTemporaryAllocation(of: Int.self, capacity: block) { slots in
                // A block of ids at a time: their numbers again (cheaper than keeping a million of them), then a
                // loop of loads and stores only, so the processor keeps many cache misses in flight (filled as
                // each number is found, each miss waited for the bytes of an id to be read).
                var blockStart = 0
                while blockStart < count {
                    let blockEnd = min(blockStart + block, count)
                    for row in blockStart..<blockEnd {
                        let start = Int(offsets[row])
                        slots[row - blockStart] = split(base + start, Int(offsets[row + 1]) - start)!.value &- low
                    }
                    for row in blockStart..<blockEnd {
                        let slot = slots[row - blockStart]
                        let earlier = rowOf[slot]
                        rowOf[slot] = Int32(truncatingIfNeeded: row &+ 1)
                        if earlier != 0 {
                            rowOf[slot] = earlier  // the first occurrence keeps the slot
                            duplicates.append((row, Int(earlier) - 1))
                        }
                    }
                    blockStart = blockEnd
                }
            }
        }
        return (Self(prefix: prefix, width: width, low: low, span: span, rowOf: rowOf), duplicates)
    }

    /// Whether `bytes` starts with `prefix` (short prefixes compared inline: a library call per id costs more).
    @inline(__always)
    static func samePrefix(_ prefix: [UInt8], _ bytes: UnsafePointer<UInt8>) -> Bool {
        prefix.withUnsafeBufferPointer { prefix in
            guard prefix.count > 16 else {
                for index in 0..<prefix.count where prefix[index] != bytes[index] { return false }
                return true
            }
            return bytesEqual(prefix.baseAddress!, bytes, prefix.count)
        }
    }

    /// For each id in `arena` at `offsets`, its row here, or -1: the join of a whole file. In two passes: the
    /// first reads the ids in order and finds each one's slot, the second reads the slots. The second's
    /// loads are independent, so the processor keeps many cache misses in flight at once (looking each id up
    /// in turn waits for one miss at a time, and the join is bound by those misses).
    func rows(arena: UnsafeBufferPointer<UInt8>, offsets: UnsafeBufferPointer<UInt32>) -> [Int32] {
        let count = offsets.count - 1
        guard let base = arena.baseAddress else { return [Int32](repeating: -1, count: count) }
        var slots = [Int32](unsafeUninitializedCapacity: count) { slots, initialized in
            for row in 0..<count {
                let start = Int(offsets[row])
                slots[row] = Int32(slot(base + start, Int(offsets[row + 1]) - start) ?? -1)
            }
            initialized = count
        }
        guard !rowOf.isEmpty else { return slots }  // in order: the slot is the row
        rowOf.withUnsafeBufferPointer { rowOf in
            slots.withUnsafeMutableBufferPointer { slots in
                for row in 0..<count where slots[row] >= 0 { slots[row] = rowOf[Int(slots[row])] &- 1 }
            }
        }
        return slots
    }

    /// The slot in `rowOf` of an id's bytes, or nil when it has another shape or its number is out of range.
    @inline(__always)
    private func slot(_ base: UnsafePointer<UInt8>, _ length: Int) -> Int? {
        if let width {
            // One width: the digits are the last `width` bytes, read in one pass.
            guard length == prefix.count + width else { return nil }
            var value = 0
            for index in prefix.count..<length {
                let digit = base[index] &- 48
                guard digit < 10 else { return nil }
                value = value &* 10 &+ Int(digit)
            }
            let slot = value &- low
            guard slot >= 0 && slot < span, Self.samePrefix(prefix, base) else { return nil }
            return slot
        }
        guard let (prefixLength, value) = Self.split(base, length), prefixLength == prefix.count else { return nil }
        // Widths vary: no id has a leading zero.
        if length - prefixLength > 1 && base[prefixLength] == 48 { return nil }
        let slot = value &- low
        guard slot >= 0 && slot < span, Self.samePrefix(prefix, base) else { return nil }
        return slot
    }

    /// The row of an id's bytes, or nil.
    @inline(__always)
    func row(_ base: UnsafePointer<UInt8>, _ length: Int) -> Int? {
        guard let slot = slot(base, length) else { return nil }
        if rowOf.isEmpty { return slot }
        return rowOf[slot] == 0 ? nil : Int(rowOf[slot]) - 1
    }
}
