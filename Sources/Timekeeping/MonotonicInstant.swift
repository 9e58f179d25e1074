#if canImport(Glibc)
    import Glibc
#else
    import Darwin
#endif

/// A point on the machine's monotonic clock (`CLOCK_MONOTONIC`): it never steps when the wall clock is set,
/// so waits, leases' heartbeats, timeouts and measured durations keep their length whatever the date says.
/// Only dates that are stored or shown come from the wall clock.
public struct MonotonicInstant: Comparable, Hashable, Sendable {
    /// Nanoseconds since an arbitrary start (the machine's boot on Linux); meaningful only within one machine.
    public let nanoseconds: UInt64

    /// Creates an instant from its nanoseconds.
    public init(nanoseconds: UInt64) { self.nanoseconds = nanoseconds }

    /// Now.
    public static var now: MonotonicInstant {
        var time = timespec()
        clock_gettime(CLOCK_MONOTONIC, &time)
        return MonotonicInstant(nanoseconds: UInt64(time.tv_sec) * 1_000_000_000 + UInt64(time.tv_nsec))
    }

    /// This instant moved `seconds` later (a negative or NaN interval counts as zero).
    public func advanced(by seconds: Double) -> MonotonicInstant {
        guard seconds > 0 else { return self }
        let delta = seconds * 1e9
        let capped = delta >= Double(UInt64.max - nanoseconds) ? UInt64.max - nanoseconds : UInt64(delta)
        return MonotonicInstant(nanoseconds: nanoseconds + capped)
    }

    /// Seconds from `earlier` to this instant (negative when `earlier` is later).
    public func seconds(since earlier: MonotonicInstant) -> Double {
        nanoseconds >= earlier.nanoseconds
            ? Double(nanoseconds - earlier.nanoseconds) / 1e9 : -Double(earlier.nanoseconds - nanoseconds) / 1e9
    }

    /// Seconds since this instant, until now.
    public var elapsed: Double { MonotonicInstant.now.seconds(since: self) }

    /// The instant as a `timespec` on `CLOCK_MONOTONIC` (for `pthread_cond_clockwait`).
    var timespecValue: timespec {
        timespec(tv_sec: Int(nanoseconds / 1_000_000_000), tv_nsec: Int(nanoseconds % 1_000_000_000))
    }

    /// Earlier first.
    public static func < (lhs: MonotonicInstant, rhs: MonotonicInstant) -> Bool { lhs.nanoseconds < rhs.nanoseconds }
}

/// A moment on the monotonic clock by which something must have happened: a timeout.
public struct Deadline: Sendable, Equatable {
    /// When it passes.
    public let instant: MonotonicInstant

    /// The deadline `seconds` from now.
    public static func after(seconds: Double) -> Deadline {
        Deadline(instant: MonotonicInstant.now.advanced(by: seconds))
    }

    /// Whether it has passed.
    public var hasPassed: Bool { MonotonicInstant.now >= instant }

    /// Seconds left (0 once passed).
    public var remaining: Double { max(0, instant.seconds(since: .now)) }
}
