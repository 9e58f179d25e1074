import Foundation
import HTTPTypes
import Hummingbird

/// Remembers the language switch: a page asked for with `?lang=en` or `?lang=ru` answers with a cookie that keeps
/// the choice for a year, so every later page is in that language.
struct LanguageMiddleware: RouterMiddleware {
    typealias Context = PodiumContext

    let secure: Bool

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws
        -> Response
    {
        var response = try await next(request, context)
        if let asked = request.uri.queryParameters["lang"], let language = Language(rawValue: String(asked)) {
            let cookie =
                "\(PageRenderer.languageCookie)=\(language.rawValue); Path=/; Max-Age=31536000; SameSite=Lax"
                + (secure ? "; Secure" : "")
            response.headers.append(HTTPField(name: .setCookie, value: cookie))
        }
        return response
    }
}
