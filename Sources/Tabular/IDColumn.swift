/// The id column of a table: every row's id as bytes in one arena, with an open-addressing hash
/// table from id to row. Ids are compared byte for byte (no Unicode normalisation, no trimming),
/// so `"٣"` and `"3"`, or an id with a trailing space, are different ids.
///
/// The index is built once all ids are in (`buildIndex`): a plain array by number when the ids are a prefix
/// and a decimal number (`DenseIDIndex`), else a hash table. Each hash slot packs the upper 32 bits of the
/// id's hash beside the row number, so a probe compares fingerprints inside the slot array and touches the
/// arena only on a likely match: the join of two million-row files is bound by one cache miss per lookup.
public struct IDColumn: Sendable {
    /// The id bytes of all rows, back to back.
    private var arena: [UInt8] = []
    /// `offsets[row] ..< offsets[row + 1]` is the row's id in `arena` (32 bits: half the memory of Int for a
    /// million short ids; a column holds at most `maximumBytes` of ids).
    private var offsets: [UInt32] = [0]
    /// 0 when empty, else `fingerprint << 32 | (row + 1)`; the slot count is a power of two (empty until
    /// `buildIndex`, and when the dense index serves).
    private var slots: [UInt64] = []
    /// The index by number, when the ids have that shape.
    private var dense: DenseIDIndex?
    /// Whether `buildIndex` ran since the last append.
    private var indexBuilt = false
    /// `(row, firstRow)` for each row whose id was already present (indexed columns only).
    public private(set) var duplicates: [(row: Int, firstRow: Int)] = []
    /// Whether this column has a hash index (and so finds rows and duplicates itself).
    public let isIndexed: Bool

    /// An empty column. An unindexed column only stores ids: it can be looked up in
    /// an indexed one (`rows(matching:)`), not searched itself, and does not detect duplicates.
    public init(indexed: Bool = true) {
        isIndexed = indexed
    }

    /// Builds a column from string ids (tests and small tables).
    public init<S: Sequence>(_ ids: S) where S.Element == String {
        isIndexed = true
        for id in ids {
            withBytes(of: id) { append($0, $1) }
        }
        buildIndex()
    }

    /// Number of rows.
    public var count: Int { offsets.count - 1 }

    /// The most id bytes a column holds (4 GiB).
    public static let maximumBytes = Int(UInt32.max)

    /// The index by number, when the ids have its shape (tests).
    var denseIndexForTesting: DenseIDIndex? { dense }

    /// The id bytes held.
    var byteCount: Int { arena.count }

    /// Sizes the storage for about `rows` ids, so reading a large file does not copy it as it grows.
    mutating func reserveCapacity(_ rows: Int, bytes: Int) {
        offsets.reserveCapacity(rows + 1)
        arena.reserveCapacity(min(bytes, Self.maximumBytes))
    }

    /// The id of `row` as a string.
    public subscript(row: Int) -> String {
        arena.withUnsafeBufferPointer { buffer in
            let range = Int(offsets[row])..<Int(offsets[row + 1])
            return String(decoding: UnsafeBufferPointer(rebasing: buffer[range]), as: UTF8.self)
        }
    }

    /// Calls `body` with the id bytes of `row` (no String made: for writing many ids).
    public func withIDBytes<R>(ofRow row: Int, _ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R {
        try arena.withUnsafeBufferPointer { buffer in
            try body(UnsafeBufferPointer(rebasing: buffer[Int(offsets[row])..<Int(offsets[row + 1])]))
        }
    }

    /// The row holding `id` (its first occurrence), or nil.
    public func row(of id: String) -> Int? {
        precondition(isIndexed && indexBuilt, "row(of:) needs an indexed IDColumn")
        return withBytes(of: id) { base, length in
            if let dense { return dense.row(base, length) }
            let hash = byteHash(base, length)
            let found = probe(base, length, hash)
            return found.row
        }
    }

    /// For each row of `other`, the row here with the same id, or -1.
    public func rows(matching other: IDColumn) -> [Int32] {
        precondition(isIndexed && indexBuilt, "rows(matching:) needs an indexed IDColumn")
        if let dense {
            return other.arena.withUnsafeBufferPointer { arena in
                other.offsets.withUnsafeBufferPointer { dense.rows(arena: arena, offsets: $0) }
            }
        }
        return other.map { bytes, length in probe(bytes, length, byteHash(bytes, length)).row }
    }

    /// `find` of each row's id bytes, as row numbers (-1 for nil).
    @inline(__always)
    private func map(_ find: (UnsafePointer<UInt8>, Int) -> Int?) -> [Int32] {
        let rows = count
        return [Int32](unsafeUninitializedCapacity: rows) { output, initialized in
            arena.withUnsafeBufferPointer { arena in
                offsets.withUnsafeBufferPointer { offsets in
                    let base = arena.baseAddress ?? UnsafePointer(bitPattern: 1)!
                    for row in 0..<rows {
                        let start = Int(offsets[row])
                        output[row] = Int32(find(base + start, Int(offsets[row + 1]) - start) ?? -1)
                    }
                }
            }
            initialized = rows
        }
    }

    /// Appends one id (an indexed column then needs `buildIndex` before it is searched).
    mutating func append(_ base: UnsafePointer<UInt8>, _ length: Int) {
        arena.append(contentsOf: UnsafeBufferPointer(start: base, count: length))
        precondition(arena.count <= Self.maximumBytes, "an id column holds at most 4 GiB of ids")
        offsets.append(UInt32(truncatingIfNeeded: arena.count))
        indexBuilt = false
    }

    /// Builds the index of an indexed column over every id appended, and lists the rows whose id was already
    /// present in `duplicates` (row order). Readers call it once they have read the file.
    mutating func buildIndex() {
        guard isIndexed, !indexBuilt else { return }
        indexBuilt = true
        duplicates = []
        let found = arena.withUnsafeBufferPointer { arena in
            offsets.withUnsafeBufferPointer { DenseIDIndex.build(arena: arena, offsets: $0) }
        }
        if let (index, repeated) = found {
            dense = index
            duplicates = repeated
            slots = []
            return
        }
        dense = nil
        var slotCount = 1024
        while slotCount < 2 * count { slotCount *= 2 }
        slots = [UInt64](repeating: 0, count: slotCount)
        let ids = arena  // a second reference, not a copy: the loop reads it while it fills the slots
        ids.withUnsafeBufferPointer { arenaBuffer in
            let base = arenaBuffer.baseAddress ?? UnsafePointer(bitPattern: 1)!
            for row in 0..<count {
                let start = Int(offsets[row])
                let length = Int(offsets[row + 1]) - start
                let hash = byteHash(base + start, length)
                let found = probe(base + start, length, hash)
                if let first = found.row {
                    duplicates.append((row, first))
                } else {
                    slots[found.slot] = Self.slotValue(hash, row)
                }
            }
        }
    }

    @inline(__always)
    private static func slotValue(_ hash: UInt64, _ row: Int) -> UInt64 {
        (hash & 0xFFFF_FFFF_0000_0000) | UInt64(row + 1)
    }

    /// Finds `bytes`: the row when present, and the slot where the probe stopped.
    @inline(__always)
    private func probe(_ base: UnsafePointer<UInt8>, _ length: Int, _ hash: UInt64) -> (row: Int?, slot: Int) {
        let fingerprint = hash & 0xFFFF_FFFF_0000_0000
        return slots.withUnsafeBufferPointer { slotBuffer in
            arena.withUnsafeBufferPointer { arenaBuffer in
                offsets.withUnsafeBufferPointer { offsetBuffer in
                    let mask = slotBuffer.count - 1
                    var slot = Int(truncatingIfNeeded: hash) & mask
                    while true {
                        let value = slotBuffer[slot]
                        if value == 0 { return (nil, slot) }
                        if value & 0xFFFF_FFFF_0000_0000 == fingerprint {
                            let row = Int(value & 0xFFFF_FFFF) - 1
                            let start = Int(offsetBuffer[row])
                            if Int(offsetBuffer[row + 1]) - start == length
                                && sameBytes(arenaBuffer.baseAddress.map { $0 + start }, base, length)
                            {
                                return (row, slot)
                            }
                        }
                        slot = (slot + 1) & mask
                    }
                }
            }
        }
    }
}

/// Equality of two byte ranges of the same length; short ids are compared word by word inline.
@inline(__always)
private func sameBytes(_ a: UnsafePointer<UInt8>?, _ b: UnsafePointer<UInt8>, _ length: Int) -> Bool {
    guard length > 0, let a else { return true }
    if length <= 16 {
        let left = UnsafeRawPointer(a)
        let right = UnsafeRawPointer(b)
        if length >= 8 {
            return left.loadUnaligned(as: UInt64.self) == right.loadUnaligned(as: UInt64.self)
                && left.loadUnaligned(fromByteOffset: length - 8, as: UInt64.self)
                    == right.loadUnaligned(fromByteOffset: length - 8, as: UInt64.self)
        }
        for i in 0..<length where a[i] != b[i] { return false }
        return true
    }
    return bytesEqual(a, b, length)
}
