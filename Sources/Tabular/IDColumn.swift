/// The id column of a table: every row's id as bytes in one arena, with an open-addressing hash
/// table from id to row. Ids are compared byte for byte (no Unicode normalisation, no trimming),
/// so `"٣"` and `"3"`, or an id with a trailing space, are different ids.
public struct IDColumn: Sendable {
    /// The id bytes of all rows, back to back.
    private var arena: [UInt8] = []
    /// `offsets[row] ..< offsets[row + 1]` is the row's id in `arena`.
    private var offsets: [Int] = [0]
    /// The hash of each row's id.
    private var hashes: [UInt64] = []
    /// Row index per slot, -1 when empty; the slot count is a power of two.
    private var slots: [Int32] = Array(repeating: -1, count: 1024)
    /// `(row, firstRow)` for each row whose id was already present.
    public private(set) var duplicates: [(row: Int, firstRow: Int)] = []

    /// An empty column.
    public init() {}

    /// Builds a column from string ids (tests and small tables).
    public init<S: Sequence>(_ ids: S) where S.Element == String {
        for id in ids {
            withBytes(of: id) { append($0, $1) }
        }
    }

    /// Number of rows.
    public var count: Int { hashes.count }

    /// The id of `row` as a string.
    public subscript(row: Int) -> String {
        arena.withUnsafeBufferPointer { buffer in
            let range = offsets[row]..<offsets[row + 1]
            return String(decoding: UnsafeBufferPointer(rebasing: buffer[range]), as: UTF8.self)
        }
    }

    /// The row holding `id` (its first occurrence), or nil.
    public func row(of id: String) -> Int? {
        withBytes(of: id) { find($0, $1, byteHash($0, $1)) }
    }

    /// For each row of `other`, the row here with the same id, or -1.
    public func rows(matching other: IDColumn) -> [Int32] {
        var result = [Int32](repeating: -1, count: other.count)
        other.arena.withUnsafeBufferPointer { otherArena in
            guard let otherBase = otherArena.baseAddress else { return }
            for row in 0..<other.count {
                let start = other.offsets[row]
                let length = other.offsets[row + 1] - start
                result[row] = Int32(find(otherBase + start, length, other.hashes[row]) ?? -1)
            }
        }
        return result
    }

    /// Appends one id; records it in `duplicates` when already present.
    mutating func append(_ base: UnsafePointer<UInt8>, _ length: Int) {
        let hash = byteHash(base, length)
        let row = hashes.count
        if let first = find(base, length, hash) {
            duplicates.append((row, first))
        }
        arena.append(contentsOf: UnsafeBufferPointer(start: base, count: length))
        offsets.append(arena.count)
        hashes.append(hash)
        if hashes.count * 2 > slots.count { grow() } else if duplicates.last?.row != row { insert(row, hash) }
    }

    private func find(_ base: UnsafePointer<UInt8>, _ length: Int, _ hash: UInt64) -> Int? {
        let mask = slots.count - 1
        var slot = Int(truncatingIfNeeded: hash) & mask
        return arena.withUnsafeBufferPointer { arenaBuffer -> Int? in
            slots.withUnsafeBufferPointer { slotBuffer -> Int? in
                while true {
                    let row = Int(slotBuffer[slot])
                    if row < 0 { return nil }
                    if hashes[row] == hash {
                        let start = offsets[row]
                        if offsets[row + 1] - start == length
                            && (length == 0 || bytesEqual(arenaBuffer.baseAddress! + start, base, length))
                        {
                            return row
                        }
                    }
                    slot = (slot + 1) & mask
                }
            }
        }
    }

    private mutating func insert(_ row: Int, _ hash: UInt64) {
        let mask = slots.count - 1
        var slot = Int(truncatingIfNeeded: hash) & mask
        while slots[slot] >= 0 { slot = (slot + 1) & mask }
        slots[slot] = Int32(row)
    }

    /// Doubles the slot count and reinserts every first occurrence.
    private mutating func grow() {
        slots = Array(repeating: -1, count: slots.count * 2)
        var duplicateRows = Set<Int>()
        for duplicate in duplicates { duplicateRows.insert(duplicate.row) }
        for row in 0..<hashes.count where !duplicateRows.contains(row) { insert(row, hashes[row]) }
    }
}
