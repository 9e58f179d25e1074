import Storage

/// HMAC-SHA256 (RFC 2104) over Storage's SHA-256, for signing webhook bodies.
public enum HMAC {
    /// The hex HMAC-SHA256 of `message` with `key`.
    public static func sha256Hex(key: [UInt8], message: [UInt8]) -> String {
        var key = key
        if key.count > 64 {
            var hash = SHA256()
            hash.update(key)
            key = hash.finalize()
        }
        key += [UInt8](repeating: 0, count: 64 - key.count)
        var inner = SHA256()
        inner.update(key.map { $0 ^ 0x36 })
        inner.update(message)
        let innerDigest = inner.finalize()
        var outer = SHA256()
        outer.update(key.map { $0 ^ 0x5C })
        outer.update(innerDigest)
        return outer.finalize().map {
            String($0, radix: 16).count == 1 ? "0" + String($0, radix: 16) : String($0, radix: 16)
        }.joined()
    }
}
