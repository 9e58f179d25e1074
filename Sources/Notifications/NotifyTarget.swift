import Competitions
import Foundation
import Storage

/// A chat or webhook that hears about a competition. Secrets (bot tokens, webhook URLs that embed a
/// token, signing secrets) are read from environment variables when a message is sent, so they never
/// reach the repository, the database or the logs.
public struct NotifyTarget: Sendable, Equatable {
    /// The kinds of target.
    public enum Kind: String, Sendable, CaseIterable {
        /// Telegram Bot API sendMessage.
        case telegram
        /// Slack (and Mattermost) incoming webhook.
        case slack
        /// Discord webhook.
        case discord
        /// A generic JSON event, signed with HMAC-SHA256.
        case webhook
    }

    /// Unique name: `<competition or server>/<kind>#<n>`; deliveries are queued per name.
    public let name: String
    /// The kind.
    public let kind: Kind
    /// The competition it follows (nil: every competition).
    public let competition: String?
    /// A URL given in the clear (generic webhooks).
    public let url: String?
    /// An environment variable holding the URL (Slack and Discord URLs are secrets).
    public let urlEnv: String?
    /// Telegram chat id.
    public let chatID: String?
    /// Environment variable of the Telegram bot token.
    public let tokenEnv: String?
    /// Environment variable of the webhook signing secret.
    public let secretEnv: String?
    /// Opt-in: submission.scored / submission.failed (off for public chats: no team's scores go to others).
    public let submissions: Bool
    /// Organisers' channel: also worker and queue health.
    public let organisers: Bool
    /// Whether the chat's commands are answered (`/top`, `/rank`…), through the transport's verified route.
    public var commands = false
    /// Environment variable of Slack's signing secret (slash commands are checked with it).
    public var signingSecretEnv: String?
    /// Environment variable of a Slack app's bot token (answers to messages that mention the app).
    public var botTokenEnv: String?
    /// The hex Ed25519 public key of the Discord application (interactions are checked with it).
    public var publicKey: String?

    /// Creates a target.
    public init(
        name: String, kind: Kind, competition: String?, url: String? = nil, urlEnv: String? = nil,
        chatID: String? = nil,
        tokenEnv: String? = nil, secretEnv: String? = nil, submissions: Bool = false, organisers: Bool = false
    ) {
        self.name = name
        self.kind = kind
        self.competition = competition
        self.url = url
        self.urlEnv = urlEnv
        self.chatID = chatID
        self.tokenEnv = tokenEnv
        self.secretEnv = secretEnv
        self.submissions = submissions
        self.organisers = organisers
    }

    /// Event types every target hears.
    public static let publicEvents: Set<EventType> = [
        .roundOpened, .roundClosingSoon, .roundClosed, .leaderboardRevealed, .leaderboardFrozen, .leaderChanged,
        .teamAdvanced, .digest,
        .test,
    ]
    /// Opt-in per target.
    public static let submissionEvents: Set<EventType> = [.submissionScored, .submissionFailed]
    /// Organisers only: the queue's health and the audit log.
    public static let healthEvents: Set<EventType> = [.queueJobFailing, .queueStalled, .organiserAction]

    /// Whether this target hears `type` from `competition`.
    public func accepts(type: EventType, competition event: String) -> Bool {
        if let competition, competition != event { return false }
        return Self.publicEvents.contains(type) || (submissions && Self.submissionEvents.contains(type))
            || (organisers && (Self.healthEvents.contains(type) || Self.submissionEvents.contains(type)))
    }

    /// Targets from a competition's `notify:` list, e.g.
    /// `- telegram: { chat_id: "-100123", token_env: PODIUM_TELEGRAM_TOKEN }`, `- slack: { url_env: … }`,
    /// `- webhook: { url: https://…, secret_env: PODIUM_WEBHOOK_SECRET, submissions: "true" }`.
    public static func fromConfig(competition: String, _ entries: [[String: [String: String]]]) -> (
        targets: [NotifyTarget], problems: [String]
    ) {
        var targets: [NotifyTarget] = []
        var problems: [String] = []
        for (index, entry) in entries.enumerated() {
            guard entry.count == 1, let (key, options) = entry.first, let kind = Kind(rawValue: key) else {
                problems.append(
                    "notify[\(index)]: expected one of \(Kind.allCases.map(\.rawValue).joined(separator: ", "))")
                continue
            }
            let known = NotifyKeys.byKind[kind.rawValue] ?? []
            if let unknown = options.keys.sorted().first(where: { !known.contains($0) }) {
                problems.append(
                    "notify[\(index)] \(kind.rawValue): unknown key \(unknown); expected one of \(known.sorted().joined(separator: ", "))"
                )
                continue
            }
            var target = NotifyTarget(
                name: "\(competition)/\(kind.rawValue)#\(index)", kind: kind, competition: competition,
                url: options["url"],
                urlEnv: options["url_env"], chatID: options["chat_id"], tokenEnv: options["token_env"],
                secretEnv: options["secret_env"],
                submissions: options["submissions"] == "true", organisers: options["organisers"] == "true")
            target.commands = options["commands"] == "true"
            target.signingSecretEnv = options["signing_secret_env"]
            target.botTokenEnv = options["bot_token_env"]
            target.publicKey = options["public_key"]
            if let problem = NotifyKeys.problem(kind: kind.rawValue, options: options) {
                problems.append("notify[\(index)] \(kind.rawValue): \(problem)")
            } else {
                targets.append(target)
            }
        }
        return (targets, problems)
    }

    /// A server-wide target from `--notify KIND=VALUE` (the URL; for telegram the chat id, with the token
    /// in PODIUM_TELEGRAM_TOKEN). Generic webhooks are signed with PODIUM_WEBHOOK_SECRET when it is set.
    public static func fromFlag(_ flag: String, index: Int) -> NotifyTarget? {
        let parts = flag.split(separator: "=", maxSplits: 1).map(String.init)
        guard parts.count == 2, let kind = Kind(rawValue: parts[0]), !parts[1].isEmpty else { return nil }
        return NotifyTarget(
            name: "server/\(kind.rawValue)#\(index)", kind: kind, competition: nil,
            url: kind == .telegram ? nil : parts[1],
            chatID: kind == .telegram ? parts[1] : nil, tokenEnv: kind == .telegram ? "PODIUM_TELEGRAM_TOKEN" : nil,
            secretEnv: kind == .webhook ? "PODIUM_WEBHOOK_SECRET" : nil, organisers: true)
    }

    /// The URL to POST to, with secrets resolved from the environment now; nil with the reason when unset.
    func endpoint(_ environment: [String: String]) -> (String?, String?) {
        switch kind {
        case .telegram:
            guard let token = Secrets.value(tokenEnv, in: environment) else {
                return (nil, "the bot token variable \(tokenEnv ?? "?") is not set")
            }
            let api = environment["PODIUM_TELEGRAM_API"] ?? "https://api.telegram.org"
            return ("\(api)/bot\(token)/sendMessage", nil)
        default:
            if let url { return (url, nil) }
            guard let url = Secrets.value(urlEnv, in: environment) else {
                return (nil, "the URL variable \(urlEnv ?? "?") is not set")
            }
            return (url, nil)
        }
    }
}
