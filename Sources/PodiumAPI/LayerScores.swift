/// A probing submission's scores on one task, layer by layer (RuSentEval's tables): the task's score from each
/// layer's predictions on the Public and the Private part, and the layer the board takes, chosen on the Public part
/// (or fixed by the round) so that the choice never flatters what the reveal shows.
public struct LayerScores: Codable, Sendable, Equatable {
    /// The layer the board shows for this task (its scores are the task's scores).
    public var layer: Int
    /// The task's Public score from each layer (index = layer; null where a metric is undefined).
    public var `public`: [Double?]
    /// The task's Private score from each layer; absent where the private part is not shown.
    public var `private`: [Double?]?

    /// A task's layers.
    public init(layer: Int, public: [Double?], private: [Double?]?) {
        self.layer = layer
        self.public = `public`
        self.private = `private`
    }

    /// The same without the Private scores (for readers who may not see them yet).
    public var withoutPrivate: LayerScores { LayerScores(layer: layer, public: `public`, private: nil) }

    /// The layer with the highest of `scores` (the lowest such layer on a tie; nil when none is defined).
    public static func best(_ scores: [Double?]) -> Int? {
        var best: (layer: Int, score: Double)?
        for case (let layer, let score?) in scores.enumerated() where score > best?.score ?? -.infinity {
            best = (layer, score)
        }
        return best?.layer
    }
}
