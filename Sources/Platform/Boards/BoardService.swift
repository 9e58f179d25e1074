/// Boards: standings public and private, each in one read; freezes, cards, intervals, history.
public struct BoardService: PlatformService {
    /// The platform it is a part of.
    public let platform: Platform
}
