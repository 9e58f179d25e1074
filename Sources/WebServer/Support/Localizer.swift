import Foundation
import Mustache

/// A language the pages are written in.
enum Language: String, CaseIterable, Sendable {
    case en, ru

    /// The language a visitor asked for in `Accept-Language` (the supported one with the highest weight), or nil.
    static func accepted(_ header: String?) -> Language? {
        guard let header else { return nil }
        var best: (Language, Double)?
        for item in header.split(separator: ",") {
            let parts = item.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }
            guard let tag = parts.first?.lowercased(),
                let language = Language(rawValue: String(tag.prefix { $0 != "-" && $0 != "_" }))
            else { continue }
            let weight = parts.dropFirst().first { $0.hasPrefix("q=") }.flatMap { Double($0.dropFirst(2)) } ?? 1
            if weight > 0, weight > best?.1 ?? 0 { best = (language, weight) }
        }
        return best?.0
    }
}

/// The pages' words in every `Language`, from `web/templates/i18n/<language>.json`: each key a whole sentence
/// or phrase with `{name}` placeholders (never a fragment to be glued to another), plural phrases as
/// CLDR categories (`one`, `few`, `many`, `other`). Both catalogs must have the same keys: loading says which
/// are missing, so a page never shows a key instead of words.
struct Localizer: Sendable {
    /// One entry of a catalog: a text, or plural forms by CLDR category (which must include `other`).
    enum Entry: Sendable, Decodable {
        case text(String)
        case plural([String: String])

        init(from decoder: any Decoder) throws {
            let container = try decoder.singleValueContainer()
            if let text = try? container.decode(String.self) {
                self = .text(text)
                return
            }
            guard let forms = try? container.decode([String: String].self), forms["other"] != nil else {
                throw DecodingError.dataCorruptedError(
                    in: container, debugDescription: "neither a text nor plural forms with \"other\"")
            }
            self = .plural(forms)
        }
    }

    private let catalogs: [Language: [String: Entry]]
    /// Every plain text of each language, for templates (`{{t.key}}`).
    private let texts: [Language: TemplateTexts]

    /// The catalogs in `directory`.
    init(directory: String) throws {
        var catalogs: [Language: [String: Entry]] = [:]
        for language in Language.allCases {
            let path = "\(directory)/\(language.rawValue).json"
            guard let data = FileManager.default.contents(atPath: path) else {
                throw LocalizerError("\(path): cannot read the file")
            }
            do {
                catalogs[language] = try JSONDecoder().decode([String: Entry].self, from: data)
            } catch {
                throw LocalizerError("\(path): not a JSON object of texts and plural forms: \(error)")
            }
        }
        let keys = Set(catalogs[.en]!.keys)
        for language in Language.allCases where Set(catalogs[language]!.keys) != keys {
            let missing = keys.symmetricDifference(catalogs[language]!.keys).sorted()
            throw LocalizerError("the catalogs differ in: \(missing.joined(separator: ", ")) (\(language.rawValue))")
        }
        self.catalogs = catalogs
        texts = catalogs.mapValues { entries in
            TemplateTexts(
                values: entries.compactMapValues { entry -> String? in
                    if case .text(let text) = entry { return text }
                    return nil
                })
        }
    }

    /// The text of `key` in `language` with its placeholders filled from `arguments`.
    func text(_ key: String, _ language: Language, _ arguments: [String: String] = [:]) -> String {
        switch catalogs[language]?[key] {
        case .text(let text)?: return Self.fill(text, arguments)
        case .plural(let forms)?: return Self.fill(forms["other"]!, arguments)
        case nil: return key
        }
    }

    /// The plural phrase `key` for `count` in `language` (`{n}` is the count), its other placeholders filled.
    func plural(_ key: String, count: Int, _ language: Language, _ arguments: [String: String] = [:]) -> String {
        guard case .plural(let forms)? = catalogs[language]?[key] else { return text(key, language, arguments) }
        let form = forms[Self.category(count, language)] ?? forms["other"]!
        return Self.fill(form, arguments.merging(["n": String(count)]) { $1 })
    }

    /// Every plain text of `language`, for a template's `t`.
    func texts(_ language: Language) -> TemplateTexts { texts[language] ?? TemplateTexts(values: [:]) }

    /// The CLDR plural category of a whole number: Russian has one (1, 21, 101…), few (2–4, 22–24…) and many
    /// (0, 5–20, 25…); English one (1) and other.
    static func category(_ count: Int, _ language: Language) -> String {
        let n = abs(count)
        switch language {
        case .en: return n == 1 ? "one" : "other"
        case .ru:
            if n % 10 == 1 && n % 100 != 11 { return "one" }
            if (2...4).contains(n % 10) && !(12...14).contains(n % 100) { return "few" }
            return "many"
        }
    }

    /// `text` with each `{name}` replaced by its argument, in one pass (a value that holds braces stays as it is).
    private static func fill(_ text: String, _ arguments: [String: String]) -> String {
        var result = ""
        var rest = text[...]
        while let open = rest.firstIndex(of: "{"), let close = rest[open...].firstIndex(of: "}") {
            result += rest[..<open]
            let name = String(rest[rest.index(after: open)..<close])
            result += arguments[name] ?? String(rest[open...close])
            rest = rest[rest.index(after: close)...]
        }
        return result + rest
    }
}

/// A catalog that cannot be used.
struct LocalizerError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

/// A catalog's plain texts as a template reads them (`{{t.key}}`): looked up by name as Mustache asks, with no
/// bridging of the catalog to a dictionary of `Any` on each lookup.
struct TemplateTexts: MustacheParent, Sendable {
    let values: [String: String]

    func child(named name: String) -> Any? { values[name] }
}

/// A page's `t`: the texts of its language.
struct LanguageTexts: MustacheParent {
    let texts: TemplateTexts

    func child(named name: String) -> Any? { name == "t" ? texts : nil }
}
