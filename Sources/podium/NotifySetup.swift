import Foundation
import Notifications
import Platform

/// Targets of the notifier: every loaded competition's `notify:` list and the server-wide flags.
enum NotifySetup {
    /// The targets, and the problems with the ones left out.
    static func targets(platform: Platform, flags: [String]) -> ([NotifyTarget], [String]) {
        var targets: [NotifyTarget] = []
        var problems: [String] = []
        let environment =
            ProcessInfo.processInfo.environment["PODIUM_NOTIFY"].map { $0.split(separator: ",").map(String.init) } ?? []
        for (index, flag) in (flags + environment).enumerated() {
            if let target = NotifyTarget.fromFlag(flag, index: index) {
                targets.append(target)
            } else {
                problems.append(
                    "--notify \(flag): expected KIND=URL with KIND one of telegram, slack, discord, webhook")
            }
        }
        for record in (try? platform.competitions()) ?? [] {
            guard let notify = try? platform.competition(record.slug).config.notify else { continue }
            let (found, errors) = NotifyTarget.fromConfig(competition: record.slug, notify)
            targets += found
            problems += errors.map { "\(record.slug): \($0)" }
        }
        return (targets, problems)
    }

    /// A dispatcher over `targets`.
    static func dispatcher(platform: Platform, targets: [NotifyTarget]) -> Dispatcher {
        Dispatcher(store: platform.store, targets: targets) { slug in
            guard let config = try? platform.competition(slug).config else { return (slug, "en") }
            return (config.title, config.language ?? "en")
        }
    }
}
