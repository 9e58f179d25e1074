/// Neumaier's compensated sum: accurate to the last bit for the sums metrics take, so results do not
/// drift with row order (numpy's pairwise sum is within a few ulps of it).
@usableFromInline
struct CompensatedSum {
    @usableFromInline var sum = 0.0
    @usableFromInline var compensation = 0.0

    @usableFromInline init() {}

    @inlinable @inline(__always)
    mutating func add(_ value: Double) {
        let total = sum + value
        if abs(sum) >= abs(value) {
            compensation += (sum - total) + value
        } else {
            compensation += (value - total) + sum
        }
        sum = total
    }

    @inlinable var value: Double { sum + compensation }
}

/// The compensated sum of `values`.
@inlinable
func compensatedSum<S: Sequence>(_ values: S) -> Double where S.Element == Double {
    var total = CompensatedSum()
    for value in values { total.add(value) }
    return total.value
}
