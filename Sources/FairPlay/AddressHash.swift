import Crypto

/// A client's address (or browser), kept only as its HMAC-SHA256 under the event's own key: two requests from
/// one address have one hash, and without the key — dropped after the event — no hash can be traced back to an
/// address by trying every address.
public enum AddressHash {
    /// A fresh random key of 32 bytes.
    public static func newKey() -> [UInt8] {
        SymmetricKey(size: .bits256).withUnsafeBytes { Array($0) }
    }

    /// The hex HMAC-SHA256 of `value` under `key`, its first 32 hex digits (128 bits).
    public static func hash(_ value: String, key: [UInt8]) -> String {
        let code = Crypto.HMAC<Crypto.SHA256>.authenticationCode(for: Array(value.utf8), using: SymmetricKey(data: key))
        return code.prefix(16).map { byte in
            let text = String(byte, radix: 16)
            return text.count == 1 ? "0" + text : text
        }.joined()
    }
}
