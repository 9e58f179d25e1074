import Competitions
import Foundation
import Storage
import TestSupport
import Testing

/// Competitions as every backend stores them: the same records back, the same updates, the same order.
@Suite(.ownThreads)
struct CompetitionContractTests {
    /// A record's stored fields, comparable across backends.
    struct Row: Equatable {
        let slug, title, folder: String
        let loadedAt: Date
        let calendarShiftDays: Int

        init(_ record: CompetitionRecord) {
            (slug, title, folder, loadedAt, calendarShiftDays) =
                (record.slug, record.title, record.folder, record.loadedAt, record.calendarShiftDays)
        }
    }

    static let loadedAt = Date(timeIntervalSince1970: 1_800_000_000)

    @Test func aCompetitionIsSavedUpdatedAndListedAlikeOnEveryBackend() throws {
        let backends = try Backends()
        let results = try backends.results { store in
            try store.write { writer in
                try writer.save(CompetitionRecord(slug: "zeta", title: "Z", folder: "/z", loadedAt: Self.loadedAt))
                try writer.save(
                    CompetitionRecord(
                        slug: "alpha", title: "A", folder: "/a", loadedAt: Self.loadedAt, calendarShiftDays: -3))
            }
            let first = try store.read { try $0.competitions().map(Row.init) }
            // A reload changes the title, the folder, the time and the calendar's move in place.
            try store.write { writer in
                try writer.save(
                    CompetitionRecord(
                        slug: "alpha", title: "A2", folder: "/a2", loadedAt: Self.loadedAt.addingTimeInterval(60),
                        calendarShiftDays: 400))
            }
            let reloaded = try store.read { try $0.competition("alpha").map(Row.init) }
            return (first, reloaded, try store.read { try $0.competition("missing") == nil })
        }
        for (name, (first, reloaded, missingIsNil)) in results {
            #expect(first.map(\.slug) == ["alpha", "zeta"], "\(name): listed by slug")
            #expect(first.first?.calendarShiftDays == -3, "\(name)")
            #expect(first.last?.calendarShiftDays == 0, "\(name): unmoved by default")
            #expect(
                reloaded
                    == Row(
                        CompetitionRecord(
                            slug: "alpha", title: "A2", folder: "/a2", loadedAt: Self.loadedAt.addingTimeInterval(60),
                            calendarShiftDays: 400)), "\(name)")
            #expect(missingIsNil, "\(name)")
        }
        let sqlite = try #require(results.first).result
        for (name, result) in results.dropFirst() {
            #expect(result.0 == sqlite.0 && result.1 == sqlite.1, "\(name) differs from sqlite")
        }
    }

    @Test func savingACompetitionMovesItsBoardVersionOnEveryBackend() throws {
        let backends = try Backends()
        for (name, store) in backends.stores {
            let record = CompetitionRecord(slug: "c", title: "C", folder: "/c", loadedAt: Self.loadedAt)
            try store.write { try $0.save(record) }
            let before = try store.read { try $0.versions(competition: "c").boards }
            try store.write { try $0.save(record) }
            #expect(try store.read { try $0.versions(competition: "c").boards } > before, "\(name)")
        }
    }
}
