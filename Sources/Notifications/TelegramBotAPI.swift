import Foundation

/// The parts of a Telegram Bot API update the bot reads (https://core.telegram.org/bots/api#update): what a
/// webhook receives and what `getUpdates` lists.
public struct TelegramUpdate: Decodable, Sendable {
    /// A message in a chat.
    public struct Message: Decodable, Sendable {
        /// Who sent it.
        public struct User: Decodable, Sendable {
            /// Their id.
            public let id: Int64
            /// Their language as their Telegram app says (`ru`, `en`…).
            public let languageCode: String?
            enum CodingKeys: String, CodingKey {
                case id
                case languageCode = "language_code"
            }
        }
        /// Where it was sent.
        public struct Chat: Decodable, Sendable {
            /// The chat's id.
            public let id: Int64
        }
        /// Its id in the chat.
        public let messageId: Int64
        /// Its sender.
        public let from: User?
        /// Its chat.
        public let chat: Chat
        /// Its text.
        public let text: String?
        enum CodingKeys: String, CodingKey {
            case from, chat, text
            case messageId = "message_id"
        }
    }
    /// The update's id: increasing, and confirmed to `getUpdates` by asking from the next one.
    public let updateId: Int64
    /// The message, when the update is one.
    public let message: Message?
    enum CodingKeys: String, CodingKey {
        case message
        case updateId = "update_id"
    }
}

/// `getUpdates`'s answer.
public struct TelegramUpdates: Decodable, Sendable {
    /// Whether Telegram took the call.
    public let ok: Bool
    /// The updates, oldest first.
    public let result: [TelegramUpdate]?
}

/// A reply to a message: a `sendMessage` call, sent in a webhook's response or to the Bot API.
public struct TelegramReply: Encodable, Sendable {
    /// The method Telegram runs.
    public let method = "sendMessage"
    /// The chat.
    public let chatId: Int64
    /// The text.
    public let text: String
    /// The message it answers.
    public let replyToMessageId: Int64

    /// A reply of `text` to `message`.
    public init(to message: TelegramUpdate.Message, text: String) {
        chatId = message.chat.id
        self.text = text
        replyToMessageId = message.messageId
    }

    enum CodingKeys: String, CodingKey {
        case method, text
        case chatId = "chat_id"
        case replyToMessageId = "reply_to_message_id"
    }
}
