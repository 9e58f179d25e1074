import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// A code submission's archive (zip or tar.gz) unpacked into a private folder before anything of it runs,
/// refused with what is wrong when an entry's name is absolute or climbs out with `..`, a link points
/// outside the archive, an entry is a hard link, a device or a pipe, two entries share a path, it inflates past
/// the limits (a bomb), or its root holds no executable `run` (a single top folder is looked into). Files keep
/// only their executable bit (0755 or 0644); links are made last, so no write follows one.
public enum CodeArchive {
    /// The name a code submission's archive is stored under among its files.
    public static let storedTask = "@code"
    /// The program every archive must hold at its root.
    public static let entryPoint = "run"

    /// Whether a file is an archive this reads (zip or gzip signature).
    public static func isCodeArchive(path: String) -> Bool {
        guard let handle = FileHandle(forReadingAtPath: path) else { return false }
        defer { try? handle.close() }
        let head = [UInt8]((try? handle.read(upToCount: 4)) ?? Data())
        return SubmissionArchive.isArchive(path: path) || TarArchive.isGzip(head)
    }

    /// Unpacks the archive at `path` (named `file` in messages) into `folder`; returns the folder holding `run`.
    public static func unpack(path: String, file: String, into folder: String, limits: SubmissionArchive.Limits)
        throws(SubmissionArchive.Failure) -> String
    {
        func fail(_ message: String) -> SubmissionArchive.Failure { .init(file: file, message: message) }
        guard let data = try? Data(contentsOf: URL(fileURLWithPath: path), options: .alwaysMapped) else {
            throw fail("cannot be read")
        }
        let bytes = [UInt8](data)
        var tree = Tree(root: folder, fail: fail)
        try tree.prepare()
        if TarArchive.isGzip(bytes) {
            let overhead = Int64(limits.maxEntries) * 1_024 + 1_024
            let members = try TarArchive.members(gzip: bytes, limit: limits.maxTotalBytes + overhead, fail: fail)
            guard members.count <= limits.maxEntries else {
                throw fail("holds \(members.count) entries; at most \(limits.maxEntries) are accepted")
            }
            for member in members where !SubmissionArchive.isJunk(member.name) || member.kind == .directory {
                try tree.add(member, limits: limits)
            }
        } else {
            let staging = "\(folder).entries"
            defer { try? FileManager.default.removeItem(atPath: staging) }
            try? FileManager.default.createDirectory(atPath: staging, withIntermediateDirectories: true)
            for entry in try SubmissionArchive.extract(bytes: bytes, file: file, into: staging, limits: limits) {
                try tree.add(entry)
            }
        }
        try tree.makeLinks()
        return try tree.programFolder()
    }

    /// The folder being filled, and the links kept for last.
    private struct Tree {
        let root: String
        let fail: (String) -> SubmissionArchive.Failure
        var links: [(path: String, target: String, name: String)] = []
        var placed: Set<String> = []
        var total: Int64 = 0

        init(root: String, fail: @escaping (String) -> SubmissionArchive.Failure) {
            self.root = root
            self.fail = fail
        }

        func prepare() throws(SubmissionArchive.Failure) {
            do {
                try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
            } catch { throw fail("cannot be unpacked here (the scratch folder is not writable)") }
            chmod(root, 0o755)
        }

        /// The clean relative path of an entry name, or a refusal.
        func relative(_ name: String) throws(SubmissionArchive.Failure) -> String {
            var parts = name.split(separator: "/", omittingEmptySubsequences: true).map(String.init)
            parts.removeAll { $0 == "." }
            if name.hasPrefix("/") || name.contains("\\") || parts.contains("..") || parts.isEmpty
                || name.utf8.contains(0)
            {
                throw fail("the entry name \"\(name)\" is not a plain relative path (.. or absolute)")
            }
            return parts.joined(separator: "/")
        }

        mutating func claim(_ relative: String, name: String) throws(SubmissionArchive.Failure) -> String {
            guard placed.insert(relative).inserted else { throw fail("two entries are named \(name)") }
            return "\(root)/\(relative)"
        }

        mutating func add(_ member: TarArchive.Member, limits: SubmissionArchive.Limits) throws(SubmissionArchive
            .Failure)
        {
            let relative = try relative(member.name)
            switch member.kind {
            case .directory:
                makeFolder("\(root)/\(relative)")
            case .file(let data):
                guard Int64(data.count) <= limits.maxEntryBytes else {
                    throw fail("\(member.name) is \(data.count) bytes; the limit is \(limits.maxEntryBytes)")
                }
                total += Int64(data.count)
                guard total <= limits.maxTotalBytes else {
                    throw fail("its entries come to more than \(limits.maxTotalBytes) bytes together, the limit")
                }
                let path = try claim(relative, name: member.name)
                makeFolder((path as NSString).deletingLastPathComponent)
                guard FileManager.default.createFile(atPath: path, contents: data) else {
                    throw fail("\(member.name) cannot be written (is a folder of the same name in the archive?)")
                }
                chmod(path, member.mode & 0o111 != 0 ? 0o755 : 0o644)
            case .symlink(let target):
                try link(relative, to: target, name: member.name)
            case .other(let type):
                let what = type == "1" ? "a hard link" : type == "3" || type == "4" ? "a device" : "a special file"
                throw fail("\(member.name) is \(what); an archive of code holds files, folders and links inside it")
            }
        }

        mutating func add(_ entry: SubmissionArchive.Entry) throws(SubmissionArchive.Failure) {
            let relative = try relative(entry.name)
            let mode = entry.unixMode ?? 0o100644
            switch mode & 0o170000 {
            case 0o120000:
                let target = (try? String(contentsOfFile: entry.path, encoding: .utf8)) ?? ""
                try link(relative, to: target, name: entry.name)
            case 0o100000, 0:
                let path = try claim(relative, name: entry.name)
                makeFolder((path as NSString).deletingLastPathComponent)
                guard rename(entry.path, path) == 0 else {
                    throw fail("\(entry.name) cannot be written (is a folder of the same name in the archive?)")
                }
                chmod(path, mode & 0o111 != 0 ? 0o755 : 0o644)
            case 0o040000:
                makeFolder("\(root)/\(relative)")
            default:
                throw fail("\(entry.name) is a device or a special file; an archive of code holds files and folders")
            }
        }

        /// Keeps a link for last, refusing one whose target leaves the archive.
        mutating func link(_ relative: String, to target: String, name: String) throws(SubmissionArchive.Failure) {
            var parts = relative.split(separator: "/").dropLast().map(String.init)
            if target.hasPrefix("/") { throw fail("the link \(name) points outside the archive (to \(target))") }
            for part in target.split(separator: "/") where part != "." {
                if part == ".." {
                    guard !parts.isEmpty else {
                        throw fail("the link \(name) points outside the archive (to \(target))")
                    }
                    parts.removeLast()
                } else {
                    parts.append(String(part))
                }
            }
            links.append((try claim(relative, name: name), target, name))
        }

        func makeLinks() throws(SubmissionArchive.Failure) {
            for link in links {
                makeFolder((link.path as NSString).deletingLastPathComponent)
                guard symlink(link.target, link.path) == 0 else { throw fail("the link \(link.name) cannot be made") }
            }
        }

        func makeFolder(_ path: String) {
            try? FileManager.default.createDirectory(
                atPath: path, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o755])
        }

        /// The folder whose `run` is the program: the root, or its one top folder.
        func programFolder() throws(SubmissionArchive.Failure) -> String {
            let manager = FileManager.default
            var folder = root
            let top = ((try? manager.contentsOfDirectory(atPath: root)) ?? []).filter { !SubmissionArchive.isJunk($0) }
            var isFolder: ObjCBool = false
            if !manager.fileExists(atPath: "\(root)/\(entryPoint)"), top.count == 1,
                manager.fileExists(atPath: "\(root)/\(top[0])", isDirectory: &isFolder), isFolder.boolValue
            {
                folder = "\(root)/\(top[0])"
            }
            let program = "\(folder)/\(entryPoint)"
            var info = stat()
            guard lstat(program, &info) == 0 else {
                throw fail("holds no file named \(entryPoint) at its root; the program Podium runs is ./\(entryPoint)")
            }
            guard info.st_mode & S_IFMT == S_IFREG else {
                throw fail("\(entryPoint) must be a plain file, not a link or folder")
            }
            guard info.st_mode & 0o100 != 0 else {
                throw fail("\(entryPoint) is not executable; run chmod +x \(entryPoint) before packing the archive")
            }
            return folder
        }
    }
}
