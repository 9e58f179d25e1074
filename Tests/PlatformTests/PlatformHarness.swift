import Foundation
import Platform
import Storage
import TestSupport

/// A platform on a fresh data folder in a temp dir with the demo competitions loaded, a settable clock,
/// and helpers to run the real `podium` binary against the same data folder.
///
/// Without `now` the clock starts at the wall clock's time and NTI's calendar is moved onto it (`TestCalendar`), so
/// the platform and the `podium` processes it starts agree on any date; with `now` (a date of NTI's own calendar)
/// the dates stay as the folder writes them.
final class PlatformHarness: @unchecked Sendable {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../..")
        .standardized
    static let examples = repository.appendingPathComponent("competitions/nti-digits/examples").path
    /// The `podium` binary `swift build --build-tests` made beside the tests.
    static let podium = repository.appendingPathComponent(".build/debug/podium").path

    let data: String
    let platform: Platform
    /// The PostgreSQL database of this test (`make test-postgres`), or nil for SQLite in `data`.
    let databaseURL: String?
    private let lock = NSLock()
    private var clock: Date

    /// How dated competitions are placed on this harness's clock (nil: unmoved).
    let calendar: Platform.CalendarPlacement?

    init(now: Date? = nil, lease: TimeInterval = 30) throws {
        data = FileManager.default.temporaryDirectory.appendingPathComponent("podium-\(UUID())").path
        clock = now ?? Date()
        calendar = now == nil ? .firstOpening(inDays: TestCalendar.qualifyingOpensInDays) : nil
        var options = Platform.Options()
        options.leaseDuration = lease
        options.scorersDirectory = "\(data)/scorers"  // where `slowScoring` puts its scorer
        databaseURL = try TestDatabase.fresh()
        options.databaseURL = databaseURL
        let box = ClockBox()
        options.now = { box.read() }
        platform = try Platform(dataDirectory: data, options: options)
        box.harness = self
        _ = try load(Self.repository.appendingPathComponent("competitions/nti-digits").path)
    }

    /// Loads the competition in `folder`, its calendar placed on this harness's clock.
    func load(_ folder: String) throws -> Platform.LoadResult {
        try platform.loadCompetition(folder: folder, calendar: calendar)
    }

    deinit { try? FileManager.default.removeItem(atPath: data) }

    var now: Date {
        get { lock.withLock { clock } }
        set { lock.withLock { clock = newValue } }
    }

    /// A team named `name` with its token.
    func team(_ name: String) throws -> (team: Platform.TeamRecordAlias, token: String) {
        try platform.organisers.addTeam(competition: "nti-digits", name: name)
    }

    /// The upload of an example file.
    static func example(_ relative: String) -> Platform.Upload {
        Platform.Upload(name: URL(fileURLWithPath: relative).lastPathComponent, path: "\(examples)/\(relative)")
    }

    /// Runs `podium` with `arguments` on this data folder; returns status and stdout.
    func podium(_ arguments: [String], environment: [String: String] = [:]) async throws -> (
        status: Int32, out: String
    ) {
        let finished = try await ChildProcess.finish(try launch(arguments, environment: environment))
        return (finished.status, finished.text)
    }

    /// A copy of `competitions/<name>` in this harness's data folder under the slug `slug`, its competition.yaml
    /// passed through `edit`; returns the copy's folder (load it with `load`).
    func copyCompetition(_ name: String, as slug: String, edit: (String) -> String) throws -> String {
        let folder = "\(data)/competitions/\(slug)"
        try FileManager.default.createDirectory(
            atPath: "\(data)/competitions", withIntermediateDirectories: true)
        try FileManager.default.copyItem(
            atPath: Self.repository.appendingPathComponent("competitions/\(name)").path, toPath: folder)
        let yaml = "\(folder)/competition.yaml"
        try edit(try String(contentsOfFile: yaml, encoding: .utf8)).write(
            toFile: yaml, atomically: true, encoding: .utf8)
        return folder
    }

    /// Makes nti-digits' task scored by a scorer program that sleeps `seconds` first (scripts/slow-scoring), so a
    /// worker is busy when a test kills it or shares the queue: a slow scorer in a test competition, not a delay in
    /// Podium. `into` a folder other than the data folder makes only the scorer (another delay for other processes).
    /// Returns the `--scorers` arguments a `podium` process needs.
    @discardableResult
    func slowScoring(seconds: Double, into: String? = nil) throws -> [String] {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/python3")
        process.arguments = [
            Self.repository.appendingPathComponent("scripts/slow-scoring/make_slow_competition.py").path,
            String(seconds), into ?? data,
        ]
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        let lines = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            .split(separator: "\n").map(String.init)
        process.waitUntilExit()
        guard process.terminationStatus == 0, lines.count == 2 else { throw CocoaError(.fileWriteUnknown) }
        if into == nil { _ = try load(lines[0]) }
        return ["--scorers", lines[1]]
    }

    /// A second platform on the same data folder and database: what a restart sees.
    func reopen() throws -> Platform {
        var options = Platform.Options()
        options.databaseURL = databaseURL
        return try Platform(dataDirectory: data, options: options)
    }

    /// Starts `podium` with `arguments` on this data folder.
    func launch(_ arguments: [String], environment: [String: String] = [:]) throws -> Process {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: Self.podium)
        process.arguments = arguments + ["--data", data]
        var variables = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        variables["PODIUM_DATABASE_URL"] = databaseURL
        process.environment = variables
        process.currentDirectoryURL = Self.repository
        process.standardOutput = Pipe()
        process.standardError = FileHandle.nullDevice
        try process.run()
        return process
    }
}

/// Lets the platform's clock closure read the harness's settable time.
final class ClockBox: @unchecked Sendable {
    weak var harness: PlatformHarness?
    func read() -> Date { harness?.now ?? Date() }
}

extension Platform {
    /// The team record type, named for the tests.
    typealias TeamRecordAlias = Storage.TeamRecord
}
