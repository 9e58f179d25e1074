import Foundation
import Storage
import TestSupport
import Testing

/// Events and their deliveries, as every backend keeps them.
@Suite(.ownThreads)
struct OutboxContractTests {
    @Test func eventsCursorsAndDeliveriesBehaveAlike() throws {
        let transcript = try Backends().sameTranscript { store in
            var log = Transcript()
            try store.write { writer in
                try writer.emit(.roundOpened(.init(round: "r", actor: "ann")), competition: "c", at: Fixtures.at(1))
                let digest = Event.digest(.init(round: "r", top: [.init(rank: 1, team: "a/b", score: 0.5)]))
                log.note("once", try writer.emitOnce(key: "k", digest, competition: "c", at: Fixtures.at(2)))
                log.note("twice", try writer.emitOnce(key: "k", .test, competition: "c", at: Fixtures.at(3)))
            }
            let events = try store.read { try $0.events(after: 0) }
            log.note("events", events.map { "\($0.type.rawValue) \($0.payload)" })
            let first = try #require(events.first?.id)
            try store.write { writer in
                try writer.setCursor(target: "chat", eventId: first)
                try writer.setCursor(target: "chat", eventId: first + 1)
                for event in events {
                    try writer.addDelivery(eventId: event.id ?? -1, target: "chat", at: Fixtures.at(4))
                }
                try writer.addDelivery(eventId: first, target: "chat", at: Fixtures.at(5))
            }
            try store.read { reader in
                log.note("cursor", try reader.cursor(target: "chat") == first + 1, try reader.cursor(target: "other"))
                log.note("newest", try reader.newestEventId() == events.last?.id)
                log.note("latest", try reader.events(limit: 1).map(\.type.rawValue))
                log.note("one", try reader.event(id: first)?.type.rawValue)
            }
            let head = try #require(try store.read { try $0.headDelivery(target: "chat") })
            try store.write {
                try $0.markDelivered(deliveryId: head.id ?? -1, status: 200, response: "ok", at: Fixtures.at(6))
            }
            let next = try #require(try store.read { try $0.headDelivery(target: "chat") })
            try store.write { writer in
                try writer.markAttemptFailed(
                    deliveryId: next.id ?? -1, status: 500, response: "busy", next: Fixtures.at(9))
                try writer.markAttemptFailed(deliveryId: next.id ?? -1, status: 400, response: "no", next: nil)
            }
            try store.read { reader in
                log.note(
                    "deliveries",
                    try reader.recentDeliveries(limit: 10).map {
                        "\($0.state) \($0.attempts) \($0.lastStatus ?? 0) \($0.lastResponse ?? "")"
                    })
                log.note("head after dead", try reader.headDelivery(target: "chat")?.eventId == events.last?.id)
            }
            log.note(
                "revived elsewhere",
                try store.write { try $0.reviveDeadDeliveries(target: "other", at: Fixtures.at(7)) })
            log.note("revived", try store.write { try $0.reviveDeadDeliveries(target: nil, at: Fixtures.at(7)) })
            return log
        }
        #expect(transcript.line("once") == "once: true")
        #expect(transcript.line("twice") == "twice: false")
        #expect(
            transcript.line("events")
                == #"events: [round.opened {"actor":"ann","round":"r"}, digest {"round":"r","top":[{"rank":1,"score":0.5,"team":"a\/b"}]}]"#
        )
        #expect(transcript.line("cursor") == "cursor: true | nil")
        #expect(transcript.line("deliveries") == "deliveries: [dead 2 400 no, delivered 1 200 ok]")
        #expect(transcript.line("revived elsewhere") == "revived elsewhere: 0")
        #expect(transcript.line("revived") == "revived: 1")
    }

    @Test func blobsAndACompetitionsFilesAreKeptAlike() throws {
        let transcript = try Backends().sameTranscript { store in
            var log = Transcript()
            try store.write { writer in
                try writer.save(Fixtures.competition())
                try writer.saveBlob(sha256: "s", bytes: Data([0, 1, 255]))
                try writer.saveBlob(sha256: "s", bytes: Data([9]))
                try writer.replaceCompetitionFiles(competition: "c", files: ["a.csv": "1", "b.csv": "2"])
                try writer.replaceCompetitionFiles(competition: "c", files: ["b.csv": "3"])
                try writer.save(
                    SolutionRecord(competition: "c", round: "r", task: "t", path: "hidden/t.csv", sha256: "x"))
                try writer.save(
                    SolutionRecord(competition: "c", round: "r", task: "t", path: "hidden/t.csv", sha256: "y"))
            }
            try store.read { reader in
                log.note("blob", try reader.blob(sha256: "s").map { Array($0) }, try reader.hasBlob(sha256: "s"))
                log.note("no blob", try reader.blob(sha256: "t") == nil, try reader.hasBlob(sha256: "t"))
                log.note("files", try reader.competitionFiles(competition: "c"))
                log.note("solution", try reader.solution(competition: "c", round: "r", task: "t")?.sha256)
            }
            return log
        }
        #expect(transcript.line("blob") == "blob: [0, 1, 255] | true", "the first bytes stay")
        #expect(transcript.line("no blob") == "no blob: true | false")
        #expect(transcript.line("files") == "files: [b.csv: 3]")
        #expect(transcript.line("solution") == "solution: y")
    }
}
