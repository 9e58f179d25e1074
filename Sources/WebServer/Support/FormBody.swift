import Foundation
import Hummingbird

/// The pages' small `application/x-www-form-urlencoded` forms, decoded by Hummingbird's `URLEncodedFormDecoder`
/// into one `Decodable` type per form (a list is sent as `name[]`, as the select form's checkboxes are).
enum FormBody {
    /// The form's fields as `T`; a body over 64 KB or one that does not decode is a 400.
    static func decode<T: Decodable>(_ type: T.Type, from request: Request) async throws -> T {
        let buffer = try await request.body.collect(upTo: 64 * 1024)
        do {
            return try URLEncodedFormDecoder().decode(T.self, from: String(buffer: buffer))
        } catch {
            throw HTTPError(.badRequest, message: "The form could not be read: \(error)")
        }
    }
}

extension FormBody {
    /// What a person typed, without the spaces around it that the API refuses ("" when the field is absent).
    static func typed(_ text: String?) -> String { (text ?? "").trimmingCharacters(in: .whitespacesAndNewlines) }

    /// A typed reason: nil when the field is absent or blank.
    static func reason(_ text: String?) -> String? {
        let reason = typed(text)
        return reason.isEmpty ? nil : reason
    }
}

/// A form that carries only its CSRF token (log out).
struct CSRFForm: Decodable {
    var csrf: String?
}

/// The team and organiser log-in forms.
struct LoginForm: Decodable {
    var csrf: String?
    /// The competition (team log-in only).
    var c: String?
    var token: String?
}

/// A team's final selection: the ids of the ticked submissions.
struct SelectForm: Decodable {
    var csrf: String?
    var select: [Int64]?
}

/// An organiser's action on a round or a submission.
/// The review's decision on a fair-play case.
struct IntegrityForm: Decodable {
    var csrf: String?
    var c: String?
    var round: String?
    var `case`: Int64?
    var state: String?
    var reason: String?
    var disqualify: String?
}

struct AdminActionForm: Decodable {
    var csrf: String?
    var action: String?
    var c: String?
    var round: String?
    /// The next round, for `advance`.
    var to: String?
    /// The submission, for `rescore` and `disqualify`.
    var id: Int64?
    /// Why (required to disqualify), for the audit log.
    var reason: String?
}

/// The sign-up form.
struct SignUpForm: Decodable {
    var csrf: String?
    var name: String?
    /// `true` when the rules' box is ticked.
    var acceptRules: String?

    enum CodingKeys: String, CodingKey {
        case csrf, name
        case acceptRules = "accept_rules"
    }
}

/// A team form: found a team (`name`), join one (`code`), remove a member (`member`), ask to merge (`into`),
/// answer a merge request (`id`, `answer`).
struct TeamForm: Decodable {
    var csrf: String?
    var name: String?
    var code: String?
    var member: String?
    var into: String?
    var id: Int64?
    var answer: String?
    /// The personal alerts chosen (`alerts[]`: scored, failed, rounds).
    var alerts: [String]?
}

/// An organiser's approval of a participant.
struct ApproveForm: Decodable {
    var csrf: String?
    /// The competition.
    var c: String?
    var name: String?
}
