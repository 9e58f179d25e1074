import Foundation
import Testing

@testable import WebServer

/// Times on pages: readable, in UTC, and relative where that is what a reader wants.
struct TimeTextTests {
    // 2026-11-28T17:26:20Z
    static let instant = Date(timeIntervalSince1970: 1_795_886_780)

    @Test func absoluteTimesAreReadableAndSayUTC() {
        #expect(TimeText.absolute(Self.instant) == "28 Nov 2026, 17:26 UTC")
    }

    @Test func relativeTimesUseTheLargestWholeUnit() {
        let now = Self.instant
        #expect(TimeText.relative(now.addingTimeInterval(3 * 3600 + 59), now: now) == "in 3 h")
        #expect(TimeText.relative(now.addingTimeInterval(-300), now: now) == "5 min ago")
        #expect(TimeText.relative(now.addingTimeInterval(20), now: now) == "just now")
        #expect(TimeText.relative(now.addingTimeInterval(5 * 86400), now: now) == "in 5 d")
    }

    @Test func theTimeElementCarriesTheInstantForMachines() {
        #expect(
            TimeText.html(Self.instant, now: Self.instant.addingTimeInterval(-7200))
                == "<time datetime=\"2026-11-28T17:26:20Z\" title=\"in 2 h\">28 Nov 2026, 17:26 UTC</time>")
    }

    @Test func aReadmeTitleIsNotShownTwice() {
        #expect(Markdown.droppingTitle("\n# NTI digits\n\nText.\n## Data\n") == "\n\nText.\n## Data\n")
        #expect(Markdown.droppingTitle("Intro.\n# Later heading\n") == "Intro.\n# Later heading\n")
    }
}
