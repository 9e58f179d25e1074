import Foundation
import TestSupport
import Testing

@testable import WebServer

/// Times on pages: readable, in UTC, and relative where that is what a reader wants.
@Suite(.ownThreads)
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

    @Test func russianTimesUseTheGenitiveMonthAndKeepUTC() {
        #expect(TimeText.absolute(Self.instant, .ru) == "28 ноября 2026, 17:26 UTC")
        let now = Self.instant
        #expect(TimeText.relative(now.addingTimeInterval(3 * 3600 + 59), now: now, .ru) == "через 3 ч")
        #expect(TimeText.relative(now.addingTimeInterval(-300), now: now, .ru) == "5 мин назад")
        #expect(TimeText.relative(now.addingTimeInterval(20), now: now, .ru) == "только что")
    }

    /// CLDR's Russian plural rules (unicode.org/cldr/charts/latest/supplemental/language_plural_rules.html):
    /// one 1, 21, 101; few 2–4, 22–24; many 0, 5–20, 25, 111–114.
    @Test func russianPluralsFollowCLDR() {
        let expected: [(Int, String)] = [
            (0, "many"), (1, "one"), (2, "few"), (4, "few"), (5, "many"), (11, "many"), (12, "many"), (14, "many"),
            (21, "one"), (22, "few"), (25, "many"), (101, "one"), (111, "many"), (112, "many"), (122, "few"),
        ]
        for (count, category) in expected {
            #expect(Localizer.category(count, .ru) == category, "\(count)")
        }
        #expect(Localizer.category(1, .en) == "one" && Localizer.category(0, .en) == "other")
    }

    @Test func acceptLanguagePicksTheSupportedLanguageOfHighestWeight() {
        #expect(Language.accepted("ru-RU,ru;q=0.9,en-US;q=0.8,en;q=0.7") == .ru)
        #expect(Language.accepted("de-DE,en;q=0.5,ru;q=0.4") == .en)
        #expect(Language.accepted("de, fr") == nil)
        #expect(Language.accepted("ru;q=0, en;q=0.1") == .en, "q=0 means not acceptable")
        #expect(Language.accepted(nil) == nil)
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
