import Competitions
import Foundation

/// What a transaction reads of competitions, their solutions and files, round actions and advancements.
public protocol CompetitionReader {
    /// The loaded competition `slug`.
    func competition(_ slug: String) throws -> CompetitionRecord?

    /// Every loaded competition, by slug.
    func competitions() throws -> [CompetitionRecord]

    /// The recorded hidden solution of a task in a round.
    func solution(competition: String, round: String, task: String) throws -> SolutionRecord?

    /// The organisers' latest `open` or `close` of a round.
    func lastOpenOrClose(competition: String, round: String) throws -> RoundActionRecord?

    /// The first `reveal` of a round's private board.
    func reveal(competition: String, round: String) throws -> RoundActionRecord?

    /// The ids of the teams advanced to a round.
    func advancedTeams(competition: String, round: String) throws -> Set<Int64>

    /// Whether the bytes of `sha256` are stored.
    func hasBlob(sha256: String) throws -> Bool

    /// The bytes stored under `sha256`.
    func blob(sha256: String) throws -> Data?

    /// The files `podium competition load` recorded for a competition: relative path → SHA-256.
    func competitionFiles(competition: String) throws -> [String: String]
}

/// What a write transaction changes of competitions, their solutions and files, round actions and advancements.
public protocol CompetitionWriter: CompetitionReader {
    /// Inserts or replaces a loaded competition.
    func save(_ competition: CompetitionRecord) throws

    /// Inserts or replaces the record of a task's hidden solution.
    func save(_ solution: SolutionRecord) throws

    /// Stores bytes under their SHA-256 (nothing happens when they are there already).
    func saveBlob(sha256: String, bytes: Data) throws

    /// Makes `files` (relative path → SHA-256) the recorded files of a competition.
    func replaceCompetitionFiles(competition: String, files: [String: String]) throws

    /// Records a round action (open, close, reveal, advance).
    func insert(_ action: RoundActionRecord) throws

    /// Records (idempotently) that a team advanced to a round.
    func save(_ advancement: AdvancementRecord) throws
}
