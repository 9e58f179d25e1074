import Foundation

/// A secret a chat target names by its environment variable (`token_env: PODIUM_TELEGRAM_TOKEN`): the variable's
/// value, or — the variable unset — the contents of the file `<NAME>_FILE` names (Docker's and systemd's secrets),
/// without its final newline. Read when needed, never stored, never logged.
public enum Secrets {
    /// The secret named `name` in `environment`, or nil.
    public static func value(_ name: String?, in environment: [String: String]) -> String? {
        guard let name else { return nil }
        if let value = environment[name], !value.isEmpty { return value }
        guard let path = environment["\(name)_FILE"], let text = try? String(contentsOfFile: path, encoding: .utf8)
        else { return nil }
        let value = text.hasSuffix("\n") ? String(text.dropLast()) : text
        return value.isEmpty ? nil : value
    }
}
