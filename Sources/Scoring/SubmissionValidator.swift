import MLMetrics
import Tabular

/// Checks a submission against an answer key before anything is scored or charged: the columns,
/// every id (missing, unknown, duplicate), and every value (a known class, a finite number, a
/// probability in [0, 1], class probabilities summing to 1 within 1e-6). It lists every problem
/// (the first 50 in full) and returns the predictions aligned to the key only when there are none.
public enum SubmissionValidator {
    /// Tolerance on the sum of a row's class probabilities.
    public static let probabilitySumTolerance = 1e-6

    /// What to keep when reading a submission for `spec` (independent of the key, so the two files
    /// can be read at the same time).
    public static func readOptions(for spec: TaskSpec) throws(ScoringError) -> CSVReadOptions {
        switch try spec.input() {
        case .labels: return CSVReadOptions(idColumn: spec.idColumn, columns: [spec.target: .label])
        case .probabilities, .numbers: return CSVReadOptions(idColumn: spec.idColumn, otherColumns: .number)
        case .answers: return CSVReadOptions(idColumn: spec.idColumn, columns: [spec.target: .text])
        }
    }

    /// Reads and validates the submission at `path`.
    public static func validate(path: String, key: AnswerKey) throws(ScoringError) -> PredictedValues {
        let options = try readOptions(for: key.spec)
        let table: CSVTable
        do {
            table = try key.spec.readSubmission(path: path, options: options)
        } catch {
            throw .invalidSubmission(ValidationReport(file: error.file, problems: [error.problem], more: 0))
        }
        return try validate(table, key: key)
    }

    /// Validates a submission already read with `readOptions(for:)`.
    public static func validate(_ table: CSVTable, key: AnswerKey) throws(ScoringError) -> PredictedValues {
        let spec = key.spec
        var problems = ProblemList()
        for problem in table.problems { problems.add(problem) }
        problems.count(table.moreProblems)

        let input = try spec.input()
        // A binary task takes the positive class's probability in the target column, or — as ensembles and
        // predict_proba write it — one column per class (the positive one is then read, the two checked to
        // sum to 1).
        let perClassBinary =
            input == .probabilities && key.classes.count == 2 && !table.header.contains(spec.target)
            && key.classes.allSatisfy(table.header.contains) && key.positiveCode != nil
        let valueColumns =
            input == .probabilities && (key.classes.count > 2 || perClassBinary) ? key.classes : [spec.target]
        let expected = ([spec.idColumn] + valueColumns).joined(separator: ",")
        for column in valueColumns where !table.header.contains(column) {
            problems.add(line: 1, column: column, "missing column; expected the header \(expected)")
        }
        for column in table.header where column != spec.idColumn && !valueColumns.contains(column) {
            problems.add(line: 1, column: column, "unexpected column; expected the header \(expected)")
        }

        let keyRowOf = key.ids.rows(matching: table.ids)
        checkIDs(table, key: key, keyRowOf: keyRowOf, problems: &problems)
        guard valueColumns.allSatisfy(table.header.contains) else {
            throw .invalidSubmission(problems.report(file: table.source))
        }

        let predictions: PredictedValues
        switch input {
        case .labels:
            predictions = .labels(checkLabels(table, key: key, keyRowOf: keyRowOf, problems: &problems))
        case .probabilities where perClassBinary:
            let columns = valueColumns.map { checkNumbers(table, column: $0, unit: true, keyRowOf, key, &problems) }
            checkSums(columns, table: table, keyRowOf: keyRowOf, problems: &problems)
            predictions = .positiveProbabilities(columns[key.positiveCode!])
        case .probabilities where key.classes.count > 2:
            let columns = valueColumns.map { checkNumbers(table, column: $0, unit: true, keyRowOf, key, &problems) }
            checkSums(columns, table: table, keyRowOf: keyRowOf, problems: &problems)
            predictions = .classProbabilities(columns)
        case .probabilities:
            predictions = .positiveProbabilities(
                checkNumbers(table, column: spec.target, unit: true, keyRowOf, key, &problems))
        case .numbers:
            predictions = .numbers(checkNumbers(table, column: spec.target, unit: false, keyRowOf, key, &problems))
        case .answers:
            let texts = table.texts(spec.target)!
            var aligned = [String](repeating: "", count: key.ids.count)
            for row in 0..<table.rowCount where keyRowOf[row] >= 0 { aligned[Int(keyRowOf[row])] = texts[row] }
            predictions = .answers(aligned)
        }
        guard problems.isEmpty else { throw .invalidSubmission(problems.report(file: table.source)) }
        return predictions
    }

    /// Duplicate, unknown and missing ids.
    private static func checkIDs(_ table: CSVTable, key: AnswerKey, keyRowOf: [Int32], problems: inout ProblemList) {
        let idColumn = key.spec.idColumn
        var duplicateRows = Set<Int>()
        for duplicate in table.ids.duplicates {
            duplicateRows.insert(duplicate.row)
            problems.add(
                line: Int(table.lines[duplicate.row]), column: idColumn,
                "duplicate id \(shown(table.ids[duplicate.row])) (first at line \(table.lines[duplicate.firstRow]))")
        }
        var covered = [Bool](repeating: false, count: key.ids.count)
        for row in 0..<table.rowCount {
            let keyRow = Int(keyRowOf[row])
            if keyRow >= 0 {
                covered[keyRow] = true
            } else if !duplicateRows.contains(row) {
                problems.add(
                    line: Int(table.lines[row]), column: idColumn,
                    "unknown id \(shown(table.ids[row])); it is not in the test set"
                        + LikelyCause.paddedID(table.ids[row], in: key.ids))
            }
        }
        var missing = 0
        for keyRow in 0..<key.ids.count where !covered[keyRow] {
            if missing < 5 {
                problems.add(
                    line: nil, column: idColumn, "id \(shown(key.ids[keyRow])) is missing; every test id needs a row")
            } else {
                problems.count(1)
            }
            missing += 1
        }
    }

    /// Maps submitted labels to the key's class codes; unknown labels are problems.
    private static func checkLabels(
        _ table: CSVTable, key: AnswerKey, keyRowOf: [Int32], problems: inout ProblemList
    ) -> [Int32] {
        let column = table.labels(key.spec.target)!
        let classIndex = Dictionary(uniqueKeysWithValues: key.classes.enumerated().map { ($1, Int32($0)) })
        let map = column.names.map { classIndex[$0] ?? -1 }
        let allowed = key.classes.joined(separator: ", ")
        var aligned = [Int32](repeating: 0, count: key.ids.count)
        for row in 0..<table.rowCount {
            let code = map[Int(column.codes[row])]
            if code < 0 {
                problems.add(
                    line: Int(table.lines[row]), column: key.spec.target,
                    "\(shown(column[row])) is not one of \(allowed)"
                        + LikelyCause.floatLabel(column[row], classes: key.classes))
            } else if keyRowOf[row] >= 0 {
                aligned[Int(keyRowOf[row])] = code
            }
        }
        return aligned
    }

    /// Checks a number column (finite; in [0, 1] when `unit`) and aligns it to the key.
    private static func checkNumbers(
        _ table: CSVTable, column name: String, unit: Bool, _ keyRowOf: [Int32], _ key: AnswerKey,
        _ problems: inout ProblemList
    ) -> [Double] {
        let column = table.numbers(name)!
        var aligned = [Double](repeating: 0, count: key.ids.count)
        for row in 0..<table.rowCount {
            let value = column.values[row]
            let line = Int(table.lines[row])
            if let text = column.unparsed[row] {
                problems.add(line: line, column: name, "\(shown(text)) is not a number")
            } else if value.isNaN {
                problems.add(line: line, column: name, "NaN is not allowed; every row needs a number")
            } else if !value.isFinite {
                problems.add(line: line, column: name, "the value is infinite or too large for a double")
            } else if unit && !(0...1).contains(value) {
                problems.add(line: line, column: name, "\(value) is not a probability; expected a number in [0, 1]")
            } else if keyRowOf[row] >= 0 {
                aligned[Int(keyRowOf[row])] = value
            }
        }
        return aligned
    }

    /// Each row's class probabilities must sum to 1.
    private static func checkSums(
        _ columns: [[Double]], table: CSVTable, keyRowOf: [Int32], problems: inout ProblemList
    ) {
        for row in 0..<table.rowCount where keyRowOf[row] >= 0 {
            let keyRow = Int(keyRowOf[row])
            let sum = columns.reduce(0) { $0 + $1[keyRow] }
            if abs(sum - 1) > probabilitySumTolerance && sum.isFinite {
                problems.add(
                    line: Int(table.lines[row]), column: nil,
                    "class probabilities sum to \(sum); expected 1 (within \(probabilitySumTolerance))")
            }
        }
    }
}
