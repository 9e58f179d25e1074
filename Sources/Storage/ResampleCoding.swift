import Foundation

/// A submission's bootstrap resamples as stored: little-endian IEEE 754 doubles, 8 bytes each (8 KB for
/// 1,000 resamples), in a table of their own so that reading submissions never reads them.
enum ResampleCoding {
    /// The bytes of `values`.
    static func encode(_ values: [Double]?) -> Data? {
        guard let values else { return nil }
        var data = Data(capacity: values.count * 8)
        for value in values { withUnsafeBytes(of: value.bitPattern.littleEndian) { data.append(contentsOf: $0) } }
        return data
    }

    /// The values in `data` (nil when it is not a whole number of doubles).
    static func decode(_ data: Data?) -> [Double]? {
        guard let data, data.count % 8 == 0 else { return nil }
        return data.withUnsafeBytes { raw in
            (0..<(data.count / 8)).map { index in
                Double(bitPattern: UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: index * 8, as: UInt64.self)))
            }
        }
    }
}
