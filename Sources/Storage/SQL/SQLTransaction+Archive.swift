import EventArchive
import Foundation

extension SQLTransaction {
    // MARK: Archive

    func archiveTables() throws -> [ArchiveManifest.Table] {
        try Self.archivedTableNames.map { name in
            let columns = try catalogueColumns(of: name).map { column, type in
                guard let kind = Self.kind(ofDeclared: type) else {
                    throw StoreError.database("column \(name).\(column) has a type an archive cannot hold: \(type)")
                }
                return ArchiveManifest.Column(name: column.lowercased(), kind: kind)
            }
            return ArchiveManifest.Table(name: name, columns: columns)
        }
    }

    func archiveRows(of table: ArchiveManifest.Table, competition: String?, offset: Int, limit: Int) throws
        -> [[ArchiveValue]]
    {
        let names = table.columns.map(\.name).joined(separator: ", ")
        let order = table.columns.filter { $0.kind != .bytes }.map(\.name).joined(separator: ", ")
        let only = competition.map { Self.rows(of: table, in: $0) } ?? "TRUE"
        return try sql.fetch(
            """
            SELECT \(raw: names) FROM \(raw: table.name) WHERE \(only) ORDER BY \(raw: order)
            LIMIT \(limit) OFFSET \(offset)
            """
        ) { reader in
            try table.columns.map { try Self.cell(&reader, kind: $0.kind) }
        }
    }

    func insertArchiveRows(_ rows: [[ArchiveValue]], into table: ArchiveManifest.Table) throws {
        guard !rows.isEmpty else { return }
        let names = table.columns.map(\.name).joined(separator: ", ")
        let tuples = rows.map { row in
            var tuple = SQL(stringLiteral: "(")
            for (index, value) in row.enumerated() {
                if index > 0 { tuple.pieces.append(.text(", ")) }
                tuple.pieces.append(.value(Self.sqlValue(value)))
            }
            tuple.pieces.append(.text(")"))
            return tuple
        }
        try sql.execute("INSERT INTO \(raw: table.name) (\(raw: names)) VALUES \(SQL.joined(tuples, separator: ", "))")
    }

    func deleteArchivedRows() throws {
        for name in Self.archivedTableNames.reversed() + ["blob"] { try sql.execute("DELETE FROM \(raw: name)") }
    }

    func continueKeysAfterImport() throws {
        guard sql.dialect == .postgres else { return }
        for name in Self.archivedTableNames where try catalogueColumns(of: name).contains(where: { $0.0 == "id" }) {
            try sql.execute(
                """
                SELECT setval(pg_get_serial_sequence(\(name), 'id'), COALESCE((SELECT MAX(id) FROM \(raw: name)), 0) + 1,
                false)
                """)
        }
    }

    /// The schema's tables in the order its migrations create them (parents first), but where files live (their bytes,
    /// a competition's files by path: an archive holds the files themselves).
    static var archivedTableNames: [String] {
        Schema.migrations.flatMap(\.statements).compactMap { statement in
            let text = statement.rendered(for: .sqlite).text
            guard let match = text.firstMatch(of: /^CREATE TABLE (\w+)/) else { return nil }
            return String(match.1).lowercased()
        }.filter { !["blob", "competitionfile"].contains($0) }
    }

    /// The condition that keeps the rows of `table` that belong to `competition`: the competition itself, its own column, else its
    /// submission's, its event's or its participant's; a table of no competition (organiser accounts, chat cursors) is kept whole.
    private static func rows(of table: ArchiveManifest.Table, in competition: String) -> SQL {
        let columns = Set(table.columns.map(\.name))
        if table.name == "competition" { return "slug = \(competition)" }
        if columns.contains("competition") { return "competition = \(competition)" }
        if columns.contains("submissionid") {
            return "submissionid IN (SELECT id FROM submission WHERE competition = \(competition))"
        }
        if columns.contains("eventid") { return "eventid IN (SELECT id FROM event WHERE competition = \(competition))" }
        if columns.contains("participantid") {
            return "participantid IN (SELECT id FROM participant WHERE competition = \(competition))"
        }
        return "TRUE"
    }

    /// A table's columns and declared types, in their order, as the database's catalogue lists them.
    private func catalogueColumns(of table: String) throws -> [(String, String)] {
        let query: SQL =
            switch sql.dialect {
            case .sqlite: "SELECT name, type FROM pragma_table_info(\(table)) ORDER BY cid"
            case .postgres:
                """
                SELECT column_name::text, data_type::text FROM information_schema.columns
                WHERE table_schema = current_schema() AND table_name = \(table) ORDER BY ordinal_position
                """
            }
        let columns = try sql.fetch(query) { (try $0.next(String.self).lowercased(), try $0.next(String.self)) }
        guard !columns.isEmpty else { throw StoreError.database("the database has no table \(table)") }
        return columns
    }

    private static func kind(ofDeclared type: String) -> ArchiveManifest.ColumnKind? {
        let type = type.lowercased()
        if type.contains("int") { return .integer }
        if type.contains("double") || type.contains("real") || type.contains("float") { return .real }
        if type.contains("bool") { return .boolean }
        if type.contains("timestamp") || type.contains("datetime") { return .date }
        if type.contains("blob") || type.contains("bytea") { return .bytes }
        if type.contains("text") || type.contains("char") { return .text }
        return nil
    }

    private static func cell(_ reader: inout RowReader<E.Row>, kind: ArchiveManifest.ColumnKind) throws -> ArchiveValue
    {
        switch kind {
        case .integer: try reader.next(Int64?.self).map { .integer($0) } ?? .null
        case .real: try reader.next(Double?.self).map { .real($0) } ?? .null
        case .text: try reader.next(String?.self).map { .text($0) } ?? .null
        case .boolean: try reader.next(Bool?.self).map { .boolean($0) } ?? .null
        case .date: try reader.next(Date?.self).map { .date($0) } ?? .null
        case .bytes: try reader.next(Data?.self).map { .bytes($0) } ?? .null
        }
    }

    private static func sqlValue(_ value: ArchiveValue) -> SQLValue {
        switch value {
        case .null: .null
        case .integer(let int): .integer(int)
        case .real(let double): .real(double)
        case .text(let text): .text(text)
        case .boolean(let bool): .boolean(bool)
        case .date(let date): .date(date)
        case .bytes(let data): .blob(data)
        }
    }
}
