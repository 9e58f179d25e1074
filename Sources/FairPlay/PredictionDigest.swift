import Crypto
import MLMetrics
import Scoring

/// What a submission predicted, reduced for comparing submissions: a stable 64-bit hash of each row's value
/// in the answer key's row order. Its SHA-256 is the file's content hash with row order, whitespace, quoting
/// and number spelling normalised away (two teams' "identical files"); its low bytes, one per row, say which
/// rows changed from one submission to the next (a team probing the public board changes few).
public struct PredictionDigest: Sendable, Equatable {
    /// One hash per row, tasks one after the other.
    public let rowHashes: [UInt64]

    /// The digest of rows already hashed.
    public init(rowHashes: [UInt64]) { self.rowHashes = rowHashes }

    /// The digest of `predictions` (validated against a key, so in its row order).
    public static func of(_ predictions: PredictedValues) -> PredictionDigest {
        switch predictions {
        case .labels(let codes):
            return PredictionDigest(rowHashes: codes.map { StableHash.of(UInt64(bitPattern: Int64($0))) })
        case .positiveProbabilities(let values), .numbers(let values):
            return PredictionDigest(rowHashes: values.map { StableHash.of(StableHash.canonical($0)) })
        case .classProbabilities(let columns):
            let rows = columns.first?.count ?? 0
            return PredictionDigest(
                rowHashes: (0..<rows).map { row in
                    columns.reduce(StableHash.seed) { StableHash.combine($0, StableHash.canonical($1[row])) }
                })
        case .answers(let answers):
            return PredictionDigest(rowHashes: answers.map { StableHash.of(text: $0) })
        }
    }

    /// Several tasks' digests, one after the other.
    public static func concatenating(_ digests: [PredictionDigest]) -> PredictionDigest {
        PredictionDigest(rowHashes: digests.flatMap(\.rowHashes))
    }

    /// The normalised content hash: hex SHA-256 of the row hashes.
    public var contentHash: String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(rowHashes.count * 8)
        for hash in rowHashes { withUnsafeBytes(of: hash.littleEndian) { bytes.append(contentsOf: $0) } }
        return Crypto.SHA256.hash(data: bytes).map { byte in
            let text = String(byte, radix: 16)
            return text.count == 1 ? "0" + text : text
        }.joined()
    }

    /// One byte per row (the row hash's low byte), for storing: rows whose bytes differ changed for certain;
    /// a changed row keeps its byte once in 256.
    public var rowBytes: [UInt8] { rowHashes.map { UInt8(truncatingIfNeeded: $0) } }

    /// How many rows differ between two stored row byte strings; nil when they have different rows.
    public static func changedRows(_ a: [UInt8], _ b: [UInt8]) -> Int? {
        guard a.count == b.count else { return nil }
        var changed = 0
        for index in a.indices where a[index] != b[index] { changed += 1 }
        return changed
    }
}

/// A 64-bit hash that is the same in every process (Swift's `Hasher` is seeded per process).
enum StableHash {
    static let seed: UInt64 = 0x9E37_79B9_7F4A_7C15

    /// splitmix64's finaliser.
    static func of(_ value: UInt64) -> UInt64 {
        var z = value &+ seed
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    static func combine(_ hash: UInt64, _ value: UInt64) -> UInt64 { of(hash ^ of(value)) }

    /// A double's bits, with -0 as 0 and every NaN as one.
    static func canonical(_ value: Double) -> UInt64 {
        if value == 0 { return 0 }
        if value.isNaN { return Double.nan.bitPattern }
        return value.bitPattern
    }

    /// FNV-1a over the UTF-8 of `text`, finalised.
    static func of(text: String) -> UInt64 {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        for byte in text.utf8 { hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01B3 }
        return of(hash)
    }
}
