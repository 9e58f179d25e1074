import Foundation

/// What happened, with what the chat and the organisers' page need to tell it: one payload type per kind of
/// event, stored as JSON (keys sorted) and read back into the same value.
public enum Event: Sendable, Equatable {
    /// A round opened, by hand or by its schedule (`actor` "schedule").
    case roundOpened(RoundChange)
    /// A round closed, by hand or by its schedule.
    case roundClosed(RoundChange)
    /// A round's private board was revealed.
    case leaderboardRevealed(RoundChange)
    /// A round closes within the notice the organisers chose.
    case roundClosingSoon(ClosingSoon)
    /// A round's public board froze before its close.
    case leaderboardFrozen(Frozen)
    /// The day's top of a round's public board.
    case digest(Digest)
    /// A team advanced from one round to the next.
    case teamAdvanced(Advancement)
    /// A submission was scored (its public score hidden while the board is frozen).
    case submissionScored(Scored)
    /// The public board has a new leader.
    case leaderChanged(LeaderChange)
    /// A submission could not be scored and was refunded.
    case submissionFailed(SubmissionRef)
    /// An organiser disqualified a submission.
    case submissionDisqualified(Disqualified)
    /// A job keeps failing (organisers).
    case queueJobFailing(JobFailing)
    /// The queue has not moved for a while (organisers).
    case queueStalled(Stalled)
    /// `podium notify test`: a message to check a chat target.
    case test
    /// An organiser acted (the audit log's entry): for the organisers' chat only.
    case organiserAction(OrganiserAction)
    /// A team changed its final selection.
    case selectionChanged(SelectionChange)
    /// A team passed others on the public board.
    case teamsOvertaken(Overtaking)

    /// Its kind, as stored and as the notifier's filters name it.
    public var type: EventType {
        switch self {
        case .roundOpened: .roundOpened
        case .roundClosed: .roundClosed
        case .leaderboardRevealed: .leaderboardRevealed
        case .roundClosingSoon: .roundClosingSoon
        case .leaderboardFrozen: .leaderboardFrozen
        case .digest: .digest
        case .teamAdvanced: .teamAdvanced
        case .submissionScored: .submissionScored
        case .leaderChanged: .leaderChanged
        case .submissionFailed: .submissionFailed
        case .submissionDisqualified: .submissionDisqualified
        case .queueJobFailing: .queueJobFailing
        case .queueStalled: .queueStalled
        case .test: .test
        case .organiserAction: .organiserAction
        case .selectionChanged: .selectionChanged
        case .teamsOvertaken: .teamsOvertaken
        }
    }

    /// The event's payload as stored and sent: JSON with its keys sorted.
    public func json() throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return String(decoding: try encoder.encode(Payload(self)), as: UTF8.self)
    }

    /// The event of kind `type` stored as `payload`.
    public init(type: EventType, payload: String) throws {
        let data = Data(payload.utf8)
        func decode<T: Decodable>(_: T.Type) throws -> T { try JSONDecoder().decode(T.self, from: data) }
        switch type {
        case .roundOpened: self = .roundOpened(try decode(RoundChange.self))
        case .roundClosed: self = .roundClosed(try decode(RoundChange.self))
        case .leaderboardRevealed: self = .leaderboardRevealed(try decode(RoundChange.self))
        case .roundClosingSoon: self = .roundClosingSoon(try decode(ClosingSoon.self))
        case .leaderboardFrozen: self = .leaderboardFrozen(try decode(Frozen.self))
        case .digest: self = .digest(try decode(Digest.self))
        case .teamAdvanced: self = .teamAdvanced(try decode(Advancement.self))
        case .submissionScored: self = .submissionScored(try decode(Scored.self))
        case .leaderChanged: self = .leaderChanged(try decode(LeaderChange.self))
        case .submissionFailed: self = .submissionFailed(try decode(SubmissionRef.self))
        case .submissionDisqualified: self = .submissionDisqualified(try decode(Disqualified.self))
        case .queueJobFailing: self = .queueJobFailing(try decode(JobFailing.self))
        case .queueStalled: self = .queueStalled(try decode(Stalled.self))
        case .test: self = .test
        case .organiserAction: self = .organiserAction(try decode(OrganiserAction.self))
        case .selectionChanged: self = .selectionChanged(try decode(SelectionChange.self))
        case .teamsOvertaken: self = .teamsOvertaken(try decode(Overtaking.self))
        }
    }

    /// The payload of any event, for encoding (`{}` for a test).
    public struct Payload: Encodable, Sendable {
        let event: Event

        /// `event`'s payload.
        public init(_ event: Event) { self.event = event }

        /// Encodes the payload's fields (not the event's type).
        public func encode(to encoder: any Encoder) throws {
            switch event {
            case .roundOpened(let payload), .roundClosed(let payload), .leaderboardRevealed(let payload):
                try payload.encode(to: encoder)
            case .roundClosingSoon(let payload): try payload.encode(to: encoder)
            case .leaderboardFrozen(let payload): try payload.encode(to: encoder)
            case .digest(let payload): try payload.encode(to: encoder)
            case .teamAdvanced(let payload): try payload.encode(to: encoder)
            case .submissionScored(let payload): try payload.encode(to: encoder)
            case .leaderChanged(let payload): try payload.encode(to: encoder)
            case .submissionFailed(let payload): try payload.encode(to: encoder)
            case .submissionDisqualified(let payload): try payload.encode(to: encoder)
            case .queueJobFailing(let payload): try payload.encode(to: encoder)
            case .queueStalled(let payload): try payload.encode(to: encoder)
            case .test: _ = encoder.container(keyedBy: NoKeys.self)
            case .organiserAction(let payload): try payload.encode(to: encoder)
            case .selectionChanged(let payload): try payload.encode(to: encoder)
            case .teamsOvertaken(let payload): try payload.encode(to: encoder)
            }
        }

        private enum NoKeys: CodingKey {}
    }
}

extension EventRecord {
    /// The typed event this record holds (nil when its payload is not of its type's shape).
    public var event: Event? { try? Event(type: type, payload: payload) }
}
