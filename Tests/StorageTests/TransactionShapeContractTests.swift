import Foundation
import Storage
import TestSupport
import Testing

/// The two shortened transactions: a read of one statement, and a write that ends with its first answer.
@Suite(.ownThreads)
struct TransactionShapeContractTests {
    @Test func aOneStatementReadSeesWhatAReadSeesAndRefusesASecondStatementOnPostgreSQL() throws {
        let backends = try Backends()
        for (name, store) in backends.stores {
            _ = try Fixtures.teams(["a", "b"], in: store)
            let viaRead = try store.read { try $0.team(competition: "c", tokenHash: "hash-c-b")?.name }
            let viaReadOne = try store.readOne { try $0.team(competition: "c", tokenHash: "hash-c-b")?.name }
            #expect(viaRead == "b", "\(name)")
            #expect(viaReadOne == viaRead, "\(name)")
            #expect(try store.readOne { try $0.team(competition: "c", tokenHash: "nobody") } == nil, "\(name)")
            guard name == "postgres" else { continue }
            #expect(throws: StoreError.self, "\(name)") {
                try store.readOne { reader in
                    _ = try reader.team(competition: "c", tokenHash: "hash-c-a")
                    return try reader.team(competition: "c", tokenHash: "hash-c-b")
                }
            }
            // The connection is whole afterwards.
            #expect(try store.readOne { try $0.teams(competition: "c").count } == 2, "\(name)")
        }
    }

    @Test func aWriteEndingInItsAnswerCommitsWithItOrNotAtAll() throws {
        let backends = try Backends()
        for (name, store) in backends.stores {
            let team = try Fixtures.teams(["a"], in: store)[0]
            let id = try store.writeEndingInAnswer { writer in
                try writer.saveBlob(sha256: "s1", bytes: Data("one".utf8))
                return try writer.insert(Fixtures.submission(team: team, at: 1)).id
            }
            let stored = try store.read { reader in
                (try reader.submission(id: id ?? -1)?.message, try reader.blob(sha256: "s1"))
            }
            #expect(stored.0 == "m1", "\(name)")
            #expect(stored.1 == Data("one".utf8), "\(name)")
            // A failing statement before the answer undoes the blob sent before it.
            #expect(throws: (any Error).self, "\(name)") {
                try store.writeEndingInAnswer { writer in
                    try writer.saveBlob(sha256: "s2", bytes: Data("two".utf8))
                    let file = SubmissionFileRecord(submissionId: id ?? -1, task: "t", sha256: "s2", name: "t", size: 3)
                    try writer.insert(file)
                    try writer.insert(file)
                    return try writer.insert(Fixtures.submission(team: team, at: 2)).id
                }
            }
            #expect(try store.read { try $0.blob(sha256: "s2") } == nil, "\(name)")
            #expect(try store.read { try $0.submissions(competition: "c", round: "r", teamId: team).count } == 1)
            guard name == "postgres" else { continue }
            // On PostgreSQL the answer ended the transaction: a statement after it is refused, not run outside it.
            #expect(throws: StoreError.self, "\(name)") {
                try store.writeEndingInAnswer { writer in
                    _ = try writer.insert(Fixtures.submission(team: team, at: 3))
                    try writer.saveBlob(sha256: "s3", bytes: Data("three".utf8))
                }
            }
            #expect(try store.read { try $0.blob(sha256: "s3") } == nil, "\(name)")
        }
    }
}
