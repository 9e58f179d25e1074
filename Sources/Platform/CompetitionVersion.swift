import Competitions
import Foundation
import Storage

/// Everything a page or board of a competition depends on, as one value: the versions its store keeps (moved by
/// the writes readers see; see `StoredVersions`) and how far its schedule has come (a round opening by date
/// writes nothing). A value built at one version is right for as long as the version stays.
public struct CompetitionVersion: Hashable, Sendable, CustomStringConvertible {
    /// The store's board version (`StoredVersions.boards`).
    public let boards: Int64
    /// The store's activity (`StoredVersions.activity`).
    public let activity: Int64
    /// How many of the schedule's dates have passed (`CompetitionConfig.schedulePosition`).
    public let schedule: Int

    /// A version of these parts.
    public init(boards: Int64, activity: Int64, schedule: Int) {
        self.boards = boards
        self.activity = activity
        self.schedule = schedule
    }

    /// The part of the version boards depend on: a queued or running submission shows on none.
    public var ofBoards: CompetitionVersion { CompetitionVersion(boards: boards, activity: 0, schedule: schedule) }

    /// `boards.activity.schedule`.
    public var description: String { "\(boards).\(activity).\(schedule)" }
}

extension Platform {
    /// The version of `slug` now, and its config (one read of the store).
    public func competitionVersion(_ slug: String) throws -> (version: CompetitionVersion, config: CompetitionConfig) {
        let (stored, record) = try store.read { (try $0.versions(competition: slug), try $0.competition(slug)) }
        let config = try loaded(record, slug: slug).config
        let version = CompetitionVersion(
            boards: stored.boards, activity: stored.activity, schedule: config.schedulePosition(at: now))
        return (version, config)
    }
}
