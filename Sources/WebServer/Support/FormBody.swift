import Foundation
import Hummingbird

/// `application/x-www-form-urlencoded` bodies of the pages' small forms.
enum FormBody {
    /// The fields (repeated names keep every value, in order).
    static func parse(_ request: Request, context: PodiumContext) async throws -> [String: [String]] {
        let buffer = try await request.body.collect(upTo: 64 * 1024)
        var fields: [String: [String]] = [:]
        for pair in String(buffer: buffer).split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1).map {
                String($0).replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? ""
            }
            fields[parts[0], default: []].append(parts.count > 1 ? parts[1] : "")
        }
        return fields
    }
}
