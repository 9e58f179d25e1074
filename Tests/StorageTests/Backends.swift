import Foundation
import Storage
import TestSupport

/// The backends a contract test runs on, each fresh and empty: SQLite in a temp folder always, and PostgreSQL
/// when `make test-postgres` provides a server. A contract test runs the same operations on each and expects
/// the same results: a backend that drifts fails it.
final class Backends {
    private let folder = FileManager.default.temporaryDirectory.appendingPathComponent("podium-store-\(UUID())").path
    /// Each backend by name.
    let stores: [(name: String, store: any Store)]

    init() throws {
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        var stores: [(String, any Store)] = [("sqlite", try AppDatabase(path: "\(folder)/podium.sqlite"))]
        if let url = try TestDatabase.fresh() { stores.append(("postgres", try PostgresStore(url: url))) }
        self.stores = stores
    }

    deinit { try? FileManager.default.removeItem(atPath: folder) }

    /// `body`'s result on every backend, by backend name.
    func results<T>(_ body: (any Store) throws -> T) throws -> [(name: String, result: T)] {
        try stores.map { ($0.name, try body($0.store)) }
    }
}
