import Foundation
import NIOCore
import Synchronization

/// Whole pages a logged-in visitor refreshes (a team's own submissions, a competition's page), rendered once and
/// served for `recheck` seconds, as boards are: at 3 a.m. a team waiting for its score refreshes its page
/// many times a second, and each refresh otherwise costs store reads and a Mustache render (a millisecond of
/// CPU, twenty times a board's). A key names everything a page depends on but the store (the session, so the
/// CSRF token in its forms; the language; the address); a write this process makes for a competition (a
/// submission, a final selection) advances its generation, so its next page is rendered anew. Writes by other
/// processes (a worker's score) show within `recheck`, and a page with a pending submission refreshes itself.
final class RenderedPages: Sendable {
    private struct Page {
        let body: ByteBuffer
        let builtAt: Date
    }

    private let pages = Mutex<[String: Page]>([:])
    private let generations = Mutex<[String: Int]>([:])
    /// Seconds a page is served before it is rendered again (0: rendered on every request).
    let recheck: TimeInterval
    private let capacity: Int

    /// Keeps at most `capacity` pages, each for `recheck` seconds.
    init(recheck: TimeInterval, capacity: Int = 2_000) {
        self.recheck = recheck
        self.capacity = capacity
    }

    /// The page of `key` in `competition`, rendered by `render` when missing, older than `recheck`, or older
    /// than the competition's last write here.
    func page(_ key: String, of competition: String, render: () async throws -> ByteBuffer) async rethrows
        -> ByteBuffer
    {
        let generation = generations.withLock { $0[competition] ?? 0 }
        let fullKey = "\(competition)|\(generation)|\(key)"
        let now = Date()
        if let kept = pages.withLock({ $0[fullKey] }), now.timeIntervalSince(kept.builtAt) < recheck {
            return kept.body
        }
        let body = try await render()
        guard recheck > 0 else { return body }
        pages.withLock { pages in
            if pages.count >= capacity { pages.removeAll() }
            pages[fullKey] = Page(body: body, builtAt: now)
        }
        return body
    }

    /// A write for `competition` happened here: its pages are rendered again.
    func changed(_ competition: String) {
        generations.withLock { $0[competition, default: 0] += 1 }
    }
}
