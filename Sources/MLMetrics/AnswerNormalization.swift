/// How answers are normalised before exact match and token F1.
public enum AnswerNormalization: String, Sendable, CaseIterable {
    /// The SQuAD v1.1 / ReCoRD script's `normalize_answer`: lower-case, strip ASCII punctuation
    /// (Python's `string.punctuation`), replace the English articles a/an/the (as `\b(a|an|the)\b`)
    /// with a space, split on whitespace.
    case squad
    /// `squad`, and also strip every Unicode punctuation character (general category P*, such as
    /// « » — …) and fold ё to е, for Russian text (opt-in).
    case unicode

    /// The normalised tokens of `text`.
    public func tokens(_ text: String) -> [Substring] {
        normalized(text).split(separator: " ")
    }

    /// The normalised text: tokens joined by single spaces.
    public func normalized(_ text: String) -> String {
        var kept = String.UnicodeScalarView()
        for scalar in text.lowercased().unicodeScalars {
            if scalar.isASCII && Self.asciiPunctuation.contains(UInt8(scalar.value)) { continue }
            if self == .unicode {
                if Self.isPunctuation(scalar) { continue }
                if scalar == "ё" {
                    kept.append("е")
                    continue
                }
            }
            kept.append(scalar)
        }
        return Self.removeArticles(kept).split(whereSeparator: Self.isSpace).joined(separator: " ")
    }

    /// Python's `string.punctuation`.
    private static let asciiPunctuation = Set(Array("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~".utf8))

    private static func isPunctuation(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.properties.generalCategory {
        case .connectorPunctuation, .dashPunctuation, .openPunctuation, .closePunctuation,
            .initialPunctuation, .finalPunctuation, .otherPunctuation:
            return true
        default: return false
        }
    }

    /// Python's `\w` for str patterns: letters, numbers and underscore.
    private static func isWordCharacter(_ scalar: Unicode.Scalar) -> Bool {
        if scalar == "_" { return true }
        switch scalar.properties.generalCategory {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter,
            .decimalNumber, .letterNumber, .otherNumber:
            return true
        default: return false
        }
    }

    /// Python's `str.split()` separators.
    private static func isSpace(_ character: Character) -> Bool {
        character.unicodeScalars.allSatisfy { $0.properties.isWhitespace || (0x1C...0x1F).contains($0.value) }
    }

    /// `re.sub(r"\b(a|an|the)\b", " ", text)`: a whole run of word characters equal to an article.
    private static func removeArticles(_ scalars: String.UnicodeScalarView) -> String {
        var result = String.UnicodeScalarView()
        var word = String.UnicodeScalarView()
        func flush() {
            let text = String(word)
            if text == "a" || text == "an" || text == "the" {
                result.append(" ")
            } else {
                result.append(contentsOf: word)
            }
            word.removeAll()
        }
        for scalar in scalars {
            if isWordCharacter(scalar) {
                word.append(scalar)
            } else {
                flush()
                result.append(scalar)
            }
        }
        flush()
        return String(result)
    }
}
