import TestSupport
import Testing

@testable import WebServer

/// The description renderer: headings one level below the page's title (and never past h6), lists,
/// code, inline markup, and nothing a README writes can become markup of its own.
@Suite(.ownThreads)
struct MarkdownTests {
    @Test func headingsStepDownOneLevelAndStopAtH6() {
        #expect(Markdown.html("# Title") == "<h2>Title</h2>")
        #expect(Markdown.html("##### Five") == "<h6>Five</h6>")
        #expect(Markdown.html("###### Six") == "<h6>Six</h6>")
        #expect(Markdown.html("####### Seven") == "<p>####### Seven</p>")
        #expect(Markdown.html("#NoSpace") == "<p>#NoSpace</p>")
    }

    @Test func listsCodeAndInlineMarkup() {
        #expect(
            Markdown.html("- one\n- **two**\n\nafter `x`")
                == "<ul>\n<li>one</li>\n<li><strong>two</strong></li>\n</ul>\n<p>after <code>x</code></p>")
        #expect(Markdown.html("```\n<b>\n```") == "<pre><code>\n&lt;b&gt;\n</code></pre>")
        #expect(
            Markdown.html("[site](https://example.org) *it*")
                == "<p><a href=\"https://example.org\" rel=\"nofollow\">site</a> <em>it</em></p>")
    }

    @Test func nothingInADescriptionBecomesMarkup() {
        #expect(Markdown.html("<script>alert(1)</script>") == "<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>")
        #expect(Markdown.html("[x](javascript:alert(1))") == "<p>[x](javascript:alert(1))</p>")
        #expect(Markdown.html("[x](https://a.org\" onmouseover=\"y)").contains("&quot;"))
        #expect(!Markdown.html("# <img src=x onerror=y>").contains("<img"))
    }

    @Test func aLeadingTitleIsDroppedOnce() {
        #expect(Markdown.droppingTitle("\n# Title\n\nText\n# Again") == "\n\nText\n# Again")
        #expect(Markdown.droppingTitle("Text\n# Later") == "Text\n# Later")
    }
}
