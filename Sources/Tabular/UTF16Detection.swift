/// Recognises text saved as UTF-16, which Excel's "Unicode Text" and some Windows tools write: by its
/// byte-order mark, or, without one, by the zero byte beside every ASCII character.
enum UTF16Detection {
    /// "UTF-16 (little-endian)" or "UTF-16 (big-endian)" when `bytes` look like UTF-16, else nil.
    static func encoding(of bytes: UnsafeBufferPointer<UInt8>) -> String? {
        guard bytes.count >= 2 else { return nil }
        if bytes[0] == 0xFF && bytes[1] == 0xFE { return "UTF-16 (little-endian)" }
        if bytes[0] == 0xFE && bytes[1] == 0xFF { return "UTF-16 (big-endian)" }
        // Without a mark: ASCII text in UTF-16 has a zero in every other byte of its first characters,
        // something no UTF-8 CSV has.
        let pairs = min(bytes.count / 2, 32)
        guard pairs >= 2 else { return nil }
        var zeroHigh = 0
        var zeroLow = 0
        for pair in 0..<pairs {
            let first = bytes[2 * pair]
            let second = bytes[2 * pair + 1]
            if first != 0 && second == 0 { zeroHigh += 1 }
            if first == 0 && second != 0 { zeroLow += 1 }
        }
        if zeroHigh == pairs { return "UTF-16 (little-endian)" }
        if zeroLow == pairs { return "UTF-16 (big-endian)" }
        return nil
    }
}
