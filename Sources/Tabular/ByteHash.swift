/// A fast, well-mixed 64-bit hash of a byte range (8 bytes per step, splitmix64 finaliser).
/// Used by the id and label tables; not cryptographic and not stable across versions.
@inline(__always)
func byteHash(_ base: UnsafePointer<UInt8>, _ count: Int) -> UInt64 {
    var h: UInt64 = 0x9E37_79B9_7F4A_7C15 ^ UInt64(truncatingIfNeeded: count)
    var p = UnsafeRawPointer(base)
    var remaining = count
    while remaining >= 8 {
        let word = p.loadUnaligned(as: UInt64.self)
        h = (h ^ word) &* 0xBF58_476D_1CE4_E5B9
        h ^= h >> 29
        p += 8
        remaining -= 8
    }
    if remaining > 0 {
        var word: UInt64 = 0
        for i in 0..<remaining { word |= UInt64(p.load(fromByteOffset: i, as: UInt8.self)) << (8 * UInt64(i)) }
        h = (h ^ word) &* 0xBF58_476D_1CE4_E5B9
    }
    h ^= h >> 31
    h = h &* 0x94D0_49BB_1331_11EB
    h ^= h >> 32
    return h
}

/// Byte-wise equality of two ranges.
@inline(__always)
func bytesEqual(_ a: UnsafePointer<UInt8>, _ b: UnsafePointer<UInt8>, _ count: Int) -> Bool {
    memcmp(a, b, count) == 0
}

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Calls `body` with a non-null pointer to the UTF-8 bytes of `string` and their count.
func withBytes<R>(of string: String, _ body: (UnsafePointer<UInt8>, Int) -> R) -> R {
    var bytes = Array(string.utf8)
    bytes.append(0)  // never empty, so the base address is never nil
    return bytes.withUnsafeBufferPointer { body($0.baseAddress!, $0.count - 1) }
}
