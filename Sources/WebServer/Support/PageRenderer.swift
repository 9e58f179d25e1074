import Competitions
import Foundation
import HTTPTypes
import Hummingbird
import Mustache
import NIOCore
import Platform

/// One page request as the pages see it: the visitor's session (and whether its cookie is new), the language to
/// write in, and the address for the language switch.
struct Visit: Sendable {
    let session: Sessions.Session
    let isNew: Bool
    let language: Language
    /// This page's address in the other language.
    let switchLink: String
}

/// What every page shares: sessions and their CSRF check, the visitor's language, the words of the catalogs,
/// Mustache rendering, redirects and problem pages.
struct PageRenderer: Sendable {
    let sessions: Sessions
    let configuration: ServerConfiguration
    let library: MustacheLibrary
    let localizer: Localizer
    /// Fragments rendered per visitor and kept: Mustache renders a header in tens of microseconds, more than
    /// serving the cached board it surrounds.
    let fragments = BoundedCache<Fragment, String>(capacity: 20_000)

    /// The cookie that remembers a visitor's choice of language.
    static let languageCookie = "podium_lang"

    /// The request's visit. `anonymous: false` makes a session (and its cookie) for a visitor without one, for
    /// pages with a form; pages without one make none. `competition` is the language a competition is written in.
    func visit(_ request: Request, anonymous: Bool = true, competition: String? = nil) -> Visit {
        visit(request, session: session(request, anonymous: anonymous), competition: competition)
    }

    /// The request's session (see `visit`), for a page that needs it before it knows its competition's language.
    func session(_ request: Request, anonymous: Bool = true) -> (Sessions.Session, isNew: Bool) {
        // Seen again: a re-signed cookie keeps an active visitor's session from idling out.
        let resumed = sessions.resume(request.cookie(Sessions.cookieName))
        return resumed ?? (anonymous ? (Sessions.visitor, false) : (sessions.create(.anonymous), true))
    }

    /// The visit of a request whose session is already read.
    func visit(_ request: Request, session: (Sessions.Session, isNew: Bool), competition: String?) -> Visit {
        let (session, isNew) = session
        let language = self.language(request, competition: competition)
        var query = (request.uri.query ?? "").split(separator: "&").filter { !$0.hasPrefix("lang=") }.map(String.init)
        query.append("lang=\(language == .en ? "ru" : "en")")
        return Visit(
            session: session, isNew: isNew, language: language,
            switchLink: request.uri.path + "?" + query.joined(separator: "&"))
    }

    /// The visitor's language: the switch (`?lang=`, remembered in a cookie), else `Accept-Language`, else the
    /// competition's language, else English.
    func language(_ request: Request, competition: String? = nil) -> Language {
        if let asked = request.uri.queryParameters["lang"], let language = Language(rawValue: String(asked)) {
            return language
        }
        if let kept = request.cookie(Self.languageCookie), let language = Language(rawValue: kept) {
            return language
        }
        if let accepted = Language.accepted(request.headers[.acceptLanguage]) { return accepted }
        return competition.flatMap(Language.init(rawValue:)) ?? .en
    }

    /// The session of a POST whose form echoes its CSRF token; 403 otherwise.
    func checkedSession(_ request: Request, csrf: String?) throws -> Sessions.Session {
        guard let session = sessions.find(request.cookie(Sessions.cookieName)), let csrf,
            Auth.constantTimeEqual(csrf, session.csrf)
        else {
            throw HTTPError(
                .forbidden, message: "the form's CSRF token is missing or wrong; reload the page and try again")
        }
        return session
    }

    /// The page header or footer `template` for `visit` with `view`, rendered once per session, language,
    /// page link and `distinct` (what else of `view` varies: a title, a competition).
    func frame(_ template: String, _ visit: Visit, distinct: String, view: () -> some Encodable) -> String {
        let key = Fragment(
            template: template, language: visit.language, session: visit.session.value, switchLink: visit.switchLink,
            distinct: distinct)
        return fragments.value(key) { html(template, view(), visit) }
    }

    /// A rendered header, footer or notice: everything it depends on.
    struct Fragment: Hashable, Sendable {
        let template: String
        let language: Language
        let session: String
        let switchLink: String
        let distinct: String
    }

    /// Renders `template` with `view` and what every page's header and footer show for `visit` (`session`: a new
    /// one, after a log-in). Missing templates say so on the page.
    func html(_ template: String, _ view: some Encodable, _ visit: Visit, session: Sessions.Session? = nil) -> String {
        let frame = SessionFrame(visit, session: session ?? visit.session)
        let context = LayeredContext(
            layers: [ViewValues.of(view), ViewValues.of(frame), LanguageTexts(texts: localizer.texts(visit.language))])
        return library.render(context, withTemplate: template) ?? "template \(template) is missing"
    }

    /// The page `template` with `view` for `visit` (`session`: a new one, after a log-in).
    func render(
        _ template: String, _ view: some Encodable, _ visit: Visit, session: Sessions.Session? = nil,
        status: HTTPResponse.Status = .ok
    ) -> Response {
        page(ByteBuffer(string: html(template, view, visit, session: session)), visit, session: session, status: status)
    }

    /// An HTML page of `body` (with the session's cookie when it is new or re-signed).
    func page(
        _ body: ByteBuffer, _ visit: Visit, session: Sessions.Session? = nil, status: HTTPResponse.Status = .ok
    ) -> Response {
        var response = Response(
            status: status, headers: [.contentType: "text/html; charset=utf-8"], body: ResponseBody(byteBuffer: body))
        if let session {
            response.headers[.setCookie] = sessions.cookie(session, secure: configuration.secureCookies)
        } else if visit.isNew {
            response.headers[.setCookie] = sessions.cookie(visit.session, secure: configuration.secureCookies)
        }
        response.headers[HTTPField.Name("X-Frame-Options")!] = "DENY"
        return response
    }

    /// A page that says what went wrong and links back.
    func problem(
        _ heading: String, _ message: String, back: String?, _ visit: Visit, status: HTTPResponse.Status
    ) -> Response {
        render(
            "problem", ProblemView(title: heading, heading: heading, message: message, back: back), visit,
            status: status)
    }

    func redirect(_ location: String, session: Sessions.Session? = nil) -> Response {
        var response = Response(status: .seeOther, headers: [.location: location])
        if let session { response.headers[.setCookie] = sessions.cookie(session, secure: configuration.secureCookies) }
        return response
    }

    /// A refusal as a page shows it: a sentence in the visitor's language for its code, and the platform's own
    /// precise message beside it.
    func refusal(_ error: PlatformError, _ language: Language) -> Refusal {
        let key = "error_\(error.code.rawValue)"
        let sentence =
            error.code == .invalidSubmission
            ? localizer.plural(key, count: max(1, error.details.count), language) : localizer.text(key, language)
        return Refusal(problem: sentence, problemDetail: error.message, details: error.details.map(\.description))
    }

    /// What a page says about signing up for `config`: nil when registration is closed.
    func registration(_ config: CompetitionConfig, _ language: Language) -> RegistrationText? {
        guard config.registrationMode != .closed else { return nil }
        return RegistrationText(
            registration: localizer.text(
                config.registrationMode == .open ? "registration_open" : "registration_approval", language),
            teamSize: localizer.plural("team_size", count: config.teamSizeLimit, language),
            rules: config.rules.map { URL(fileURLWithPath: $0).lastPathComponent })
    }

    /// A date on a page with its distance from now: `28 Nov 2026, 21:00 UTC (in 3 h)`, as HTML.
    static func when(_ date: Date, now: Date = Date(), _ language: Language) -> String {
        "\(TimeText.html(date, now: now, language)) (\(TimeText.relative(date, now: now, language)))"
    }

    static func percent(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? ""
    }

    /// `text` safe inside HTML.
    static func escape(_ text: String) -> String { Markdown.escape(text) }
}

/// What every page's header and footer show of the visit: the CSRF token, the language and its switch, who is
/// logged in. A page's own value of the same name (the submit page's team) wins.
struct SessionFrame: Encodable {
    let csrf: String
    let lang: String
    let otherLang: String
    let languageSwitch: String
    var team: String? = nil
    var teamSlug: String? = nil
    var memberSlug: String? = nil
    var organiser: Bool? = nil

    init(_ visit: Visit, session: Sessions.Session) {
        csrf = session.csrf
        lang = visit.language.rawValue
        otherLang = visit.language == .en ? "ru" : "en"
        languageSwitch = visit.switchLink
        switch session.owner {
        case .team(let competition, _, let name):
            team = name
            teamSlug = competition
        case .participant(let competition, _, let name):
            team = name
            teamSlug = competition
            memberSlug = competition
        case .organiser: organiser = true
        case .anonymous: break
        }
    }
}
