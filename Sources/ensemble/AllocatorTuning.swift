import CMalloc

/// glibc's allocator set for a process that reads large files one after another: each file's columns are freed
/// when it has been added, and by default glibc hands blocks of a few megabytes back to the kernel and maps
/// them anew for the next file, so every page is faulted in again (a third of the system time of
/// `ensemble mean` over ten files). Freed blocks are kept for reuse instead: up to 32 MiB from the heap, no
/// trimming, one arena (see CMalloc).
enum AllocatorTuning {
    /// Applies the settings (nothing on other C libraries).
    static func keepFreedMemory() { _ = podium_keep_freed_memory() }
}
