import Competitions
import Foundation
import Testing

/// `podium check`'s rules, each with the message an organiser sees.
struct CompetitionCheckTests {
    static let solution = "id,label,Usage\na,1,Public\nb,0,Private\nc,1,Private\n"
    static let sample = "id,label\na,0\nb,0\nc,0\n"

    func check(_ yaml: String, files: [String: String]? = nil) throws -> CheckReport {
        let folder = try CompetitionFolder(
            yaml: yaml, files: files ?? ["hidden/test.csv": Self.solution, "public/sample.csv": Self.sample])
        return CompetitionCheck.check(folder: folder.path)
    }

    static let valid = """
        title: T
        tasks:
          - id: main
            metric: f1
            solution: hidden/test.csv
            sample_submission: public/sample.csv
        rounds:
          - id: practice
          - id: qualifying
            opens: 2026-12-01T09:00:00Z
            closes: 2026-12-14T21:00:00Z
            submissions: { per_day: 5, total: 60 }
            advance: { top: 2 }
          - id: final
            opens: 2026-12-18T09:00:00Z
        """

    @Test func aValidCompetitionHasNoProblemsAndCountsRows() throws {
        let report = try check(Self.valid)
        #expect(report.problems == [])
        #expect(report.ok)
        #expect(report.taskRows["main"]?.public == 1 && report.taskRows["main"]?.private == 2)
        #expect(report.config?.rounds.map(\.id) == ["practice", "qualifying", "final"])
    }

    @Test func unknownKeysAreReportedWithTheirLine() throws {
        let yaml = Self.valid.replacingOccurrences(of: "per_day: 5", with: "per_dya: 5")
            .replacingOccurrences(of: "title: T", with: "title: T\ntitel: typo")
        let report = try check(yaml)
        #expect(report.problems.contains { $0.contains("line 2") && $0.contains("titel: unknown key") })
        #expect(
            report.problems.contains {
                $0.contains("rounds[1].submissions.per_dya: unknown key; expected one of per_day, reset_hour, total")
            })
    }

    @Test func aChatTargetsKeysAreCheckedWithTheirLine() throws {
        let notify = """

            notify:
              - telegram: { chat_id: "-100123", token_env: TG_TOKEN, commands: true, secret_env: TG_SECRET }
              - slack: { url_env: SLACK_URL, commands: true, signing_secret_env: SLACK_SIGNING }
              - discord: { url_env: DISCORD_URL, commands: true, public_key: "ab12" }
            """
        #expect(try check(Self.valid + notify).problems == [])
        let typo = try check(
            Self.valid + notify.replacingOccurrences(of: "secret_env: TG_SECRET", with: "secret_evn: TG"))
        #expect(
            typo.problems.contains {
                $0.contains("notify[0].telegram.secret_evn: unknown key") && $0.contains("line ")
            }, "\(typo.problems)")
        #expect(typo.problems.contains { $0.contains("commands: true needs secret_env") }, "\(typo.problems)")
        let unsigned = try check(
            Self.valid + notify.replacingOccurrences(of: ", signing_secret_env: SLACK_SIGNING", with: ""))
        #expect(
            unsigned.problems == [
                "notify[1] slack: commands: true needs signing_secret_env (Slack's signing secret, checked on every command)"
            ])
        let unknownKind = try check(Self.valid + "\nnotify:\n  - matrix: { url: x }\n")
        #expect(
            unknownKind.problems.contains { $0.contains("notify[0].matrix: unknown key") }, "\(unknownKind.problems)")
    }

    @Test func badDatesAreReported() throws {
        let report = try check(Self.valid.replacingOccurrences(of: "2026-12-14T21:00:00Z", with: "next tuesday"))
        #expect(!report.ok)
        #expect(report.problems.contains { $0.contains("rounds[1].closes") })
    }

    @Test func roundsOutOfOrderOrOverlapping() throws {
        let overlapping = try check(
            Self.valid.replacingOccurrences(of: "2026-12-18T09:00:00Z", with: "2026-12-10T09:00:00Z"))
        #expect(
            overlapping.problems.contains {
                $0.contains("rounds.final: opens (2026-12-10T09:00:00Z) before rounds.qualifying closes")
            })
        let inverted = try check(
            Self.valid.replacingOccurrences(of: "2026-12-14T21:00:00Z", with: "2026-11-30T21:00:00Z"))
        #expect(
            inverted.problems.contains { $0.contains("rounds.qualifying: closes") && $0.contains("is not after opens") }
        )
    }

    @Test func unknownMetricMissingFileAndUnknownScorer() throws {
        let report = try check(
            Self.valid.replacingOccurrences(of: "metric: f1", with: "metric: f2")
                .replacingOccurrences(
                    of: "rounds:\n", with: "  - id: extra\n    scorer: kappa\n    solution: hidden/x.csv\nrounds:\n"))
        #expect(report.problems.contains { $0.hasPrefix("tasks.main.metric: unknown metric \"f2\"") })
        #expect(report.problems.contains { $0.contains("tasks.extra.scorer") })
        let missing = try check(Self.valid.replacingOccurrences(of: "hidden/test.csv", with: "hidden/nope.csv"))
        #expect(missing.problems.contains("tasks.main.solution: file hidden/nope.csv does not exist"))
    }

    @Test func aSampleSubmissionThatFailsValidationIsAProblem() throws {
        let report = try check(
            Self.valid, files: ["hidden/test.csv": Self.solution, "public/sample.csv": "id,label\na,0\nb,maybe\nz,0\n"])
        let problem = try #require(report.problems.first { $0.contains("sample_submission fails validation") })
        #expect(problem.contains("line 3, column \"label\": \"maybe\" is not one of 0, 1"))
        #expect(problem.contains("unknown id \"z\""))
        #expect(problem.contains("id \"c\" is missing"))
    }

    @Test func quotaSelectionModeAndAdvanceRules() throws {
        let yaml = Self.valid.replacingOccurrences(of: "per_day: 5", with: "per_day: 0")
            .replacingOccurrences(
                of: "  - id: final\n", with: "  - id: final\n    leaderboard: worst\n    advance: { top: 1 }\n")
        let report = try check(yaml)
        #expect(report.problems.contains("rounds.qualifying.submissions.per_day: must be at least 1"))
        #expect(report.problems.contains("rounds.final.leaderboard: \"worst\" is not best or latest"))
        #expect(report.problems.contains("rounds.final.advance: the last round has no next round"))
    }

    @Test func theDemoCompetitionsAreValid() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent(
            "../../competitions"
        ).standardized
        for slug in ["nti-digits", "russian-superglue"] {
            let report = CompetitionCheck.check(folder: root.appendingPathComponent(slug).path)
            #expect(report.problems == [], "\(slug)")
        }
    }
}
