import Foundation

/// Writes a zip archive of stored (uncompressed) entries — enough for a submission folder of CSV
/// files, readable by `unzip`, Python's `zipfile` and every upload form.
public enum ZipArchive {
    /// Writes `entries` (name, bytes) to `path` atomically.
    /// Refuses what a plain (not ZIP64) archive cannot hold — more than 65,535 entries, an entry or an archive
    /// of 4 GB or more, a name of 64 KB — instead of trapping on the conversion.
    public static func write(_ entries: [(name: String, data: Data)], to path: String) throws(EnsembleError) {
        guard entries.count <= Int(UInt16.max) else {
            throw EnsembleError(file: path, "\(entries.count) files are more than a zip archive holds (65,535)")
        }
        let total = entries.reduce(0) { $0 + $1.data.count + 2 * ($1.name.utf8.count + 64) }
        if let large = entries.first(where: { $0.data.count >= Int(UInt32.max) || $0.name.utf8.count > Int(UInt16.max) }
        ) {
            throw EnsembleError(file: path, "\(large.name) is too large for a zip archive (4 GB per file)")
        }
        guard total < Int(UInt32.max) else {
            throw EnsembleError(file: path, "the files add up to more than a zip archive holds (4 GB)")
        }
        var archive = Data()
        var central = Data()
        for entry in entries {
            let name = Data(entry.name.utf8)
            let crc = crc32(entry.data)
            let offset = UInt32(archive.count)
            archive.append(le32(0x0403_4B50))
            archive.append(le16(20) + le16(0x0800) + le16(0) + le16(0) + le16(0x21))  // UTF-8 names; stored; 1980-01-01
            archive.append(le32(crc) + le32(UInt32(entry.data.count)) + le32(UInt32(entry.data.count)))
            archive.append(le16(UInt16(name.count)) + le16(0) + name + entry.data)
            central.append(le32(0x0201_4B50) + le16(20) + le16(20) + le16(0x0800) + le16(0) + le16(0) + le16(0x21))
            central.append(le32(crc) + le32(UInt32(entry.data.count)) + le32(UInt32(entry.data.count)))
            central.append(le16(UInt16(name.count)) + le16(0) + le16(0) + le16(0) + le16(0) + le32(0o100644 << 16))
            central.append(le32(offset) + name)
        }
        let centralOffset = UInt32(archive.count)
        archive.append(central)
        archive.append(
            le32(0x0605_4B50) + le16(0) + le16(0) + le16(UInt16(entries.count)) + le16(UInt16(entries.count)))
        archive.append(le32(UInt32(central.count)) + le32(centralOffset) + le16(0))
        do {
            try archive.write(to: URL(fileURLWithPath: path), options: .atomic)
        } catch {
            throw EnsembleError(file: path, "cannot write the archive: \(error.localizedDescription)")
        }
    }

    private static func le16(_ value: UInt16) -> Data { withUnsafeBytes(of: value.littleEndian) { Data($0) } }
    private static func le32(_ value: UInt32) -> Data { withUnsafeBytes(of: value.littleEndian) { Data($0) } }

    private static let table: [UInt32] = (0..<256).map { n in
        var c = UInt32(n)
        for _ in 0..<8 { c = c & 1 != 0 ? 0xEDB8_8320 ^ (c >> 1) : c >> 1 }
        return c
    }

    /// CRC-32 (IEEE), as zip requires.
    static func crc32(_ data: Data) -> UInt32 {
        var crc: UInt32 = 0xFFFF_FFFF
        for byte in data { crc = table[Int((crc ^ UInt32(byte)) & 0xFF)] ^ (crc >> 8) }
        return crc ^ 0xFFFF_FFFF
    }
}
