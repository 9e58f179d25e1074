import Foundation
import TestSupport
import Testing

@testable import WebServer

/// The catalogs of the pages' words: complete in both languages, every key a template or the code asks for
/// present, and Russian plurals as Russian has them (1 попытка, 2 попытки, 5 попыток).
@Suite(.ownThreads)
struct LocalizerTests {
    static let templates = WebHarness.repository.appendingPathComponent("web/templates").path
    static let localizer = try! Localizer(directory: "\(templates)/i18n")

    @Test func russianPluralsReadRight() {
        let forms = [1, 2, 5, 11, 21, 22, 25].map { Self.localizer.plural("quota_left", count: $0, .ru) }
        #expect(
            forms == [
                "осталась 1 попытка", "осталось 2 попытки", "осталось 5 попыток", "осталось 11 попыток",
                "осталась 21 попытка", "осталось 22 попытки", "осталось 25 попыток",
            ])
        #expect(Self.localizer.plural("quota_left", count: 1, .en) == "1 submission left")
        #expect(Self.localizer.plural("quota_left", count: 0, .en) == "0 submissions left")
        #expect(
            Self.localizer.plural("team_members", count: 2, .ru, ["max": "2"]) == "2 участника из 2",
            "a placeholder besides the count")
    }

    @Test func placeholdersAreFilledOnceAndValuesStayAsTheyAre() {
        #expect(
            Self.localizer.text("you_absent", .en, ["team": "{team}"])
                == "Your team, {team}, has no scored submission on this board yet.")
        #expect(Self.localizer.text("round_opens", .ru, ["when": "завтра"]) == "откроется завтра")
    }

    /// Every `{{t.key}}` of every template, and every key the Swift code names, is in both catalogs.
    @Test func everyKeyInUseIsInTheCatalogs() throws {
        let catalog = try #require(
            try JSONSerialization.jsonObject(
                with: Data(contentsOf: URL(fileURLWithPath: "\(Self.templates)/i18n/ru.json"))) as? [String: Any])
        var used: Set<String> = []
        for file in try FileManager.default.contentsOfDirectory(atPath: Self.templates)
        where file.hasSuffix(".mustache") {
            let text = try String(contentsOfFile: "\(Self.templates)/\(file)", encoding: .utf8)
            used.formUnion(text.matches(of: /\{\{t\.([a-z_]+)\}\}/).map { String($0.1) })
        }
        let sources = WebHarness.repository.appendingPathComponent("Sources/WebServer").path
        let enumerator = try #require(FileManager.default.enumerator(atPath: sources))
        for case let file as String in enumerator where file.hasSuffix(".swift") {
            let text = try String(contentsOfFile: "\(sources)/\(file)", encoding: .utf8)
            used.formUnion(text.matches(of: /localizer\.(?:text|plural)\(\s*"([a-z_]+)"/).map { String($0.1) })
        }
        #expect(used.count > 100, "the scan found the keys in use")
        let missing = used.subtracting(catalog.keys)
        #expect(missing.isEmpty, "not in the catalogs: \(missing.sorted())")
        // Keys made from a code at run time: every state, status and refusal has its sentence.
        for key in [
            "state_scheduled", "state_open", "state_closed", "status_queued", "status_scoring", "status_scored",
        ]
            + ["registration_closed", "not_approved", "team_full", "invite_used", "merge_not_allowed"].map({
                "error_\($0)"
            })
        {
            #expect(catalog[key] != nil, "\(key)")
        }
    }

    @Test func catalogsThatDifferAreRefusedWithTheKeysThatDiffer() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("i18n-\(UUID())").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try #"{"a": "A", "b": "B"}"#.write(toFile: "\(folder)/en.json", atomically: true, encoding: .utf8)
        try #"{"a": "А"}"#.write(toFile: "\(folder)/ru.json", atomically: true, encoding: .utf8)
        #expect { try Localizer(directory: folder) } throws: { "\($0)".contains("b") }
    }
}
