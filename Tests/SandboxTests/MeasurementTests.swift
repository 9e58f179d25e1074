import Foundation
import Sandbox
import Testing

/// MOROCCO's protocol measured against programs whose cost is known.
@Suite(.enabled(if: sandboxRuns, "the sandbox cannot run here: \(Sandbox.unavailableReason ?? "")"))
struct MeasurementTests {
    /// 60 records; the program sleeps 30 ms per record (1.8 s of work, so a start-up slowed by a busy machine moves
    /// the result little) and holds `megabytes` (touched) while it works.
    func program(megabytes: Int) throws -> ProgramFolder {
        let records = (1...60).map { "{\"id\": \($0)}" }.joined(separator: "\n") + "\n"
        return try ProgramFolder(
            run: """
                #!/usr/bin/python3
                import sys, time, json
                held = bytearray(\(megabytes) * 1024 * 1024)
                for i in range(0, len(held), 4096):
                    held[i] = 1
                print("id,label")
                for line in sys.stdin:
                    time.sleep(0.03)
                    print(json.loads(line)["id"], "x", sep=",")
                    sys.stdout.flush()
                """, files: ["inputs.jsonl": records])
    }

    func measure(_ folder: ProgramFolder, repeats: Int = 3) throws -> MeasuredRuns.Result {
        let scratch = "\(folder.path)/scratch"
        try FileManager.default.createDirectory(atPath: scratch, withIntermediateDirectories: true)
        let runs = MeasuredRuns(
            code: folder.code, inputs: "\(folder.path)/inputs.jsonl", batchSizes: [8, 1], repeats: repeats,
            limits: SandboxLimits(wallSeconds: 30, memoryMB: 512))
        return try runs.run(in: scratch)
    }

    @Test func throughputIsWithinFivePercentOfAKnownSleep() throws {  // 33.3 records/s
        let folder = try program(megabytes: 0)
        defer { folder.remove() }
        let result = try measure(folder)
        let expected = 1 / 0.03
        for size in ["1", "8"] {
            let measured = try #require(result.measurements.recordsPerSecond[size])
            #expect(abs(measured - expected) / expected < 0.05, "batch \(size): \(measured) records/s")
        }
        #expect(result.measurements.records == 60)
        #expect(result.measurements.scoredBatchSize == 8)
        #expect(result.measurements.repeats == 3)
        let spread = try #require(result.measurements.spread["startup_seconds"])
        #expect(spread[0] <= result.measurements.startupSeconds && result.measurements.startupSeconds <= spread[1])
        #expect(folder.read("scratch/batch-8.out").split(separator: "\n").count == 61)
    }

    @Test(.enabled(if: Sandbox.usesControlGroups, "peak memory needs a cgroup (root)"))
    func peakMemoryIsWithinFivePercentOfWhatIsHeld() throws {
        let baseline = try program(megabytes: 0)
        defer { baseline.remove() }
        let holding = try program(megabytes: 200)
        defer { holding.remove() }
        let interpreter = try #require(try measure(baseline, repeats: 1).measurements.peakMemoryMB)
        let peak = try #require(try measure(holding, repeats: 1).measurements.peakMemoryMB)
        #expect(abs((peak - interpreter) - 200) / 200 < 0.05, "peak \(peak) MB, interpreter \(interpreter) MB")
    }

    @Test func aRunThatBreaksALimitStopsTheMeasurementAndSaysWhere() throws {
        let folder = try ProgramFolder(run: "#!/bin/sh\nexit 7\n", files: ["inputs.jsonl": "{}\n"])
        defer { folder.remove() }
        #expect {
            try measure(folder)
        } throws: { error in
            guard let failure = error as? MeasuredRuns.Failure else { return false }
            return failure.stage == "start-up, repeat 1 of 3" && failure.run.outcome == .exited(status: 7)
        }
    }
}
