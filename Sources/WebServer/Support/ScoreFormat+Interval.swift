import Competitions
import PodiumAPI

extension ScoreFormat {
    /// An interval as pages show it: "low – high".
    func interval(_ low: Double, _ high: Double) -> String { "\(string(low)) – \(string(high))" }

    /// A slice's interval as pages show it, or "" when the round has none.
    func interval(_ slice: SliceResult) -> String {
        slice.low.map { interval($0, slice.high ?? $0) } ?? ""
    }
}
