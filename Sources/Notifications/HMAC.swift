import Crypto

/// HMAC-SHA256 (RFC 2104) from swift-crypto, for signing webhook bodies and session cookies.
public enum HMAC {
    /// The hex HMAC-SHA256 of `message` with `key`.
    public static func sha256Hex(key: [UInt8], message: [UInt8]) -> String {
        let code = Crypto.HMAC<Crypto.SHA256>.authenticationCode(for: message, using: SymmetricKey(data: key))
        return code.map { byte in
            let text = String(byte, radix: 16)
            return text.count == 1 ? "0" + text : text
        }.joined()
    }
}
