#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Hands back the pages of a mapped file a reader has passed, so a file read once costs a few megabytes of
/// memory, not its size: the reader keeps only the columns it copies out. The pages stay in the page cache
/// and come back on a later touch (a private, read-only file mapping is never changed). Does nothing for
/// bytes that are not a file mapping (a stream read into memory, a String's bytes).
struct ReadPages {
    /// Pages are handed back in steps of this many bytes.
    static let step = 1 << 20

    private let base: UnsafePointer<UInt8>
    private let enabled: Bool
    /// Bytes before this offset have been handed back.
    private(set) var released = 0

    init(base: UnsafePointer<UInt8>, mapped: Bool) {
        self.base = base
        enabled = mapped
    }

    /// Hands back whole pages before `offset` once a step's worth has been read past the last release.
    @inline(__always)
    mutating func read(upTo offset: Int) {
        guard enabled, offset - released >= Self.step else { return }
        let page = Int(sysconf(Int32(_SC_PAGESIZE)))
        let end = offset / page * page
        guard end > released else { return }
        _ = madvise(UnsafeMutableRawPointer(mutating: base + released), end - released, MADV_DONTNEED)
        released = end
    }
}
