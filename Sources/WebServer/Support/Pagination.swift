import Foundation
import Hummingbird

/// `?offset=&limit=` of a board: which rows a page or an API answer holds.
struct Pagination: Sendable, Hashable {
    /// Rows skipped from the top.
    let offset: Int
    /// Rows shown at most.
    let limit: Int

    /// The parameters of `request`, or 400 naming the one that is not a whole number in range.
    static func parse(_ request: Request, defaultLimit: Int, maxLimit: Int) throws -> Pagination {
        func number(_ name: String, default value: Int, range: ClosedRange<Int>) throws -> Int {
            guard let text = request.uri.queryParameters[Substring(name)] else { return value }
            guard let number = Int(text), range.contains(number) else {
                throw HTTPError(
                    .badRequest,
                    message:
                        "\(name) must be a whole number from \(range.lowerBound) to \(range.upperBound), not \"\(text)\""
                )
            }
            return number
        }
        return Pagination(
            offset: try number("offset", default: 0, range: 0...Int(Int32.max)),
            limit: try number("limit", default: defaultLimit, range: 1...maxLimit))
    }

    /// The page that holds row `index` (0-based), with this page's limit.
    func page(holding index: Int) -> Pagination { Pagination(offset: index / limit * limit, limit: limit) }
}
