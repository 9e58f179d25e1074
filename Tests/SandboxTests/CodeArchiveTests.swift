import Foundation
import Scoring
import Testing

/// Archives made by Python's zipfile and tarfile (as participants' tools make them), hostile ones included.
struct CodeArchiveTests {
    let limits = SubmissionArchive.Limits(maxEntryBytes: 8 << 20, maxTotalBytes: 16 << 20)

    /// Writes an archive with `python` (given `path`, `zipfile`, `tarfile`, `io`) and unpacks it.
    func unpack(_ python: String, suffix: String) throws -> Result<String, SubmissionArchive.Failure> {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("podium-archive-\(UUID())").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let archive = "\(folder)/code.\(suffix)"
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/python3")
        process.arguments = ["-c", "import io, tarfile, zipfile, stat\npath = \"\(archive)\"\n" + python]
        try process.run()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        do {
            return .success(
                try CodeArchive.unpack(path: archive, file: "code.\(suffix)", into: "\(folder)/tree", limits: limits))
        } catch { return .failure(error) }
    }

    func refusal(_ python: String, suffix: String) throws -> String {
        switch try unpack(python, suffix: suffix) {
        case .success(let folder):
            Issue.record("unpacked into \(folder), expected a refusal")
            return ""
        case .failure(let failure): return failure.message
        }
    }

    static let zipRun = """
        z = zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED)
        info = zipfile.ZipInfo("run"); info.external_attr = (stat.S_IFREG | 0o755) << 16; info.create_system = 3
        z.writestr(info, "#!/bin/sh\\necho hi\\n")

        """

    @Test func aZipKeepsItsProgramExecutableAndItsInnerLinks() throws {
        let result = try unpack(
            Self.zipRun + """
                z.writestr("model/weights.txt", "1 2 3")
                link = zipfile.ZipInfo("weights"); link.external_attr = (stat.S_IFLNK | 0o777) << 16; link.create_system = 3
                z.writestr(link, "model/weights.txt")
                z.close()
                """, suffix: "zip")
        let folder = try result.get()
        #expect(FileManager.default.isExecutableFile(atPath: "\(folder)/run"))
        #expect(try String(contentsOfFile: "\(folder)/weights", encoding: .utf8) == "1 2 3")
    }

    @Test func aTarGzWithOneTopFolderRunsFromThatFolder() throws {
        let result = try unpack(
            """
            t = tarfile.open(path, "w:gz")
            data = b"#!/bin/sh\\necho hi\\n"
            info = tarfile.TarInfo("solution/run"); info.size = len(data); info.mode = 0o755
            t.addfile(info, io.BytesIO(data))
            long = "solution/" + "d" * 120 + "/notes.txt"
            info = tarfile.TarInfo(long); info.size = 2; t.addfile(info, io.BytesIO(b"ok"))
            t.close()
            """, suffix: "tar.gz")
        let folder = try result.get()
        #expect(folder.hasSuffix("/solution"))
        #expect(FileManager.default.isExecutableFile(atPath: "\(folder)/run"))
        #expect(FileManager.default.fileExists(atPath: "\(folder)/\(String(repeating: "d", count: 120))/notes.txt"))
    }

    @Test func dotDotAndAbsoluteNamesAreRefused() throws {
        let zip = try refusal(Self.zipRun + "z.writestr(\"../escape.txt\", \"x\")\nz.close()", suffix: "zip")
        #expect(zip.contains("not a plain relative path"))
        let tar = try refusal(
            """
            t = tarfile.open(path, "w:gz")
            info = tarfile.TarInfo("/etc/cron.d/evil"); info.size = 1; t.addfile(info, io.BytesIO(b"x"))
            t.close()
            """, suffix: "tar.gz")
        #expect(tar.contains("not a plain relative path"))
    }

    @Test func linksOutOfTheArchiveAndHardLinksAreRefused() throws {
        let outward = try refusal(
            Self.zipRun + """
                link = zipfile.ZipInfo("data/key"); link.external_attr = (stat.S_IFLNK | 0o777) << 16; link.create_system = 3
                z.writestr(link, "../../hidden/solution.csv")
                z.close()
                """, suffix: "zip")
        #expect(outward.contains("points outside the archive"))
        let absolute = try refusal(
            """
            t = tarfile.open(path, "w:gz")
            info = tarfile.TarInfo("passwd"); info.type = tarfile.SYMTYPE; info.linkname = "/etc/passwd"
            t.addfile(info)
            t.close()
            """, suffix: "tar.gz")
        #expect(absolute.contains("points outside the archive"))
        let hard = try refusal(
            """
            t = tarfile.open(path, "w:gz")
            info = tarfile.TarInfo("shadow"); info.type = tarfile.LNKTYPE; info.linkname = "/etc/shadow"
            t.addfile(info)
            t.close()
            """, suffix: "tar.gz")
        #expect(hard.contains("hard link"))
    }

    @Test func decompressionBombsAreRefusedBeforeTheyFillTheDisk() throws {
        let tar = try refusal(
            """
            t = tarfile.open(path, "w:gz")
            info = tarfile.TarInfo("zeros"); info.size = 64 << 20
            t.addfile(info, io.BytesIO(bytes(64 << 20)))
            t.close()
            """, suffix: "tar.gz")
        #expect(tar.contains("decompression bomb"))
        let zip = try refusal(Self.zipRun + "z.writestr(\"zeros\", bytes(64 << 20))\nz.close()", suffix: "zip")
        #expect(zip.contains("inflates to"))
    }

    @Test func anArchiveWithoutAnExecutableRunIsRefused() throws {
        let missing = try refusal(
            "z = zipfile.ZipFile(path, \"w\")\nz.writestr(\"main.py\", \"print(1)\")\nz.close()", suffix: "zip")
        #expect(missing.contains("holds no file named run"))
        let plain = try refusal(
            "z = zipfile.ZipFile(path, \"w\")\nz.writestr(\"run\", \"print(1)\")\nz.close()", suffix: "zip")
        #expect(plain.contains("chmod +x run"))
    }
}
