import Crypto
import Foundation
import Synchronization

/// Each chat platform's own check that a request comes from it: Telegram's secret token header, Slack's signing
/// secret over the timestamp and body, Discord's Ed25519 signature over the timestamp and body. Slack's and
/// Discord's timestamps must be within five minutes of the server's clock.
enum ChatVerification {
    /// How far a signed timestamp may be from now.
    static let window: TimeInterval = 5 * 60

    /// Whether Telegram's `X-Telegram-Bot-Api-Secret-Token` header is the configured secret.
    static func telegram(header: String?, secret: String) -> Bool {
        guard let header else { return false }
        return constantTimeEqual(Array(header.utf8), Array(secret.utf8))
    }

    /// Whether Slack signed `body` sent at `timestamp`: `X-Slack-Signature` is `v0=` and the hex HMAC-SHA256 of
    /// `v0:<timestamp>:<body>` with the signing secret, and the timestamp is within the window of `now`.
    static func slack(signature: String?, timestamp: String?, body: [UInt8], secret: String, now: Date) -> Bool {
        guard let signature, let timestamp, let seconds = Double(timestamp),
            abs(now.timeIntervalSince1970 - seconds) <= window
        else { return false }
        let message = Array("v0:\(timestamp):".utf8) + body
        let code = Crypto.HMAC<Crypto.SHA256>.authenticationCode(
            for: message, using: SymmetricKey(data: Array(secret.utf8)))
        return constantTimeEqual(Array(signature.utf8), Array(("v0=" + hex(Array(code))).utf8))
    }

    /// Whether Discord signed `body` sent at `timestamp`: `X-Signature-Ed25519` is the hex Ed25519 signature of
    /// `<timestamp><body>` by the application's public key, and the timestamp is within the window of `now`.
    static func discord(signature: String?, timestamp: String?, body: [UInt8], publicKey: String, now: Date) -> Bool {
        guard let signature, let timestamp, let seconds = Double(timestamp),
            abs(now.timeIntervalSince1970 - seconds) <= window,
            let key = bytes(hex: publicKey), let signed = bytes(hex: signature),
            let verifier = try? Curve25519.Signing.PublicKey(rawRepresentation: key)
        else { return false }
        return verifier.isValidSignature(signed, for: Array(timestamp.utf8) + body)
    }

    static func hex(_ bytes: [UInt8]) -> String { bytes.map { String(format: "%02x", $0) }.joined() }

    static func bytes(hex: String) -> [UInt8]? {
        let digits = Array(hex.utf8)
        guard digits.count % 2 == 0 else { return nil }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(digits.count / 2)
        for index in stride(from: 0, to: digits.count, by: 2) {
            guard let byte = UInt8(String(decoding: digits[index..<index + 2], as: UTF8.self), radix: 16) else {
                return nil
            }
            bytes.append(byte)
        }
        return bytes
    }

    private static func constantTimeEqual(_ a: [UInt8], _ b: [UInt8]) -> Bool {
        guard a.count == b.count else { return false }
        return zip(a, b).reduce(0) { $0 | ($1.0 ^ $1.1) } == 0
    }
}

/// The requests a chat route has answered lately, by the id their platform gives them (Telegram's update id, a
/// Slack signature, Discord's interaction id): one sent again within the window is answered nothing.
final class ReplayGuard: Sendable {
    private let seen = Mutex<[String: Date]>([:])

    /// Whether `key` is new at `now` (and remembers it for the window).
    func isNew(_ key: String, now: Date) -> Bool {
        seen.withLock { seen in
            if seen.count > 50_000 {
                seen = seen.filter { now.timeIntervalSince($0.value) < ChatVerification.window * 2 }
            }
            if let earlier = seen[key], now.timeIntervalSince(earlier) < ChatVerification.window * 2 { return false }
            seen[key] = now
            return true
        }
    }
}
