/// The chat targets a competition's `notify:` list may name and the keys each takes: the one definition that
/// `podium check` (an unknown key is reported with its line) and the notifier (which builds the targets) both read.
public enum NotifyKeys {
    /// Keys every kind takes: opting in to submission events, the organisers' channel.
    static let shared: Set<String> = ["submissions", "organisers"]

    /// Each kind's keys.
    public static let byKind: [String: Set<String>] = [
        // A bot in a chat: its token from the environment; `commands` answers the chat's commands, through the
        // webhook checked with the secret in `secret_env`.
        "telegram": shared.union(["chat_id", "token_env", "commands", "secret_env"]),
        // An incoming webhook; `commands` answers slash commands checked with the app's signing secret, and with
        // the app's bot token (`bot_token_env`) messages that mention it (the Events API).
        "slack": shared.union(["url", "url_env", "commands", "signing_secret_env", "bot_token_env"]),
        // A channel webhook; `commands` answers interactions checked with the application's Ed25519 public key.
        "discord": shared.union(["url", "url_env", "commands", "public_key"]),
        // A signed JSON event.
        "webhook": shared.union(["url", "url_env", "secret_env"]),
    ]

    /// What is missing from a `notify:` entry of `kind` with `options`, if anything (an unknown key is the schema's
    /// to report, with its line).
    public static func problem(kind: String, options: [String: String]) -> String? {
        let commands = options["commands"] == "true"
        if kind == "telegram" {
            if options["chat_id"] == nil || options["token_env"] == nil {
                return "needs chat_id and token_env (the bot token only from the environment)"
            }
            if commands && options["secret_env"] == nil {
                return "commands: true needs secret_env (the webhook's secret token, checked on every update)"
            }
            return nil
        }
        if options["url"] == nil && options["url_env"] == nil { return "needs url or url_env" }
        if kind == "slack", commands, options["signing_secret_env"] == nil {
            return "commands: true needs signing_secret_env (Slack's signing secret, checked on every command)"
        }
        if kind == "discord", commands, options["public_key"] == nil {
            return "commands: true needs public_key (the application's Ed25519 key, checked on every interaction)"
        }
        return nil
    }

    /// The problems of a whole `notify:` list: an entry that is not one known kind, or one missing what it needs.
    public static func problems(_ entries: [[String: [String: String]]]) -> [String] {
        entries.enumerated().compactMap { index, entry in
            guard entry.count == 1, let (kind, options) = entry.first, byKind[kind] != nil else {
                return "notify[\(index)]: expected one of \(byKind.keys.sorted().joined(separator: ", "))"
            }
            return problem(kind: kind, options: options).map { "notify[\(index)] \(kind): \($0)" }
        }
    }
}
