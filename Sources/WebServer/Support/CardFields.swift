import Competitions
import Foundation
import Platform

/// A submission's model card as an upload carries it: one `model_card` field of JSON, or the card's fields one by
/// one (`model`, `url`, `paper`, `description`, `parameters`, `inference_speed`, `gpu_memory_gb`, `hardware`), as
/// the web form sends them. A card that cannot be read is a 422 that says why; nothing is charged.
enum CardFields {
    /// The card of `fields`, or nil when they carry none.
    static func card(_ fields: [String: String]) throws -> ModelCard? {
        func text(_ name: String) -> String? {
            let value = (fields[name] ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
            return value.isEmpty ? nil : value
        }
        if let json = text("model_card") {
            do {
                return try ModelCard.parse(json)
            } catch {
                throw PlatformError(.invalidInput, "the model card (model_card) cannot be read: \(error)")
            }
        }
        func number<T: LosslessStringConvertible>(_ name: String, _ type: T.Type) throws -> T? {
            guard let value = text(name) else { return nil }
            guard let parsed = T(value) else {
                throw PlatformError(.invalidInput, "the model card's \(name) is not a number: \"\(value.prefix(40))\"")
            }
            return parsed
        }
        let card = ModelCard(
            model: text("model"), url: text("url"), paper: text("paper"), description: text("description"),
            parameters: try number("parameters", Int64.self),
            inferenceSpeed: try number("inference_speed", Double.self),
            gpuMemoryGb: try number("gpu_memory_gb", Double.self), hardware: text("hardware"))
        return card.isEmpty ? nil : card
    }
}
