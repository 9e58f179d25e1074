import Competitions
import Foundation
import Scoring
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// Scorer programs as separate, limited processes: the shipped ones against scikit-learn, and
/// misbehaving ones stopped and reported.
struct ScorerTests {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../..")
        .standardized
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent(
        "Fixtures/kappa")

    /// A scorer folder in a temp dir with `script` as scorer.py.
    final class TestScorer {
        let folder: String
        let spec: ScorerSpec

        init(_ script: String, timeout: Double = 10, memoryMB: Int = 256, metrics: [String] = ["score"]) throws {
            folder = FileManager.default.temporaryDirectory.appendingPathComponent("scorer-\(UUID())").path
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            try script.write(toFile: "\(folder)/scorer.py", atomically: true, encoding: .utf8)
            spec = ScorerSpec(
                name: "test-scorer", folder: folder, command: ["python3", "scorer.py"],
                metrics: metrics.map { .init(name: $0, higherIsBetter: true) }, timeout: timeout, memoryMB: memoryMB)
        }

        deinit { try? FileManager.default.removeItem(atPath: folder) }

        func run() throws(ScoringError) -> ScorerOutcome {
            let solution = ScorerTests.fixtures.appendingPathComponent("case1/solution.csv").path
            let submission = ScorerTests.fixtures.appendingPathComponent("case1/submission.csv").path
            return try ScorerRunner.run(spec, solution: solution, submission: submission)
        }
    }

    /// The failure of `scorer`: its short message and its stderr tail.
    func failure(_ scorer: TestScorer) -> (message: String, stderr: String)? {
        do {
            _ = try scorer.run()
            return nil
        } catch {
            guard case .scorerFailed(_, let message, let stderr) = error else { return nil }
            return (message, stderr)
        }
    }

    @Test func quadraticKappaMatchesScikitLearn() throws {
        let (loaded, problems) = ScorerCatalogue.load(
            folder: Self.repository.appendingPathComponent("scorers/quadratic-kappa").path)
        let spec = try #require(loaded, "\(problems)")
        let expected =
            try JSONSerialization.jsonObject(
                with: Data(contentsOf: Self.fixtures.appendingPathComponent("expected.json")))
            as! [String: [String: Any]]
        #expect(expected.count == 4)
        for (name, values) in expected {
            let outcome = try ScorerRunner.run(
                spec, solution: Self.fixtures.appendingPathComponent("\(name)/solution.csv").path,
                submission: Self.fixtures.appendingPathComponent("\(name)/submission.csv").path)
            #expect(abs(outcome.publicValues["quadratic_kappa"]! - (values["public"] as! Double)) < 1e-12, "\(name)")
            #expect(abs(outcome.privateValues!["quadratic_kappa"]! - (values["private"] as! Double)) < 1e-12, "\(name)")
        }
    }

    @Test func aScorerThatSleepsPastItsTimeoutIsKilledWithItsChildren() throws {
        let pidFile = FileManager.default.temporaryDirectory.appendingPathComponent("child-\(UUID()).pid").path
        let scorer = try TestScorer(
            """
            import subprocess, time
            child = subprocess.Popen(["sleep", "60"])
            open("\(pidFile)", "w").write(str(child.pid))
            time.sleep(60)
            """, timeout: 1)
        let started = Date()
        let error = try #require(failure(scorer))
        #expect(Date().timeIntervalSince(started) < 10)
        #expect(error.message == "scorer test-scorer timed out after 1.0 s and was killed")
        let child = try #require(Int32(String(contentsOfFile: pidFile, encoding: .utf8)))
        defer { try? FileManager.default.removeItem(atPath: pidFile) }
        Thread.sleep(forTimeInterval: 0.2)
        // Dead means gone, or a zombie waiting for a reaper (PID 1 here may never reap orphans).
        let state = (try? String(contentsOfFile: "/proc/\(child)/stat", encoding: .utf8))?
            .split(separator: ")").last?.split(separator: " ").first
        #expect(state == nil || state == "Z", "the scorer's child process survived the timeout (state \(state ?? "?"))")
    }

    @Test func aScorerThatAllocatesPastItsMemoryLimitIsStopped() throws {
        let scorer = try TestScorer("blob = bytearray(1024 * 1024 * 1024)\n", memoryMB: 128)
        let error = try #require(failure(scorer))
        #expect(error.message == "scorer test-scorer exceeded its memory limit of 128 MiB")
        #expect(error.stderr.contains("MemoryError"))
    }

    @Test func garbageOutputIsReported() throws {
        let scorer = try TestScorer("import sys\nopen(sys.argv[3], 'w').write('the score is 0.9')\n")
        #expect(failure(scorer)?.message.contains("wrote no JSON object") == true)
        let boolean = try TestScorer(
            "import sys, json\njson.dump({'public': {'score': True}}, open(sys.argv[3], 'w'))\n")
        #expect(failure(boolean)?.message.contains("wrote no JSON object") == true)
        let missing = try TestScorer("import sys, json\njson.dump({'public': {'other': 1}}, open(sys.argv[3], 'w'))\n")
        #expect(failure(missing)?.message == "scorer test-scorer wrote no finite number for public.score")
    }

    @Test func aNonZeroExitKeepsStderrApartForTheOrganiser() throws {
        let scorer = try TestScorer(
            "import sys\nprint('secret path /srv/answers.csv not found', file=sys.stderr)\nsys.exit(3)\n")
        let error = try #require(failure(scorer))
        #expect(error.message == "scorer test-scorer exited with status 3")
        #expect(!error.message.contains("secret"))
        #expect(error.stderr.contains("secret path /srv/answers.csv not found"))
    }

    @Test func theEnvironmentHoldsOnlyPath() throws {
        setenv("PODIUM_TEST_SECRET", "do-not-leak", 1)
        defer { unsetenv("PODIUM_TEST_SECRET") }
        let scorer = try TestScorer(
            """
            import sys, os, json
            leaked = sum(1 for name in ("PODIUM_TEST_SECRET", "HOME", "USER") if name in os.environ)
            json.dump({"public": {"score": leaked, "path": int("PATH" in os.environ)}, "private": None}, open(sys.argv[3], "w"))
            """, metrics: ["score", "path"])
        let outcome = try scorer.run()
        // Only PATH comes from Podium (an interpreter's launcher may add its own variables, like pyenv's).
        #expect(outcome.publicValues["score"] == 0)
        #expect(outcome.publicValues["path"] == 1)
        #expect(outcome.privateValues == nil)
    }

    @Test func noNetworkWhereTheKernelAllowsIt() throws {
        guard ScorerRunner.networkIsolation else { return }  // README: such hosts run scorers with the network
        let listener = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(listener) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(listener, $0, length) }
        }
        listen(listener, 1)
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(listener, $0, &length) }
        }
        let port = UInt16(bigEndian: address.sin_port)
        let scorer = try TestScorer(
            """
            import sys, json, socket
            try:
                socket.create_connection(("127.0.0.1", \(port)), timeout=2).close()
                reached = 1
            except OSError:
                reached = 0
            json.dump({"public": {"score": reached}}, open(sys.argv[3], "w"))
            """)
        #expect(try scorer.run().publicValues["score"] == 0, "the scorer reached a port on the host")
    }

    @Test func theCatalogueInTheReadmeIsGeneratedFromTheCode() throws {
        let readme = try String(
            contentsOf: Self.repository.appendingPathComponent("scorers/README.md"), encoding: .utf8)
        let begin = try #require(readme.range(of: "<!-- catalogue:begin -->\n"))
        let end = try #require(readme.range(of: "\n<!-- catalogue:end -->"))
        let committed = String(readme[begin.upperBound..<end.lowerBound])
        #expect(
            committed == ScorerCatalogue.markdown(scorers: Self.repository.appendingPathComponent("scorers").path),
            "run make scorers-readme")
    }

    @Test func invalidScorerYamlIsReported() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("bad-\(UUID())").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try "command: [python3, x.py]\nmetrics: [{name: m, direction: up}]\ntimeout: 5\n".write(
            toFile: "\(folder)/scorer.yaml", atomically: true, encoding: .utf8)
        let (spec, problems) = ScorerCatalogue.load(folder: folder)
        #expect(spec == nil)
        #expect(problems.contains { $0.contains("unknown key timeout") })
    }
}
