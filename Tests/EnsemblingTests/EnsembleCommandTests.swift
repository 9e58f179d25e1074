import Foundation
import Testing

/// The `ensemble` executable as a user runs it: bad input exits 1 with one line naming the file, line and
/// column, and writes nothing; good input writes the whole output.
struct EnsembleCommandTests {
    /// The built `ensemble` binary (beside this test bundle's resources in the build folder).
    static let binary = Bundle.module.bundleURL.deletingLastPathComponent().appendingPathComponent("ensemble").path
    let directory: URL

    init() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("ensemble-cli-\(UUID())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    }

    func file(_ name: String, _ text: String) throws -> String {
        let path = directory.appendingPathComponent(name).path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    /// Runs `ensemble` with `arguments`; returns exit status, stdout and stderr.
    func run(_ arguments: [String]) throws -> (status: Int32, out: String, err: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: Self.binary)
        process.arguments = arguments
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        let errData = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (
            process.terminationStatus, String(decoding: outData, as: UTF8.self),
            String(decoding: errData, as: UTF8.self)
        )
    }

    /// Expects a refusal whose single stderr line contains every fragment, and no output file.
    func expectRefusal(_ arguments: [String], _ fragments: String..., sourceLocation: SourceLocation = #_sourceLocation)
        throws
    {
        let output = directory.appendingPathComponent("out.csv").path
        let result = try run(arguments + ["-o", output])
        #expect(result.status != 0, sourceLocation: sourceLocation)
        let lines = result.err.split(separator: "\n")
        #expect(lines.count == 1, "stderr: \(result.err)", sourceLocation: sourceLocation)
        for fragment in fragments {
            #expect(result.err.contains(fragment), "\(fragment) not in: \(result.err)", sourceLocation: sourceLocation)
        }
        #expect(
            !FileManager.default.fileExists(atPath: output), "output written despite the error",
            sourceLocation: sourceLocation)
    }

    @Test func missingFile() throws {
        let a = try file("a.csv", "id,p\n1,0.5\n")
        try expectRefusal(["mean", a, directory.appendingPathComponent("nope.csv").path], "nope.csv", "cannot open")
    }

    @Test func differingIDSetsNameTheFileAndTheIDs() throws {
        let a = try file("a.csv", "id,p\n1,0.5\n2,0.5\n3,0.5\n")
        let b = try file("b.csv", "id,p\n1,0.5\n2,0.5\n4,0.5\n")
        try expectRefusal(["mean", a, b], "b.csv, line 4, column \"id\"", "\"4\"", "not in")
        let c = try file("c.csv", "id,p\n1,0.5\n2,0.5\n")
        try expectRefusal(["mean", a, c], "c.csv", "missing", "\"3\"")
    }

    /// Files are read on every core and each waits for the one before to be added: of several bad files the
    /// first is named, whichever was read first, and a bad first file (which the others are aligned to)
    /// neither hangs the run nor is hidden by the others' errors.
    @Test func theFirstBadFileIsNamedWhicheverIsReadFirst() throws {
        let good = try file("good.csv", "id,p\n1,0.5\n2,0.25\n3,0.75\n")
        let shuffled = try file("shuffled.csv", "id,p\n3,0.75\n1,0.5\n2,0.25\n")
        let unknownID = try file("unknown.csv", "id,p\n1,0.5\n2,0.5\n9,0.5\n")
        let labels = try file("labels.csv", "id,label\n1,a\n2,b\n3,a\n")
        let notANumber = try file("nan.csv", "id,p\n1,0.5\n2,x\n3,0.5\n")
        try expectRefusal(
            ["mean", good, shuffled, unknownID, labels, notANumber, good], "unknown.csv, line 4", "\"9\"", "not in")
        try expectRefusal(["mean", good, shuffled, notANumber, unknownID], "nan.csv, line 3, column \"p\"")
        try expectRefusal(["mean", notANumber, good, shuffled, good, shuffled], "nan.csv, line 3, column \"p\"")
        try expectRefusal(["mean", labels, good, shuffled], "labels.csv", "holds labels (use vote)")
        let output = directory.appendingPathComponent("blend.csv").path
        let result = try run(["mean", good, shuffled, good, shuffled, "-o", output])
        #expect(result.status == 0, "\(result.err)")
        #expect(try String(contentsOfFile: output, encoding: .utf8) == "id,p\n1,0.5\n2,0.25\n3,0.75\n")
    }

    @Test func duplicateID() throws {
        let a = try file("a.csv", "id,p\n1,0.5\n1,0.5\n")
        try expectRefusal(["mean", a, a], "a.csv, line 3, column \"id\"", "duplicate id \"1\"")
        // A file after the first is read without an id index: its duplicates are found as it is aligned.
        let first = try file("first.csv", "id,p\n1,0.5\n2,0.5\n3,0.5\n")
        let repeated = try file("repeated.csv", "id,p\n2,0.5\n3,0.5\n2,0.5\n")
        try expectRefusal(
            ["mean", first, repeated], "repeated.csv, line 4, column \"id\"", "duplicate id \"2\" (first at line 2)")
    }

    @Test func notANumberNaNAndProbabilityOutOfRange() throws {
        let a = try file("a.csv", "id,x,y\n1,0.5,0.5\n2,abc,0.5\n")
        try expectRefusal(["mean", a], "a.csv, line 3, column \"x\"", "\"abc\" is not a number")
        let b = try file("b.csv", "id,p\n1,nan\n")
        try expectRefusal(["mean", b], "b.csv, line 2, column \"p\"", "not a finite number")
        let c = try file("c.csv", "id,x,y\n1,1.5,-0.5\n")
        try expectRefusal(["mean", c], "c.csv, line 2, column \"x\"", "not a probability")
    }

    @Test func mismatchedClassesAreNamed() throws {
        let a = try file("a.csv", "id,cat,dog\n1,0.5,0.5\n")
        let b = try file("b.csv", "id,cat,emu\n1,0.5,0.5\n")
        try expectRefusal(["mean", a, b], "b.csv, line 1, column \"dog\"", "class column missing")
    }

    @Test func weightCountMustMatchTheFiles() throws {
        let a = try file("a.csv", "id,p\n1,0.5\n")
        try expectRefusal(["mean", a, a, "--weights", "1,2,3"], "--weights has 3 values for 2 files")
    }

    @Test func shapesMustAgree() throws {
        let labels = try file("l.csv", "id,label\n1,a\n")
        let scores = try file("s.csv", "id,p\n1,0.5\n")
        try expectRefusal(["mean", labels], "l.csv", "holds labels (use vote)")
        try expectRefusal(["vote", labels, scores], "s.csv", "holds scores")
    }

    @Test func malformedCSV() throws {
        let a = try file("a.csv", "id,p\n1,\"0.5\n")
        try expectRefusal(["mean", a], "a.csv, line 2, column \"p\"", "never closed")
        let b = try file("b.csv", "")
        try expectRefusal(["mean", b], "b.csv", "empty")
    }

    @Test func stackNeedsOneTestFilePerModel() throws {
        let a = try file("a.csv", "id,p\n1,0.5\n")
        let result = try run([
            "stack", "--train", a, a, "--labels", a, "--test", a, "-o", directory.appendingPathComponent("o.csv").path,
        ])
        #expect(result.status != 0)
        #expect(result.err.contains("one file per model"))
    }

    @Test func goodInputWritesTheBlendAndAJSONReport() throws {
        let a = try file("a.csv", "id,cat,dog\n1,0.2,0.8\n2,0.6,0.4\n")
        let b = try file("b.csv", "id,dog,cat\n2,0.2,0.8\n1,0.6,0.4\n")
        let output = directory.appendingPathComponent("blend.csv").path
        let result = try run(["mean", a, b, "-o", output, "--json"])
        #expect(result.status == 0)
        #expect(result.out.contains("\"rows\":2"))
        // Aligned by id and by class name: row 1 = (0.2+0.4)/2, (0.8+0.6)/2.
        #expect(
            try String(contentsOfFile: output, encoding: .utf8)
                == "id,cat,dog\n1,0.30000000000000004,0.7\n2,0.7,0.30000000000000004\n")
    }
}
