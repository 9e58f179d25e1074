/// A seeded bootstrap over one part of a test set, the same for every submission scored against it, so
/// that two submissions' resampled scores are paired (resample `r` of both weights the same rows).
///
/// The units resampled are rows, or groups of rows (MuSeRC's questions) when `units` is given. A part of
/// at most `maximumBuckets` units is resampled unit by unit: the classic bootstrap. A larger part is first
/// split into `maximumBuckets` buckets of units chosen at random (by a hash of the unit and the seed) and
/// the buckets are resampled: the bucketed bootstrap of online experiments, whose buckets are exchangeable
/// samples of the part, so the resampled scores vary as much as the rows' would (within the error of
/// estimating a variance from 4,096 buckets, about 2% of an interval's width). Every metric Podium
/// computes from sums over rows — all label metrics, log loss, the regression errors, the answer metrics,
/// MuSeRC — is then scored per resample from per-bucket sums in time independent of the rows (see
/// `BuiltinMetric.resampled`); ROC AUC, a function of the rows' order, is recomputed per resample.
public struct Bootstrap: Sendable {
    /// The most buckets a part is split into.
    public static let maximumBuckets = 4096

    /// Number of resamples.
    public let resamples: Int
    /// Number of buckets (the units, when there are at most `maximumBuckets`).
    public let bucketCount: Int
    /// Each row's bucket.
    public let bucketOfRow: [Int32]
    /// How often each bucket is drawn in each resample: `weights[resample * bucketCount + bucket]`.
    private let weights: [UInt16]

    /// The bootstrap of a part of `rowCount` rows, or of the groups `units` gives each row, seeded by `seed`.
    public init(resamples: Int, seed: UInt64, rowCount: Int, units: [Int32]? = nil) {
        var unitOfRow = [Int32](repeating: 0, count: rowCount)
        var unitCount = rowCount
        if let units {
            var dense: [Int32: Int32] = [:]
            for row in 0..<rowCount {
                let next = Int32(dense.count)
                unitOfRow[row] = dense[units[row], default: next]
                if unitOfRow[row] == next { dense[units[row]] = next }
            }
            unitCount = dense.count
        } else {
            for row in 0..<rowCount { unitOfRow[row] = Int32(row) }
        }
        let buckets = max(1, min(unitCount, Self.maximumBuckets))
        if unitCount > buckets {
            let count = UInt64(buckets)
            unitOfRow = unitOfRow.map { unit in
                var mixer = SeededGenerator(seed: seed ^ (UInt64(unit) &* 0x9E37_79B9_7F4A_7C15))
                return Int32(mixer.next() % count)
            }
        }
        var weights = [UInt16](repeating: 0, count: resamples * buckets)
        var generator = SeededGenerator(seed: seed)
        for resample in 0..<resamples {
            let base = resample * buckets
            for _ in 0..<buckets { weights[base + Int(generator.next() % UInt64(buckets))] += 1 }
        }
        self.resamples = resamples
        self.bucketCount = buckets
        self.bucketOfRow = unitOfRow
        self.weights = weights
    }

    /// Each resample's totals of per-bucket sums: `sums` holds `width` numbers per bucket, the result
    /// `width` numbers per resample. (A product of the weights and the sums, computed as dot products over
    /// the buckets, four running sums at a time.)
    public func totals(of sums: [Double], width: Int) -> [Double] {
        precondition(sums.count == bucketCount * width, "sums must hold width numbers per bucket")
        let buckets = bucketCount
        // The sums column by column, each padded to a multiple of four buckets.
        let stride = (buckets + 3) / 4 * 4
        var columns = [Double](repeating: 0, count: stride * width)
        for bucket in 0..<buckets {
            for k in 0..<width { columns[k * stride + bucket] = sums[bucket * width + k] }
        }
        var totals = [Double](repeating: 0, count: resamples * width)
        var row = [Double](repeating: 0, count: stride)
        totals.withUnsafeMutableBufferPointer { out in
            columns.withUnsafeBufferPointer { columns in
                weights.withUnsafeBufferPointer { weights in
                    row.withUnsafeMutableBufferPointer { row in
                        for resample in 0..<resamples {
                            let base = resample * buckets
                            for bucket in 0..<buckets { row[bucket] = Double(weights[base + bucket]) }
                            for k in 0..<width {
                                // Four running sums, so the additions do not wait on each other (scalar code:
                                // SIMD types are slow in debug builds, and addProduct calls libm's fma per lane
                                // on the baseline x86-64 ISA).
                                var (a, b, c, d) = (0.0, 0.0, 0.0, 0.0)
                                var index = 0
                                let column = columns.baseAddress! + k * stride
                                while index < stride {
                                    a += row[index] * column[index]
                                    b += row[index + 1] * column[index + 1]
                                    c += row[index + 2] * column[index + 2]
                                    d += row[index + 3] * column[index + 3]
                                    index += 4
                                }
                                out[resample * width + k] = (a + b) + (c + d)
                            }
                        }
                    }
                }
            }
        }
        return totals
    }

    /// Each resample's value of a metric that is a function of per-bucket sums; NaN where the metric is
    /// undefined on a resample (`value` throws).
    public func values(of sums: [Double], width: Int, value: (ArraySlice<Double>) throws -> Double) -> [Double] {
        let totals = totals(of: sums, width: width)
        return (0..<resamples).map { resample in
            (try? value(totals[(resample * width)..<((resample + 1) * width)])) ?? .nan
        }
    }

    /// The weight of each row in resample `resample` (its bucket's draw count).
    public func rowWeights(resample: Int) -> [Double] {
        let base = resample * bucketCount
        return bucketOfRow.map { Double(weights[base + Int($0)]) }
    }

    /// A seed for one part of one task: a hash of its name (FNV-1a), so every submission scored against it,
    /// on any machine, draws the same resamples.
    public static func seed(_ name: String) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in name.utf8 {
            hash ^= UInt64(byte)
            hash &*= 0x0000_0100_0000_01b3
        }
        return hash
    }
}
