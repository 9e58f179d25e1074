import Foundation
import Sandbox
import Testing

@Suite(.enabled(if: sandboxRuns, "the sandbox cannot run here: \(Sandbox.unavailableReason ?? "")"))
struct SandboxTests {
    @Test func echoesItsInputAndFinishes() throws {
        let folder = try ProgramFolder(run: "#!/bin/sh\ncat\n", files: ["in.jsonl": "{\"id\": 1}\n{\"id\": 2}\n"])
        defer { folder.remove() }
        let run = try folder.run(input: "in.jsonl")
        #expect(run.outcome == .finished, "\(run.stderr)")
        #expect(folder.read("stdout") == "{\"id\": 1}\n{\"id\": 2}\n")
        #expect(run.outputBytes == 20)
    }

    @Test func reachesNoListenerOnLoopback() throws {
        let listener = try LoopbackListener()
        defer { listener.close() }
        let folder = try ProgramFolder(
            run: """
                #!/usr/bin/python3
                import socket
                s = socket.socket()
                s.settimeout(2)
                try:
                    s.connect(("127.0.0.1", \(listener.port)))
                    print("connected")
                except OSError as error:
                    print("refused", error.errno)
                """)
        defer { folder.remove() }
        let run = try folder.run()
        #expect(run.outcome == .finished)
        #expect(folder.read("stdout").hasPrefix("refused"))
        #expect(listener.acceptedAny() == false)
    }

    @Test func readsNothingOfTheHostsFolders() throws {
        let secret = try ProgramFolder(run: "#!/bin/sh\n", files: ["hidden/solution.csv": "id,label\n1,secret\n"])
        defer { secret.remove() }
        let paths = ["\(secret.path)/hidden/solution.csv", secret.path, "/root", "/home", "/var", "/etc/passwd"]
        let folder = try ProgramFolder(
            run: """
                #!/usr/bin/python3
                import os
                for path in \(paths.map { "\"\($0)\"" }):
                    try:
                        if os.path.isdir(path):
                            print(path, "lists", os.listdir(path))
                        else:
                            print(path, "reads", open(path).read())
                    except OSError as error:
                        print(path, "refused", error.errno)
                """)
        defer { folder.remove() }
        let run = try folder.run()
        #expect(run.outcome == .finished)
        let lines = folder.read("stdout").split(separator: "\n")
        #expect(lines.count == paths.count)
        for line in lines { #expect(line.contains(" refused "), "\(line)") }
        #expect(!folder.read("stdout").contains("secret\n"))
    }

    @Test func writesOnlyToItsTmp() throws {
        let folder = try ProgramFolder(
            run: """
                #!/bin/sh
                echo x > /tmp/scratch && echo tmp-ok
                echo x > /code/new 2>/dev/null || echo code-refused
                echo x > /new 2>/dev/null || echo root-refused
                echo x > /usr/new 2>/dev/null || echo usr-refused
                """)
        defer { folder.remove() }
        let run = try folder.run()
        #expect(run.outcome == .finished)
        #expect(folder.read("stdout") == "tmp-ok\ncode-refused\nroot-refused\nusr-refused\n")
        #expect(!FileManager.default.fileExists(atPath: "\(folder.code)/new"))
    }

    @Test func anEndlessLoopEndsAtTheTimeLimit() throws {
        let folder = try ProgramFolder(run: "#!/bin/sh\nwhile :; do :; done\n")
        defer { folder.remove() }
        let run = try folder.run(limits: SandboxLimits(wallSeconds: 1, memoryMB: 64))
        #expect(run.outcome == .timeLimitExceeded(seconds: 1))
        #expect(run.outcome.code == "time_limit_exceeded")
        #expect(run.wallSeconds >= 1 && run.wallSeconds < 3)
    }

    @Test func allocatingPastTheLimitEndsWithMemoryLimitExceeded() throws {
        let folder = try ProgramFolder(run: "#!/usr/bin/python3\nx = bytearray(400 * 1024 * 1024)\nprint(len(x))\n")
        defer { folder.remove() }
        let run = try folder.run(limits: SandboxLimits(wallSeconds: 20, memoryMB: 128))
        #expect(run.outcome == .memoryLimitExceeded(megabytes: 128))
        #expect(run.outcome.code == "memory_limit_exceeded")
    }

    @Test func aForkBombIsContainedAndTheMachineStaysUsable() throws {
        let folder = try ProgramFolder(run: "#!/bin/sh\nbomb() { bomb | bomb & }; bomb\nsleep 30\n")
        defer { folder.remove() }
        let run = try folder.run(limits: SandboxLimits(wallSeconds: 1, memoryMB: 256, processes: 32))
        #expect(run.outcome.code != "ok")
        #expect(run.wallSeconds < 10)
        let after = try ProgramFolder(run: "#!/bin/sh\necho alive\n")
        defer { after.remove() }
        #expect(try after.run().outcome == .finished)
        #expect(after.read("stdout") == "alive\n")
    }

    @Test func aDaemonIsKilledWhenTheRunEnds() throws {
        let marker = "31\(Int.random(in: 100_000...999_999))"
        let folder = try ProgramFolder(
            run:
                "#!/bin/sh\n(setsid sleep \(marker) > /dev/null 2>&1 &)\nnohup sleep \(marker) > /dev/null 2>&1 &\necho started\n"
        )
        defer { folder.remove() }
        let run = try folder.run()
        #expect(run.outcome == .finished)
        #expect(folder.read("stdout") == "started\n")
        #expect(processes(withArgument: marker).isEmpty)
    }

    @Test func outputPastTheLimitIsRefused() throws {
        let folder = try ProgramFolder(run: "#!/bin/sh\nhead -c 5000000 /dev/zero\n")
        defer { folder.remove() }
        let run = try folder.run(limits: SandboxLimits(wallSeconds: 20, memoryMB: 128, outputBytes: 1_000_000))
        #expect(run.outcome == .outputTooLarge(bytes: 1_000_000))
        #expect(run.outcome.code == "output_too_large")
        let kept = (try? FileManager.default.attributesOfItem(atPath: "\(folder.path)/stdout")[.size] as? Int) ?? -1
        #expect(kept <= 1_000_000)
    }

    @Test func aCrashNamesItsStatusAndKeepsTheEndOfStandardError() throws {
        let folder = try ProgramFolder(
            run: "#!/bin/sh\nhead -c 10000 /dev/zero | tr '\\0' a >&2\necho last words >&2\nexit 3\n")
        defer { folder.remove() }
        let run = try folder.run()
        #expect(run.outcome == .exited(status: 3))
        #expect(run.outcome.code == "crashed")
        #expect(run.stderrTail().hasSuffix("last words\n"))
        #expect(run.stderrTail().utf8.count == 4096)
        #expect(run.stderr.utf8.count == 10_011)
    }
}

/// Where no cgroup can be made (not root): rlimits limit the run and its tree's resident memory is sampled.
@Suite(.enabled(if: sandboxRuns, "the sandbox cannot run here: \(Sandbox.unavailableReason ?? "")"))
struct SandboxWithoutControlGroupTests {
    static func holding(_ megabytes: Int) throws -> ProgramFolder {
        try ProgramFolder(
            run: """
                #!/usr/bin/python3
                import time
                held = bytearray(\(megabytes) * 1024 * 1024)
                for i in range(0, len(held), 4096):
                    held[i] = 1
                time.sleep(0.3)
                """)
    }

    @Test func thePeakOfTheTreeIsSampledWithinFivePercent() throws {
        let baseline = try Self.holding(0)
        defer { baseline.remove() }
        let holding = try Self.holding(200)
        defer { holding.remove() }
        let limits = SandboxLimits(wallSeconds: 20, memoryMB: 1024)
        let interpreter = try #require(try baseline.run(limits: limits, controlGroup: false).peakMemoryBytes)
        let run = try holding.run(limits: limits, controlGroup: false)
        #expect(run.outcome == .finished)
        let peak = try #require(run.peakMemoryBytes)
        let held = Double(peak - interpreter) / 1_048_576
        #expect(abs(held - 200) / 200 < 0.05, "\(held) MB above the interpreter")
    }

    @Test func allocatingPastTheLimitIsMemoryLimitExceeded() throws {
        let folder = try Self.holding(400)
        defer { folder.remove() }
        let run = try folder.run(limits: SandboxLimits(wallSeconds: 20, memoryMB: 128), controlGroup: false)
        #expect(run.outcome == .memoryLimitExceeded(megabytes: 128))
    }

    @Test func aDaemonIsStillKilledWhenTheRunEnds() throws {
        let marker = "32\(Int.random(in: 100_000...999_999))"
        let folder = try ProgramFolder(run: "#!/bin/sh\n(setsid sleep \(marker) > /dev/null 2>&1 &)\necho started\n")
        defer { folder.remove() }
        #expect(try folder.run(controlGroup: false).outcome == .finished)
        usleep(200_000)
        #expect(processes(withArgument: marker).isEmpty, "the PID namespace's end takes it along")
    }
}

/// The pids of processes whose command line holds `argument`.
func processes(withArgument argument: String) -> [Int] {
    let pids = (try? FileManager.default.contentsOfDirectory(atPath: "/proc"))?.compactMap(Int.init) ?? []
    return pids.filter { pid in
        guard let data = FileManager.default.contents(atPath: "/proc/\(pid)/cmdline") else { return false }
        return data.split(separator: 0).contains { String(decoding: $0, as: UTF8.self) == argument }
    }
}

/// CI must run the sandbox's tests, not skip them: there, the sandbox has to work.
@Test func theSandboxRunsWhereCIRuns() {
    guard ProcessInfo.processInfo.environment["CI"] == "true" else { return }
    #expect(Sandbox.unavailableReason == nil, "CI cannot run the sandbox: \(Sandbox.unavailableReason ?? "")")
    #expect(Sandbox.usesControlGroups, "CI runs as root with cgroup v1 memory and pids writable")
}
