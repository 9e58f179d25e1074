import Foundation
import Storage
import TestSupport
import Testing

/// SHA-256 against the NIST FIPS 180-4 examples.
@Suite(.ownThreads)
struct SHA256Tests {
    @Test func nistVectors() {
        #expect(SHA256.hex("") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(SHA256.hex("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(
            SHA256.hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq")
                == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
        #expect(
            SHA256.hex(Array(repeating: UInt8(ascii: "a"), count: 1_000_000))
                == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
    }

    @Test func incrementalUpdatesMatchOneShot() {
        let bytes = (0..<1000).map { UInt8(truncatingIfNeeded: $0 * 7) }
        var hash = SHA256()
        for chunk in stride(from: 0, to: bytes.count, by: 37) {
            hash.update(bytes[chunk..<min(chunk + 37, bytes.count)])
        }
        #expect(hash.finalize().map { String(format: "%02x", $0) }.joined() == SHA256.hex(bytes))
    }
}
