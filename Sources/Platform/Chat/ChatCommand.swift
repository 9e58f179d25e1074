import Foundation

/// What a chat message asks, in English or Russian: `/top 5`, `/топ 5`, `/status@PodiumBot 12` (Telegram names
/// the bot in groups), or a Slack slash command's text (`top 5`).
public enum ChatCommand: Sendable, Equatable {
    /// The public board's first `count` rows.
    case top(count: Int)
    /// The asker's team's row on the public board.
    case rank
    /// One of the asker's team's submissions.
    case status(submission: Int64)
    /// The asker's team's last submission.
    case last
    /// The asker's team's quota in the current round.
    case quota
    /// Every round, its window and the time left.
    case rounds
    /// What the bot answers.
    case help
    /// Links the chat user to a participant with a one-time code.
    case link(code: String)
    /// Removes the chat user's link.
    case unlink
    /// Chooses the personal alerts (`scored`, `failed`, `rounds`, `all`, `off`); none given: shows them.
    case alerts([String])
    /// Something else: the word, for the answer.
    case unknown(String)

    /// The commands by name, each in both languages; a Russian name asks for a Russian answer.
    static let names: [String: (make: @Sendable ([Substring]) -> ChatCommand?, russian: Bool)] = {
        var names: [String: (make: @Sendable ([Substring]) -> ChatCommand?, russian: Bool)] = [:]
        func add(_ english: String, _ russian: String, _ make: @escaping @Sendable ([Substring]) -> ChatCommand?) {
            names[english] = (make, false)
            names[russian] = (make, true)
        }
        add("top", "топ") { arguments in
            guard let first = arguments.first else { return .top(count: 10) }
            return Int(first).map { .top(count: min(max($0, 1), 25)) }
        }
        add("rank", "место") { _ in .rank }
        add("status", "статус") { arguments in
            arguments.first.flatMap { Int64($0.trimmingPrefix("#")) }.map { .status(submission: $0) }
        }
        add("last", "последняя") { _ in .last }
        add("quota", "квота") { _ in .quota }
        add("rounds", "раунды") { _ in .rounds }
        add("help", "помощь") { _ in .help }
        names["start"] = ({ _ in .help }, false)
        add("link", "привязать") { arguments in arguments.first.map { .link(code: String($0)) } }
        add("unlink", "отвязать") { _ in .unlink }
        add("alerts", "оповещения") { arguments in .alerts(arguments.map { $0.lowercased() }) }
        return names
    }()

    /// The command `text` holds and whether it was asked in Russian; nil when the text is no command (a chat
    /// message that does not begin with `/`, unless `slash` says the transport already stripped it).
    public static func parse(_ text: String, slash: Bool = false) -> (command: ChatCommand, russian: Bool)? {
        var words = text.split(whereSeparator: \.isWhitespace)
        guard var first = words.first else { return slash ? (.help, false) : nil }
        if !slash {
            guard first.hasPrefix("/") else { return nil }
            first = first.dropFirst()
        }
        words.removeFirst()
        let name = String(first.split(separator: "@", maxSplits: 1).first ?? first).lowercased()
        guard let entry = names[name] else {
            return (.unknown(name), name.unicodeScalars.contains { (0x0400...0x04FF).contains($0.value) })
        }
        guard let command = entry.make(words) else { return (.unknown(name), entry.russian) }
        return (command, entry.russian)
    }
}
