import Foundation
import Testing

@testable import Tabular

/// JSON Lines into the CSV reader's table: Russian SuperGLUE's flat files and MuSeRC's nested passages,
/// and an error naming the line and the field for every way a line can be wrong.
struct JSONLinesReaderTests {
    static let labels = CSVReadOptions(idColumn: "idx", columns: ["label": .label])

    static func read(_ text: String, _ options: CSVReadOptions = labels, layout: JSONLinesLayout = .flat) throws
        -> CSVTable
    {
        try JSONLinesReader.read(text: text, source: "t.jsonl", options: options, layout: layout)
    }

    @Test func flatLinesBecomeRowsWithLabelsAsText() throws {
        let table = try Self.read(
            "\u{FEFF}{\"idx\": 0, \"label\": \"not_entailment\"}\r\n\n{\"idx\":1,\"label\":1}\n"
                + "  {\"label\": true, \"idx\": \"2\", \"extra\": [1]}  \n{\"idx\": 3, \"label\": \"\\u0414\\u0430\"}")
        #expect(table.header == ["idx", "label"])
        #expect((0..<table.rowCount).map { table.ids[$0] } == ["0", "1", "2", "3"])
        #expect(table.lines == [1, 3, 4, 5])
        let labels = try #require(table.labels("label"))
        #expect((0..<4).map { labels[$0] } == ["not_entailment", "1", "true", "Да"])
        #expect(table.problems.isEmpty)
    }

    @Test func numbersAreParsedAndAnythingElseIsLeftForTheValidatorToName() throws {
        let options = CSVReadOptions(idColumn: "idx", otherColumns: .number)
        let table = try Self.read(
            "{\"idx\": 0, \"p\": 0.25}\n{\"idx\": 1, \"p\": \"0.5\"}\n{\"idx\": 2, \"p\": -1e-3}\n{\"idx\": 3, \"p\": null}",
            options)
        let numbers = try #require(table.numbers("p"))
        #expect(numbers.values[0] == 0.25 && numbers.values[2] == -0.001)
        #expect(numbers.unparsed == [1: "0.5", 3: "null"])
    }

    @Test func anArrayOfGoldAnswersIsKeptAsItsJSON() throws {
        let options = CSVReadOptions(idColumn: "idx", columns: ["label": .text])
        let table = try Self.read(
            "{\"idx\": 0, \"label\": [\"Москва\", \"город \\\"М\\\"\"]}\n{\"idx\": 1, \"label\": 7}", options)
        let texts = try #require(table.texts("label"))
        #expect(texts == ["[\"Москва\",\"город \\\"М\\\"\"]", "7"])
        let decoded = try JSONDecoder().decode([String].self, from: Data(texts[0].utf8))
        #expect(decoded == ["Москва", "город \"М\""])
    }

    @Test(
        arguments: [
            ("{\"idx\": 0, \"label\": \"a\"", 1, nil, "not JSON: expected ',' or '}', found the end of the line"),
            ("[1, 2]", 1, nil, "expected a JSON object"),
            ("{\"label\": \"a\"}", 1, "idx", "missing field"),
            ("{\"idx\": true, \"label\": \"a\"}", 1, "idx", "expected a number or a string, found a boolean"),
            ("{\"idx\": 0, \"label\": null}", 1, "label", "found null"),
            ("{\"idx\": 0, \"idx\": 1, \"label\": \"a\"}", 1, nil, "the field \"idx\" appears twice"),
            ("{\"idx\": 0, \"label\": \"a\"} x", 1, nil, "after the value; one JSON value per line"),
            ("{\"idx\": 0, \"label\": \"\\ud800\"}", 1, nil, "surrogate pair that does not continue"),
            ("{\"idx\": 01, \"label\": \"a\"}", 1, nil, "may not start with 0"),
            ("{\"idx\": 0, \"label\": 'a'}", 1, nil, "expected a value"),
            ("{\"idx\": 0, \"label\": \"a\"}\n{\"idx\": 1}", 2, "label", "missing field; other lines have it"),
        ] as [(String, Int, String?, String)])
    func everyBadLineIsNamedWithItsFieldAndLeftOut(text: String, line: Int, field: String?, message: String) throws {
        let table = try Self.read(text)
        let problem = try #require(table.problems.first, "no problem reported for \(text)")
        #expect(problem.line == line)
        #expect(problem.column == field)
        #expect(problem.message.contains(message), "\(problem.message)")
        #expect(table.rowCount == (line == 2 ? 1 : 0))
    }

    @Test func nestingTooDeepIsRefusedNotACrash() throws {
        let table = try Self.read(String(repeating: "[", count: 100_000))
        #expect(try #require(table.problems.first).message.contains("nested more than 64 deep"))
    }

    @Test func emptyAndNonUTF8FilesAreRefusedAsAWhole() {
        #expect(throws: CSVError.self) { try Self.read("\n\n") }
        let bytes: [UInt8] = Array("{\"idx\": 0, \"label\": \"".utf8) + [0xFF] + Array("\"}".utf8)
        #expect {
            try bytes.withUnsafeBufferPointer {
                try JSONLinesReader.read(bytes: $0, source: "t.jsonl", options: Self.labels)
            }
        } throws: { error in
            (error as? CSVError)?.problem.message.contains("invalid UTF-8") == true
        }
    }

    @Test func museRCPassagesBecomeOneRowPerAnswerGroupedByQuestion() throws {
        let options = CSVReadOptions(idColumn: "idx", columns: ["label": .label, "question": .label, "Usage": .label])
        let text = """
            {"idx": 0, "Usage": "Public", "passage": {"text": "…", "questions": [{"idx": 0, "answers": [{"idx": 0, "label": 1}, {"idx": 1, "label": 0}]}, {"idx": 1, "answers": [{"idx": 2, "label": 1}]}]}}
            {"idx": 1, "Usage": "Private", "passage": {"questions": [{"idx": 2, "answers": [{"idx": 3, "label": 0}]}]}}
            {"idx": 2, "Usage": "Private", "passage": {"questions": [{"idx": 3, "answers": [{"idx": 4}, {"idx": 5, "label": "x"}]}]}}
            {"idx": 3, "passage": {"questions": {"idx": 4}}}
            """
        let table = try Self.read(text, options, layout: .museRC(groupColumn: "question"))
        #expect((0..<table.rowCount).map { table.ids[$0] } == ["0", "1", "2", "3", "5"])
        #expect(table.lines == [1, 1, 1, 2, 3])
        #expect(try #require(table.labels("question")).codes.count == 5)
        let question = try #require(table.labels("question"))
        #expect((0..<5).map { question[$0] } == ["0", "0", "1", "2", "3"])
        let usage = try #require(table.labels("Usage"))
        #expect((0..<5).map { usage[$0] } == ["Public", "Public", "Public", "Private", "Private"])
        let problems = table.problems.map { "\($0.line ?? 0) \($0.column ?? "-"): \($0.message)" }
        #expect(problems.contains { $0.hasPrefix("3 label: missing field") }, "\(problems)")
        #expect(problems.contains { $0.hasPrefix("4 passage.questions: missing or not an array") }, "\(problems)")
    }
}
