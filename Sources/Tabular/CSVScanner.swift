private let comma = UInt8(ascii: ",")
private let quote = UInt8(ascii: "\"")
private let newline = UInt8(ascii: "\n")
private let carriageReturn = UInt8(ascii: "\r")

/// One field's bytes as the scanner found them.
struct FieldSpan {
    var start = 0
    var end = 0
    /// The field was quoted and holds doubled quotes that must be collapsed.
    var escaped = false
}

/// The byte-level state machine behind `CSVReader`.
struct CSVScanner {
    let base: UnsafePointer<UInt8>
    let count: Int
    let source: String
    var position = 0
    var line = 1
    /// A row-level problem found while scanning the current row.
    private var rowProblem: String?
    private var unescapeBuffer: [UInt8] = []
    /// The pages of a mapped file already read, handed back row by row.
    private var pages: ReadPages
    /// The bytes before this offset are well-formed UTF-8.
    private var checked = 0

    init(base: UnsafePointer<UInt8>, count: Int, source: String, mapped: Bool = false) {
        self.base = base
        self.count = count
        self.source = source
        pages = ReadPages(base: base, mapped: mapped)
    }

    /// Checks that the bytes up to `end` are UTF-8, a step (`ReadPages.step`) at a time from where the last
    /// check stopped.
    mutating func checkUTF8(through end: Int) throws(CSVError) {
        while checked < end {
            let stop = min(checked + ReadPages.step, count)
            let step = UnsafeBufferPointer(start: base + checked, count: stop - checked)
            guard let bad = firstInvalidUTF8(step).map({ $0 + checked }) else {
                checked = stop
                continue
            }
            // A character cut by the step's end is checked whole from its first byte in the next step.
            if stop < count && bad >= stop - 3 && bad > checked {
                checked = bad
                continue
            }
            throw CSVReader.invalidUTF8(
                at: bad, in: UnsafeBufferPointer(start: base, count: count), source: source)
        }
    }

    mutating func skipBlankLines() {
        while position < count {
            if base[position] == newline {
                position += 1
                line += 1
            } else if base[position] == carriageReturn && position + 1 < count && base[position + 1] == newline {
                position += 2
                line += 1
            } else {
                return
            }
        }
    }

    /// Scans one field starting at `position`; returns whether a comma follows it.
    @inline(__always)
    mutating func scanField(_ field: inout FieldSpan, column: () -> String) throws(CSVError) -> Bool {
        if position < count && base[position] == quote {
            let quoteLine = line
            position += 1
            field.start = position
            field.escaped = false
            while true {
                guard position < count else {
                    throw CSVError(
                        file: source, line: quoteLine, column: column(),
                        message: "a quoted field is never closed; add the closing quote")
                }
                let byte = base[position]
                if byte == quote {
                    if position + 1 < count && base[position + 1] == quote {
                        field.escaped = true
                        position += 2
                        continue
                    }
                    field.end = position
                    position += 1
                    break
                }
                if byte == newline { line += 1 }
                position += 1
            }
            if position < count {
                let next = base[position]
                let endsRow =
                    next == newline
                    || (next == carriageReturn && position + 1 < count && base[position + 1] == newline)
                if next != comma && !endsRow {
                    if rowProblem == nil { rowProblem = "text after the closing quote of \"\(column())\"" }
                    while position < count && base[position] != comma && base[position] != newline { position += 1 }
                }
            }
        } else {
            field.start = position
            field.escaped = false
            while position < count {
                let byte = base[position]
                if byte == comma || byte == newline { break }
                if byte == quote && rowProblem == nil {
                    rowProblem =
                        "a quote inside the unquoted field \"\(column())\"; quote the whole field and double the inner quote"
                }
                position += 1
            }
            field.end = position
            if field.end > field.start && base[field.end - 1] == carriageReturn
                && (position == count || base[position] == newline)
            {
                field.end -= 1
            }
        }
        if position < count && base[position] == comma {
            position += 1
            return true
        }
        if position < count && base[position] == carriageReturn { position += 1 }
        if position < count && base[position] == newline {
            position += 1
            line += 1
        }
        return false
    }

    /// A number field at `position` read in the pass that finds its end: a plain decimal
    /// (`NumberParser.parsePlain`) followed by a comma, the end of the line or the end of the file. Returns nil
    /// and leaves `position` where it was for anything else (quotes, spaces, `nan`, text), which the caller
    /// then scans the general way, so both ways give the same value and the same errors.
    @inline(__always)
    mutating func scanPlainNumber(_ field: inout FieldSpan, more: inout Bool) -> Double? {
        guard let (value, length) = NumberParser.parsePlain(base + position, count - position) else { return nil }
        let end = position + length
        var next = end
        var endsLine = true
        if end < count {
            switch base[end] {
            case comma:
                endsLine = false
                next = end + 1
            case newline:
                next = end + 1
            case carriageReturn where end + 1 == count:
                next = end + 1
            case carriageReturn where base[end + 1] == newline:
                next = end + 2
            default:
                return nil
            }
        }
        if endsLine && next > end { line += 1 }
        field.start = position
        field.end = end
        field.escaped = false
        position = next
        more = !endsLine
        return value
    }

    /// Calls `body` with the field's bytes, doubled quotes collapsed.
    @inline(__always)
    mutating func withFieldBytes<R>(_ field: FieldSpan, _ body: (UnsafePointer<UInt8>, Int) -> R) -> R {
        if !field.escaped { return body(base + field.start, field.end - field.start) }
        unescapeBuffer.removeAll(keepingCapacity: true)
        var i = field.start
        while i < field.end {
            unescapeBuffer.append(base[i])
            i += base[i] == quote ? 2 : 1
        }
        unescapeBuffer.append(0)
        return unescapeBuffer.withUnsafeBufferPointer { body($0.baseAddress!, $0.count - 1) }
    }

    /// Throws when the id in `field` would take `ids` past the bytes an id column holds.
    @inline(__always)
    private func checkRoom(for field: FieldSpan, in ids: IDColumn, line: Int, column: String) throws(CSVError) {
        guard ids.byteCount + (field.end - field.start) > IDColumn.maximumBytes else { return }
        throw CSVError(
            file: source, line: line, column: column,
            message: "the ids take more than 4 GiB; a file this large is not a prediction file")
    }

    /// Rows and id bytes left, estimated from the next 64 KiB (for reserving capacity only): the rows from its
    /// line length, the id bytes from its id fields with a quarter to spare (a file's ids are then held in memory
    /// reused from the file before, where reserving the rest of the file would map fresh pages for each file).
    func estimateRemaining(idIndex: Int) -> (rows: Int, idBytes: Int) {
        let left = count - position
        let sample = min(left, 1 << 16)
        let end = position + sample
        var at = position
        var newlines = 0
        var lines = 0
        var idBytes = 0
        while at < end {
            var field = 0
            var start = at
            while at < end && base[at] != newline {
                if base[at] == comma {
                    if field == idIndex { idBytes += at - start }
                    field += 1
                    start = at + 1
                }
                at += 1
            }
            if field == idIndex { idBytes += at - start }
            if at < end { newlines += 1 }
            lines += 1
            at += 1
        }
        let rows = newlines > 0 ? left / max(1, sample / newlines) + 16 : 16
        return (rows, lines > 0 ? min(left, idBytes * rows / lines / 4 * 5 + 4096) : left)
    }

    mutating func readHeader() throws(CSVError) -> [String] {
        var names: [String] = []
        var field = FieldSpan()
        var more = true
        while more {
            let index = names.count + 1
            more = try scanField(&field) { "#\(index)" }
            names.append(
                withFieldBytes(field) { String(decoding: UnsafeBufferPointer(start: $0, count: $1), as: UTF8.self) })
        }
        if let problem = rowProblem { throw CSVError(file: source, line: 1, message: problem) }
        return names
    }

    mutating func readRows(header: [String], options: CSVReadOptions) throws(CSVError) -> CSVTable {
        let width = header.count
        let idIndex = header.firstIndex(of: options.idColumn)!
        var kinds = [ColumnKind?](repeating: nil, count: width)
        for (index, name) in header.enumerated() where index != idIndex {
            kinds[index] = options.columns[name] ?? options.otherColumns
        }
        let (estimatedRows, estimatedIDBytes) = estimateRemaining(idIndex: idIndex)
        var ids = IDColumn(indexed: options.indexIDs)
        ids.reserveCapacity(estimatedRows, bytes: estimatedIDBytes)
        var lines = LineNumbers()
        var labelBuilders: [Int: LabelBuilder] = [:]
        var numberBuilders: [Int: NumberBuilder] = [:]
        var textBuilders: [Int: TextBuilder] = [:]
        // Dense dispatch table: per field, 0 skip, 1 id, 2 label, 3 number, 4 text.
        var action = [UInt8](repeating: 0, count: width)
        // The builders again, by field, unretained (the dictionaries above keep them alive): the row loop then
        // costs no reference counting.
        var labelSinks = [Unmanaged<LabelBuilder>?](repeating: nil, count: width)
        var numberSinks = [Unmanaged<NumberBuilder>?](repeating: nil, count: width)
        var textSinks = [Unmanaged<TextBuilder>?](repeating: nil, count: width)
        action[idIndex] = 1
        for index in 0..<width {
            switch kinds[index] {
            case .label?:
                let builder = LabelBuilder()
                builder.reserve(estimatedRows)
                labelBuilders[index] = builder
                labelSinks[index] = Unmanaged.passUnretained(builder)
                action[index] = 2
            case .number?:
                let builder = NumberBuilder()
                builder.reserve(estimatedRows)
                numberBuilders[index] = builder
                numberSinks[index] = Unmanaged.passUnretained(builder)
                action[index] = 3
            case .text?:
                let builder = TextBuilder()
                textBuilders[index] = builder
                textSinks[index] = Unmanaged.passUnretained(builder)
                action[index] = 4
            case nil: break
            }
        }

        var problems: [CSVProblem] = []
        var moreProblems = 0
        // The row's scratch space, as buffers: an array would check its uniqueness on every field's write.
        let fields = UnsafeMutableBufferPointer<FieldSpan>.allocate(capacity: width)
        fields.initialize(repeating: FieldSpan())
        defer { fields.deallocate() }
        let names = UnsafeMutableBufferPointer<String>.allocate(capacity: width)
        _ = names.initialize(from: header)
        defer { names.deinitialize().deallocate() }
        var extra = FieldSpan()
        // Plain numbers are parsed while their field is scanned (`scanPlainNumber`): `parsed` holds them
        // until the row is known to be whole.
        let parsed = UnsafeMutableBufferPointer<Double>.allocate(capacity: width)
        parsed.initialize(repeating: 0)
        let wasParsed = UnsafeMutableBufferPointer<Bool>.allocate(capacity: width)
        wasParsed.initialize(repeating: false)
        let parsesNumber = UnsafeMutableBufferPointer<Bool>.allocate(capacity: width)
        _ = parsesNumber.initialize(from: action.map { $0 == 3 })
        defer {
            parsed.deallocate()
            wasParsed.deallocate()
            parsesNumber.deallocate()
        }
        // Rows of an id and plain numbers are read in one pass each (`scanPlainRow`), the rest field by field.
        // Their numbers go to the builders a block of rows at a time (field by field in `block`), which is
        // flushed before a row read the other way, so the rows keep their order.
        let plainRows = options.readsPlainRowsWhole ? PlainRowLayout(actions: action, idIndex: idIndex) : nil
        let blockRows = 1024
        let block = UnsafeMutableBufferPointer<Double>.allocate(capacity: plainRows == nil ? 0 : width * blockRows)
        defer { block.deallocate() }
        var rowsInBlock = 0
        func flushBlock() {
            guard rowsInBlock > 0 else { return }
            for index in 0..<width where index != idIndex {
                let values = UnsafeBufferPointer(start: block.baseAddress! + index * blockRows, count: rowsInBlock)
                numberSinks[index]!._withUnsafeGuaranteedRef { $0.append(contentsOf: values) }
            }
            rowsInBlock = 0
        }
        while position < count {
            skipBlankLines()
            if position >= count { break }
            if position + 65_536 > checked { try checkUTF8(through: min(count, position + ReadPages.step)) }
            pages.read(upTo: position)
            let rowLine = line
            if let plainRows {
                if scanPlainRow(
                    plainRows, values: block.baseAddress! + rowsInBlock, stride: blockRows, id: &fields[idIndex])
                {
                    lines.append(Int32(truncatingIfNeeded: rowLine))
                    try checkRoom(for: fields[idIndex], in: ids, line: rowLine, column: options.idColumn)
                    ids.append(base + fields[idIndex].start, fields[idIndex].end - fields[idIndex].start)
                    rowsInBlock += 1
                    if rowsInBlock == blockRows { flushBlock() }
                    continue
                }
                flushBlock()
            }
            rowProblem = nil
            var fieldCount = 0
            var more = true
            while more {
                let index = fieldCount
                if index < width {
                    if parsesNumber[index], let value = scanPlainNumber(&fields[index], more: &more) {
                        parsed[index] = value
                        wasParsed[index] = true
                    } else {
                        wasParsed[index] = false
                        // The name is read only for an error message: through a pointer, so that each field does
                        // not retain the header.
                        more = try scanField(&fields[index]) { names[index] }
                    }
                } else {
                    more = try scanField(&extra) { "#\(index + 1)" }
                }
                fieldCount += 1
            }
            if fieldCount != width || rowProblem != nil {
                let message =
                    fieldCount != width
                    ? "expected \(width) fields (\(CSVProblem.describe(header: header))), found \(fieldCount)"
                    : rowProblem!
                if problems.count < options.problemLimit {
                    problems.append(CSVProblem(line: rowLine, column: nil, message: message))
                } else {
                    moreProblems += 1
                }
                continue
            }
            lines.append(Int32(truncatingIfNeeded: rowLine))
            for index in 0..<width {
                switch action[index] {
                case 1:
                    try checkRoom(for: fields[index], in: ids, line: rowLine, column: options.idColumn)
                    withFieldBytes(fields[index]) { ids.append($0, $1) }
                case 2:
                    let sink = labelSinks[index]!
                    withFieldBytes(fields[index]) { bytes, length in
                        sink._withUnsafeGuaranteedRef { $0.append(bytes, length) }
                    }
                case 3:
                    let sink = numberSinks[index]!
                    if wasParsed[index] {
                        let value = parsed[index]
                        sink._withUnsafeGuaranteedRef { $0.append(value) }
                    } else {
                        withFieldBytes(fields[index]) { bytes, length in
                            sink._withUnsafeGuaranteedRef { $0.append(bytes, length) }
                        }
                    }
                case 4:
                    let sink = textSinks[index]!
                    withFieldBytes(fields[index]) { bytes, length in
                        sink._withUnsafeGuaranteedRef { $0.append(bytes, length) }
                    }
                default: break
                }
            }
        }

        flushBlock()
        try checkUTF8(through: count)
        var columns: [String: Column] = [:]
        for (index, builder) in labelBuilders { columns[header[index]] = .labels(builder.finish()) }
        for (index, builder) in numberBuilders { columns[header[index]] = .numbers(builder.finish()) }
        for (index, builder) in textBuilders { columns[header[index]] = .texts(builder.finish()) }
        ids.buildIndex()
        return CSVTable(
            source: source, header: header, idColumn: options.idColumn, ids: ids, lines: lines,
            columns: columns, problems: problems, moreProblems: moreProblems)
    }
}
