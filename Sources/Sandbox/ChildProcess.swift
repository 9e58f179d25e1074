import CSpawn
import Foundation
import Timekeeping

#if canImport(Glibc)
    import Glibc
#endif

/// A child process whose standard input is fed from a file and whose standard output and error are read
/// through pipes, in one thread with `poll`: output is counted as it arrives (a run that writes past its
/// limit is stopped there), and the wall clock is watched on the monotonic clock.
struct ChildProcess {
    /// What the parent saw of a run.
    struct Result {
        /// `waitpid`'s status (nil when the run was stopped before it exited on its own).
        var status: Int32?
        var timedOut = false
        var outputTooLarge = false
        var outputBytes: Int64 = 0
        var stderr = Data()
        var stderrDropped: Int64 = 0
        var wallSeconds = 0.0
    }

    /// Bytes of standard error kept (the last ones).
    static let stderrKept = 1 << 20

    let argv: [String]
    let environment: [String]
    let input: String?
    let output: String
    let limits: SandboxLimits

    /// Runs it; `stop` kills what the run left (called once the child has exited or was stopped); `sample` is
    /// called with the child's pid and the seconds since it started at every turn of the loop (at least every 20 ms).
    func run(stop: (pid_t) -> Void, sample: ((pid_t, Double) -> Void)? = nil) throws -> Result {
        signal(SIGPIPE, SIG_IGN)  // a program that stops reading its input must not kill the parent
        var stdinPipe: [Int32] = [0, 0]
        var stdoutPipe: [Int32] = [0, 0]
        var stderrPipe: [Int32] = [0, 0]
        guard Self.closeOnExecPipe(&stdinPipe), Self.closeOnExecPipe(&stdoutPipe), Self.closeOnExecPipe(&stderrPipe)
        else { throw POSIXError(.EMFILE) }
        let inputFile = input.map { open($0, O_RDONLY | O_CLOEXEC) } ?? -1
        if input != nil && inputFile < 0 { throw POSIXError(.ENOENT) }
        let outputFile = open(output, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
        guard outputFile >= 0 else { throw POSIXError(.EACCES) }
        defer {
            if inputFile >= 0 { close(inputFile) }
            close(outputFile)
        }
        let pid = try spawn(stdin: stdinPipe[0], stdout: stdoutPipe[1], stderr: stderrPipe[1])
        close(stdinPipe[0])
        close(stdoutPipe[1])
        close(stderrPipe[1])
        let started = MonotonicInstant.now
        var pump = Pump(
            inFD: input == nil ? -1 : stdinPipe[1], inputFile: inputFile, outFD: stdoutPipe[0],
            errFD: stderrPipe[0], outputFile: outputFile, limits: limits)
        if input == nil { close(stdinPipe[1]) }
        var result = Result()
        let deadline = Deadline.after(seconds: limits.wallSeconds)
        var status: Int32 = 0
        while true {
            if waitpid(pid, &status, WNOHANG) == pid {
                result.status = status
                break
            }
            if deadline.hasPassed { result.timedOut = true }
            if pump.outputTooLarge { result.outputTooLarge = true }
            if result.timedOut || result.outputTooLarge {
                kill(-pid, SIGKILL)
                stop(pid)
                waitpid(pid, &status, 0)
                break
            }
            sample?(pid, started.elapsed)
            pump.step(timeoutMilliseconds: Int32(min(20, max(1, deadline.remaining * 1000))))
        }
        result.wallSeconds = started.elapsed
        stop(pid)  // what the program left behind, so the pipes reach their end
        pump.drain()
        result.outputTooLarge = result.outputTooLarge || pump.outputTooLarge
        result.outputBytes = pump.outputBytes
        result.stderr = pump.stderrData
        result.stderrDropped = pump.stderrDropped
        return result
    }

    /// A pipe whose ends close on exec from the start, so a child another thread spawns meanwhile does not
    /// inherit them (posix_spawn's dup2 clears the flag on 0, 1 and 2 of this run's child).
    private static func closeOnExecPipe(_ ends: inout [Int32]) -> Bool { podium_pipe_cloexec(&ends) == 0 }

    private func spawn(stdin: Int32, stdout: Int32, stderr: Int32) throws -> pid_t {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_adddup2(&actions, stdin, 0)
        posix_spawn_file_actions_adddup2(&actions, stdout, 1)
        posix_spawn_file_actions_adddup2(&actions, stderr, 2)
        podium_spawn_close_from_three(&actions)
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGDEF))
        posix_spawnattr_setpgroup(&attributes, 0)
        var defaults = sigset_t()
        sigemptyset(&defaults)
        sigaddset(&defaults, SIGPIPE)
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        var pid: pid_t = 0
        let cArguments = argv.map { strdup($0) } + [nil]
        let cEnvironment = environment.map { strdup($0) } + [nil]
        defer {
            for pointer in cArguments + cEnvironment { free(pointer) }
        }
        let spawned = posix_spawn(&pid, argv[0], &actions, &attributes, cArguments, cEnvironment)
        guard spawned == 0 else { throw POSIXError(POSIXErrorCode(rawValue: spawned) ?? .EINVAL) }
        return pid
    }
}

/// Moves bytes between the parent and the child's pipes without blocking on any of them.
private struct Pump {
    var inFD: Int32
    let inputFile: Int32
    let outFD: Int32
    let errFD: Int32
    let outputFile: Int32
    let limits: SandboxLimits
    var outputBytes: Int64 = 0
    var outputTooLarge = false
    var stderrData = Data()
    var stderrDropped: Int64 = 0
    private var pending = [UInt8]()
    private var pendingOffset = 0
    private var stdoutOpen = true
    private var stderrOpen = true
    private var buffer = [UInt8](repeating: 0, count: 65_536)

    init(inFD: Int32, inputFile: Int32, outFD: Int32, errFD: Int32, outputFile: Int32, limits: SandboxLimits) {
        self.inFD = inFD
        self.inputFile = inputFile
        self.outFD = outFD
        self.errFD = errFD
        self.outputFile = outputFile
        self.limits = limits
        if inFD >= 0 { _ = fcntl(inFD, F_SETFL, fcntl(inFD, F_GETFL) | O_NONBLOCK) }
    }

    /// Waits up to `timeoutMilliseconds` for any pipe, then moves what is ready.
    mutating func step(timeoutMilliseconds: Int32) {
        var fds: [pollfd] = []
        if inFD >= 0 { fds.append(pollfd(fd: inFD, events: Int16(POLLOUT), revents: 0)) }
        if stdoutOpen { fds.append(pollfd(fd: outFD, events: Int16(POLLIN), revents: 0)) }
        if stderrOpen { fds.append(pollfd(fd: errFD, events: Int16(POLLIN), revents: 0)) }
        guard !fds.isEmpty else {
            usleep(UInt32(timeoutMilliseconds) * 1000)
            return
        }
        guard poll(&fds, nfds_t(fds.count), timeoutMilliseconds) > 0 else { return }
        for entry in fds where entry.revents != 0 {
            if entry.fd == inFD { feed() } else if entry.fd == outFD { readOutput() } else { readError() }
        }
    }

    /// Reads both pipes to their end (every writer is gone by now).
    mutating func drain() {
        closeInput()
        while stdoutOpen { readOutput() }
        while stderrOpen { readError() }
    }

    private mutating func feed() {
        while inFD >= 0 {
            if pendingOffset == pending.count {
                let count = buffer.withUnsafeMutableBytes { read(inputFile, $0.baseAddress, $0.count) }
                if count <= 0 { return closeInput() }
                pending = Array(buffer[0..<count])
                pendingOffset = 0
            }
            let written = pending[pendingOffset...].withUnsafeBytes { write(inFD, $0.baseAddress, $0.count) }
            if written < 0 {
                if errno == EAGAIN { return }
                return closeInput()  // EPIPE: the program stopped reading
            }
            pendingOffset += written
        }
    }

    private mutating func closeInput() {
        if inFD >= 0 { close(inFD) }
        inFD = -1
    }

    /// Reads what `fd` holds into `buffer`: the byte count (0 when interrupted), or nil at its end (then closed).
    private mutating func readPipe(_ fd: Int32) -> Int? {
        let count = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
        if count > 0 { return count }
        if count < 0 && errno == EINTR { return 0 }
        close(fd)
        return nil
    }

    private mutating func readOutput() {
        guard let count = readPipe(outFD) else {
            stdoutOpen = false
            return
        }
        guard count > 0 else { return }
        outputBytes += Int64(count)
        if outputBytes > limits.outputBytes {
            outputTooLarge = true
            return
        }
        _ = buffer.withUnsafeBytes { write(outputFile, $0.baseAddress, count) }
    }

    private mutating func readError() {
        guard let count = readPipe(errFD) else {
            stderrOpen = false
            return
        }
        guard count > 0 else { return }
        stderrData.append(contentsOf: buffer[0..<count])
        if stderrData.count > ChildProcess.stderrKept {
            let excess = stderrData.count - ChildProcess.stderrKept
            stderrDropped += Int64(excess)
            stderrData.removeFirst(excess)
        }
    }
}
