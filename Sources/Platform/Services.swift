import Foundation
import Storage

/// One part of the application over the store every part shares. `Platform` opens the store, the files and the
/// caches once; each service is a view of it that holds one area's rules, so a reader holds one area in mind at a
/// time: `platform.submissions.accept(…)`, `platform.boards.standings(…)`.
public protocol PlatformService: Sendable {
    /// The platform whose store, files, clock, caches and competitions every service shares.
    var platform: Platform { get }
}

extension PlatformService {
    /// The store.
    var store: any Store { platform.store }
    /// Stored submission files.
    var files: FileStore { platform.files }
    /// Settings.
    var options: Platform.Options { platform.options }
    /// The current time.
    var now: Date { platform.now }
}

extension Platform {
    /// Submissions: accept, practice runs, selection, quota.
    public var submissions: SubmissionService { SubmissionService(platform: self) }
    /// Scoring: workers, jobs, rescoring.
    public var scoring: ScoringService { ScoringService(platform: self) }
    /// Boards: standings, freezes, cards.
    public var boards: BoardService { BoardService(platform: self) }
    /// Participation: sign-up, teams, merges.
    public var participation: ParticipationService { ParticipationService(platform: self) }
    /// Organisers: rounds, advancement, approval, the schedule, the audit log.
    public var organisers: OrganiserService { OrganiserService(platform: self) }
    /// The chat bot: commands answered, chat accounts linked to participants, their alerts.
    public var chat: ChatService { ChatService(platform: self) }
}
