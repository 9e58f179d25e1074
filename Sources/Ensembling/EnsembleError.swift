import Tabular

/// A refusal of `ensemble`: one line naming the file, line and column where there is one.
public struct EnsembleError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The whole message.
    public let description: String

    /// A problem in a file, located like a CSV problem.
    public init(file: String, line: Int? = nil, column: String? = nil, _ message: String) {
        description = CSVError(file: file, line: line, column: column, message: message).description
    }

    /// A problem with the arguments rather than one file.
    public init(_ message: String) { description = message }

    /// A file that could not be read as CSV.
    public init(_ error: CSVError) { description = error.description }
}

extension EnsembleError {
    /// `body`'s result, its file error (a CSV or JSON Lines file that cannot be read or written) as an
    /// `EnsembleError`.
    static func wrapping<T>(_ body: () throws(CSVError) -> T) throws(EnsembleError) -> T {
        do {
            return try body()
        } catch {
            throw EnsembleError(error)
        }
    }
}
