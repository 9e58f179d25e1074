import Competitions
import Foundation
import PodiumAPI
import Storage
import Tabular
import TestSupport
import Testing

@testable import Platform

/// Probing rounds (RuSentEval's protocol): a zip answers each task layer by layer, with embeddings Podium fits its
/// probe on or with prediction files; each task's board score is the layer best on the Public part, and the Private
/// score shown is that same layer's. Fixtures/probing, made by `make_probing_fixtures.py` (scikit-learn 1.9.1).
@Suite(.ownThreads)
struct ProbingTests {
    static let fixtures = PlatformHarness.repository.appendingPathComponent("Tests/PlatformTests/Fixtures/probing")

    struct Expected: Decodable {
        struct Parts: Decodable {
            let `public`: [Double]
            let `private`: [Double]
        }
        let tense: Parts
        let length: Parts
    }

    /// A harness with the fixture competition loaded as `probe-cup`, its round open, and a team.
    static func harness() throws -> (PlatformHarness, TeamRecord) {
        let harness = try PlatformHarness()
        let folder = "\(harness.data)/competitions/probe-cup"
        try FileManager.default.createDirectory(
            atPath: "\(harness.data)/competitions", withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: fixtures.appendingPathComponent("competition").path, toPath: folder)
        _ = try harness.load(folder)
        _ = try harness.platform.organisers.act("open", competition: "probe-cup", round: "layers", actor: "test")
        let (team, _) = try harness.platform.organisers.addTeam(competition: "probe-cup", name: "probers")
        return (harness, team)
    }

    /// A zip of `folder`'s files, with `change` applied to a copy first (made with Python's zipfile).
    static func zip(_ folder: URL, in harness: PlatformHarness, change: (String) throws -> Void = { _ in }) throws
        -> Platform.Upload
    {
        let copy = "\(harness.data)/upload-\(UUID())"
        try FileManager.default.copyItem(atPath: folder.path, toPath: copy)
        try change(copy)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/python3")
        process.arguments = ["-m", "zipfile", "-c", "\(copy).zip"] + ["tense", "length"].map { "\(copy)/\($0)" }
        try process.run()
        process.waitUntilExit()
        return Platform.Upload(name: "layers.zip", path: "\(copy).zip")
    }

    @Test func eachLayerIsScoredAsScikitLearnDoesAndTheBoardTakesThePublicBestLayer() throws {
        let (harness, team) = try Self.harness()
        let platform = harness.platform
        let upload = try Self.zip(Self.fixtures.appendingPathComponent("submission"), in: harness)
        let accepted = try platform.submissions.accept(
            competition: "probe-cup", round: "layers", team: team, uploads: [upload])
        #expect(try platform.scoring.work(worker: "w", once: true) == 1)
        let record = try #require(try platform.submissions.submission(accepted.id))
        #expect(record.status == .scored, "\(record.error ?? "")")
        let sheet = try #require(ScoreSheet(stored: record.scores))
        let layers = try #require(sheet.layers)
        let expected = try JSONDecoder().decode(
            Expected.self, from: Data(contentsOf: Self.fixtures.appendingPathComponent("expected.json")))
        for (task, parts) in [("tense", expected.tense), ("length", expected.length)] {
            let scores = try #require(layers[task])
            #expect(scores.public.count == 3 && scores.private?.count == 3, "\(task)")
            for layer in 0..<3 {
                #expect(abs(try #require(scores.public[layer]) - parts.public[layer]) < 1e-12, "\(task) \(layer)")
                #expect(abs(try #require(scores.private?[layer] ?? nil) - parts.private[layer]) < 1e-12)
            }
            #expect(scores.layer == 1, "\(task): layer 1 is best on the Public part")
            #expect(sheet.public[task] == parts.public[1] && sheet.private[task] == parts.private[1], "\(task)")
        }
        // Layer 2 of `length` is better on the Private part; the board still shows layer 1's.
        #expect(expected.length.private[2] > expected.length.private[1])
        #expect(record.privateScore == (expected.tense.private[1] + expected.length.private[1]) / 2)
    }

    /// A float32 value's little-endian bytes.
    static func bytes(_ value: Float) -> Data { Swift.withUnsafeBytes(of: value.bitPattern.littleEndian) { Data($0) } }

    /// A `.npy` file (format 1.0) of `rows` × `width` float32 halves.
    static func npy(rows: Int, width: Int) -> Data {
        var header = "{'descr': '<f4', 'fortran_order': False, 'shape': (\(rows), \(width)), }"
        while (10 + header.utf8.count + 1) % 64 != 0 { header += " " }
        header += "\n"
        var data = Data([0x93] + Array("NUMPY".utf8) + [1, 0])
        data.append(contentsOf: [UInt8(header.utf8.count & 0xFF), UInt8(header.utf8.count >> 8)])
        data.append(contentsOf: Array(header.utf8))
        for _ in 0..<(rows * width) { data.append(bytes(0.5)) }
        return data
    }

    @Test func badLayersAreRefusedWithTheFileAndRowAndCostNothing() throws {
        let (harness, team) = try Self.harness()
        let platform = harness.platform
        let submission = Self.fixtures.appendingPathComponent("submission")
        func refusal(_ change: @escaping (String) throws -> Void) throws -> String {
            let upload = try Self.zip(submission, in: harness, change: change)
            do {
                _ = try platform.submissions.accept(
                    competition: "probe-cup", round: "layers", team: team, uploads: [upload])
                return "accepted"
            } catch let error as PlatformError {
                return ([error.message] + error.details.map(\.description)).joined(separator: "\n")
            }
        }
        // A NaN in row 7 of layer 2's test embeddings.
        let nan = try refusal { folder in
            let path = "\(folder)/tense/layer_2.test.npy"
            var data = try Data(contentsOf: URL(fileURLWithPath: path))
            let header = data.count - 100 * 12 * 4
            let offset = header + (6 * 12 + 3) * 4
            data.replaceSubrange(offset..<offset + 4, with: Self.bytes(Float.nan))
            try data.write(to: URL(fileURLWithPath: path))
        }
        #expect(nan.contains("tense/layer_2.test.npy") && nan.contains("row 7") && nan.contains("NaN"), "\(nan)")
        // Too few rows: the train embeddings of a layer cut to 149 sentences.
        let rows = try refusal { folder in
            try Self.npy(rows: 149, width: 12).write(to: URL(fileURLWithPath: "\(folder)/tense/layer_0.train.npy"))
        }
        #expect(rows.contains("tense/layer_0.train.npy") && rows.contains("149 rows"), "\(rows)")
        // A gap: layer 1's prediction file missing while layer 2's is there.
        let gap = try refusal { folder in try FileManager.default.removeItem(atPath: "\(folder)/length/layer_1.csv") }
        #expect(gap.contains("no prediction file for layer 1"), "\(gap)")
        // Past the round's four layers.
        let past = try refusal { folder in
            try FileManager.default.copyItem(
                atPath: "\(folder)/length/layer_0.csv", toPath: "\(folder)/length/layer_7.csv")
        }
        #expect(past.contains("layer 7 is past the round's 4 layers"), "\(past)")
        #expect(try platform.submissions.quota(competition: "probe-cup", round: "layers", team: team).used == 0)
        #expect(try platform.boards.recentSubmissions(competition: "probe-cup").isEmpty)
    }

    @Test func podiumCheckNamesWhatAProbingRoundLacks() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("probe-check-\(UUID())").path
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try FileManager.default.copyItem(
            atPath: Self.fixtures.appendingPathComponent("competition").path, toPath: folder)
        #expect(CompetitionCheck.check(folder: folder).problems == [])
        let yaml = "\(folder)/competition.yaml"
        let text = try String(contentsOfFile: yaml, encoding: .utf8)
        func problems(_ edit: (String) -> String) throws -> [String] {
            try edit(text).write(toFile: yaml, atomically: true, encoding: .utf8)
            return CompetitionCheck.check(folder: folder).problems
        }
        #expect(
            try problems { $0.replacingOccurrences(of: "layers: 4, width: 16", with: "layers: 4, layer: 9, width: 16") }
                == ["rounds.layers.probing.layer: 9 is not one of the layers 0–3"])
        #expect(
            try problems { $0.replacingOccurrences(of: "    probing: { layers: 4, width: 16, c: 0.5 }\n", with: "") }
                == ["rounds.layers.probing: a round with submission: probing needs a probing block (layers)"])
        #expect(
            try problems { $0.replacingOccurrences(of: "public/tense_train.csv", with: "public/nothing.csv") }
                == ["tasks.tense.probe_train: public/nothing.csv does not exist"])
        #expect(
            try problems { $0.replacingOccurrences(of: "submission: probing", with: "submission: probes") }
                == ["rounds.layers.submission: \"probes\" is not one of files, code, probing"])
    }

    @Test func theBestLayerIsTheHighestDefinedScoreAndTheLowerLayerOnATie() {
        #expect(LayerScores.best([0.5, nil, 0.9, 0.9, 0.1]) == 2)
        #expect(LayerScores.best([nil, 0.3]) == 1)
        #expect(LayerScores.best([nil, nil]) == nil)
    }
}
