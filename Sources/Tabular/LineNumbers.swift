/// The physical line on which each row of a file starts, for messages. Most files have one row per line
/// with no blank lines, so the lines are `first, first + 1, …`: they are then kept as that rule, not as
/// four bytes a row (4 MB of a million-row file), and become a list only when a row breaks it (a blank
/// line, a quoted newline, a dropped row).
public struct LineNumbers: RandomAccessCollection, Sendable, Equatable, ExpressibleByArrayLiteral {
    /// The line of the first row.
    private var first: Int32 = 0
    /// How many rows follow the rule.
    private var ruled = 0
    /// Whether a row broke the rule (then `listed` holds every row's line).
    private var isListed = false
    /// Every row's line, once a row broke the rule.
    private var listed: [Int32] = []

    /// No rows.
    public init() {}

    /// The lines of `lines` (kept as the rule when they follow it).
    public init(_ lines: [Int32]) {
        for line in lines { append(line) }
    }

    /// The lines listed.
    public init(arrayLiteral lines: Int32...) { self.init(lines) }

    /// The first row.
    public var startIndex: Int { 0 }
    /// One past the last row.
    public var endIndex: Int { isListed ? listed.count : ruled }

    /// The line of `row`.
    public subscript(row: Int) -> Int32 {
        if isListed { return listed[row] }
        precondition(row >= 0 && row < ruled, "row \(row) out of range")
        return first &+ Int32(truncatingIfNeeded: row)
    }

    /// Adds the next row's line.
    @inline(__always)
    public mutating func append(_ line: Int32) {
        if !isListed {
            if ruled == 0 { first = line }
            if line == first &+ Int32(truncatingIfNeeded: ruled) {
                ruled &+= 1
                return
            }
            listed = (0..<ruled).map { first &+ Int32(truncatingIfNeeded: $0) }
            isListed = true
        }
        listed.append(line)
    }

    /// The same lines, however each is kept.
    public static func == (left: LineNumbers, right: LineNumbers) -> Bool { left.elementsEqual(right) }
}
