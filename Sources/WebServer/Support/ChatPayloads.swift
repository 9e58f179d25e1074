import Foundation

/// A slash command's answer, seen only by whoever asked (`ephemeral`).
struct SlackReply: Encodable {
    let responseType = "ephemeral"
    let text: String
    enum CodingKeys: String, CodingKey {
        case text
        case responseType = "response_type"
    }
}

/// The parts of a Discord interaction the bot reads (https://discord.com/developers/docs/interactions).
struct DiscordInteraction: Decodable {
    struct User: Decodable { let id: String }
    struct Member: Decodable { let user: User? }
    struct Option: Decodable {
        let name: String
        let value: DiscordValue?
    }
    struct Command: Decodable {
        let name: String
        let options: [Option]?
    }
    /// 1: PING, 2: an application command.
    let type: Int
    let id: String
    let data: Command?
    let member: Member?
    let user: User?
    let locale: String?
}

/// An option's value: Discord sends strings, integers and numbers.
enum DiscordValue: Decodable, CustomStringConvertible {
    case text(String)
    case number(Double)

    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let text = try? container.decode(String.self) {
            self = .text(text)
        } else {
            self = .number(try container.decode(Double.self))
        }
    }

    var description: String {
        switch self {
        case .text(let text): text
        case .number(let number): number.rounded() == number ? String(Int64(number)) : String(number)
        }
    }
}

/// An interaction's answer: PONG (1), or a message (4) only its asker sees (flag 64).
struct DiscordReply: Encodable {
    struct Message: Encodable {
        let content: String
        let flags = 64
    }
    let type: Int
    let data: Message?

    static let pong = DiscordReply(type: 1, data: nil)
    static func message(_ text: String) -> DiscordReply { DiscordReply(type: 4, data: Message(content: text)) }
}
