import Foundation

/// A small, safe markdown renderer for competition descriptions: headings, paragraphs, lists, code
/// blocks, inline code, bold, italic and links. Everything is HTML-escaped first, so a description
/// cannot inject markup. Kept rather than a full CommonMark library: what it needs to do is small and its
/// safety — escape first, then add a handful of tags, links to http(s) only — is easy to check (the tests).
enum Markdown {
    static func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
    }

    /// `markdown` without a first-level heading on its first non-blank line: the page already shows the
    /// competition's title as its heading, and a README usually starts with the same title.
    static func droppingTitle(_ markdown: String) -> String {
        var lines = markdown.split(separator: "\n", omittingEmptySubsequences: false)
        guard let first = lines.firstIndex(where: { !$0.allSatisfy(\.isWhitespace) }), lines[first].hasPrefix("# ")
        else { return markdown }
        lines.remove(at: first)
        return lines.joined(separator: "\n")
    }

    static func html(_ markdown: String) -> String {
        var out: [String] = []
        var paragraph: [String] = []
        var inList = false
        var inCode = false
        func flush() {
            if !paragraph.isEmpty { out.append("<p>\(inline(paragraph.joined(separator: " ")))</p>") }
            paragraph = []
            if inList {
                out.append("</ul>")
                inList = false
            }
        }
        for raw in markdown.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) {
            if raw.hasPrefix("```") {
                flush()
                out.append(inCode ? "</code></pre>" : "<pre><code>")
                inCode.toggle()
                continue
            }
            if inCode {
                out.append(escape(raw))
                continue
            }
            let line = raw.trimmingCharacters(in: .whitespaces)
            if inList, raw.hasPrefix(" "), !line.isEmpty, !line.hasPrefix("- "), !line.hasPrefix("* "),
                let last = out.last,
                last.hasSuffix("</li>")
            {
                out[out.count - 1] = String(last.dropLast(5)) + " " + inline(line) + "</li>"  // a wrapped list item
                continue
            }
            if line.isEmpty {
                flush()
            } else if let level = line.prefix(while: { $0 == "#" }).count as Int?, level > 0, level <= 6,
                line.dropFirst(level).hasPrefix(" ")
            {
                flush()
                // One level down (the page's own title is the h1), and HTML has no h7: ###### is an h6 too.
                let tag = "h\(min(level + 1, 6))"
                out.append("<\(tag)>\(inline(String(line.dropFirst(level + 1))))</\(tag)>")
            } else if line.hasPrefix("- ") || line.hasPrefix("* ") {
                if !paragraph.isEmpty { flush() }
                if !inList {
                    out.append("<ul>")
                    inList = true
                }
                out.append("<li>\(inline(String(line.dropFirst(2))))</li>")
            } else {
                paragraph.append(line)
            }
        }
        flush()
        if inCode { out.append("</code></pre>") }
        return out.joined(separator: "\n")
    }

    /// Inline markup on escaped text.
    static func inline(_ text: String) -> String {
        var result = escape(text)
        result = replace(result, #"`([^`]+)`"#, "<code>$1</code>")
        result = replace(result, #"\*\*([^*]+)\*\*"#, "<strong>$1</strong>")
        result = replace(result, #"(?<![\w*])\*([^*]+)\*(?![\w*])"#, "<em>$1</em>")
        result = replace(result, #"\[([^\]]+)\]\((https?://[^)\s]+)\)"#, "<a href=\"$2\" rel=\"nofollow\">$1</a>")
        return result
    }

    private static func replace(_ text: String, _ pattern: String, _ template: String) -> String {
        guard let regex = try? NSRegularExpression(pattern: pattern) else { return text }
        return regex.stringByReplacingMatches(
            in: text, range: NSRange(text.startIndex..., in: text), withTemplate: template)
    }
}
