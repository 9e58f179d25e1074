import ArgumentParser
import Foundation
import Notifications
import Platform
import Storage
import Tabular

extension Podium {
    /// `podium notify`.
    struct Notify: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Chat notifications: send a test, deliver the outbox, redeliver dead letters, list deliveries.",
            subcommands: [Test.self, Run.self, Retry.self, List.self])

        /// `podium notify test`.
        struct Test: ParsableCommand {
            static let configuration = CommandConfiguration(
                abstract: "Send a test message to a competition's targets and print each response.")
            @Argument(help: "The competition.") var slug: String
            @Option(help: "Only the target with this name (see podium notify list).") var target: String?
            @Option(help: "A server-wide target KIND=URL (repeatable).") var notify: [String] = []
            @OptionGroup var options: PlatformOptions

            func run() throws {
                try options.run {
                    let platform = try options.platform()
                    let (_, config) = try platform.competition(slug)
                    let (targets, problems) = NotifySetup.targets(platform: platform, flags: notify)
                    for problem in problems { Output.error("warning: \(problem)") }
                    let chosen = targets.filter {
                        ($0.competition == nil || $0.competition == slug) && (target == nil || $0.name == target)
                    }
                    guard !chosen.isEmpty else {
                        throw PlatformError(
                            .notFound, "no notify target for \(slug)\(target.map { " named \($0)" } ?? "")")
                    }
                    let event = EventRecord(
                        id: 0, competition: slug, type: .test, payload: "{}", createdAt: platform.now)
                    var results: [[String: JSONValue]] = []
                    for target in chosen {
                        let environment = ProcessInfo.processInfo.environment
                        guard
                            let request = Payloads.request(
                                event, to: target, title: config.title, language: config.language ?? "en",
                                environment: environment)
                        else {
                            results.append([
                                "target": .string(target.name), "status": 0,
                                "response": .string(target.kind.rawValue + ": " + "its secret variable is not set"),
                            ])
                            continue
                        }
                        let result = HTTPPoster.post(url: request.url, headers: request.headers, body: request.body)
                        results.append([
                            "target": .string(target.name), "status": .int(result.status),
                            "response": .string(result.body),
                        ])
                    }
                    if options.json {
                        Output.json(["results": .array(results.map { .object($0) })])
                    } else {
                        Output.line(
                            results.map { "\($0["target"]!.json): \($0["status"]!.json) \($0["response"]!.json)" }
                                .joined(
                                    separator: "\n"))
                    }
                }
            }
        }

        /// `podium notify run`.
        struct Run: ParsableCommand {
            static let configuration = CommandConfiguration(
                abstract: "Deliver the outbox (what podium serve does in the background).")
            @Flag(help: "One pass, then exit.") var once = false
            @Option(help: "A server-wide target KIND=URL (repeatable).") var notify: [String] = []
            @OptionGroup var options: PlatformOptions

            func run() throws {
                try options.run {
                    let platform = try options.platform()
                    let (targets, problems) = NotifySetup.targets(platform: platform, flags: notify)
                    for problem in problems { Output.error("warning: \(problem)") }
                    let dispatcher = NotifySetup.dispatcher(platform: platform, targets: targets)
                    if once {
                        try platform.organisers.emitScheduledEvents()
                        let attempted = try dispatcher.runOnce()
                        if options.json {
                            Output.json(["attempted": .int(attempted)])
                        } else {
                            Output.line("attempted \(attempted) deliveries")
                        }
                        return
                    }
                    while true {
                        try? platform.organisers.emitScheduledEvents()
                        _ = try? dispatcher.runOnce()
                        Thread.sleep(forTimeInterval: 1)
                    }
                }
            }
        }

        /// `podium notify retry`.
        struct Retry: ParsableCommand {
            static let configuration = CommandConfiguration(
                abstract: "Put dead-lettered deliveries back in their queues.")
            @Option(help: "Only this target.") var target: String?
            @OptionGroup var options: PlatformOptions

            func run() throws {
                try options.run {
                    let platform = try options.platform()
                    let count = try Outbox(store: platform.store).retryDead(target: target, now: platform.now)
                    if options.json {
                        Output.json(["requeued": .int(count)])
                    } else {
                        Output.line("requeued \(count) deliveries")
                    }
                }
            }
        }

        /// `podium notify list`.
        struct List: ParsableCommand {
            static let configuration = CommandConfiguration(
                abstract: "The newest deliveries with their state and last response.")
            @OptionGroup var options: PlatformOptions

            func run() throws {
                try options.run {
                    let platform = try options.platform()
                    let deliveries = try Outbox(store: platform.store).recent()
                    if options.json {
                        Output.json(try platform.organisers.deliveriesResource())
                    } else {
                        Output.line(
                            deliveries.map {
                                "event \($0.eventId) → \($0.target): \($0.state.rawValue) after \($0.attempts) (\($0.lastStatus ?? 0)) \($0.lastResponse ?? "")"
                            }.joined(separator: "\n"))
                    }
                }
            }
        }
    }
}
