import Tabular

/// Hints that turn a refusal into its likely cause and fix, for mistakes real files make: an id with
/// spaces around it, a class label written as a float. Each returns "" when it has nothing to say, so
/// it only ever lengthens a message; nothing refused is accepted because of it.
enum LikelyCause {
    /// "; the id has a trailing space…" when `id` without its surrounding spaces is a test id.
    static func paddedID(_ id: String, in ids: IDColumn) -> String {
        let trimmed = id.trimmingSpaces()
        guard trimmed != id, !trimmed.isEmpty, ids.row(of: trimmed) != nil else { return "" }
        let leading = id.first == " "
        let trailing = id.last == " "
        let place = leading && trailing ? "spaces around it" : leading ? "a leading space" : "a trailing space"
        return "; the id has \(place): \(shown(trimmed)) is in the test set (remove the spaces)"
    }

    /// "; "8.0" looks like the number 8 written as a float…" when an integral float names a class.
    static func floatLabel(_ label: String, classes: [String]) -> String {
        guard let dot = label.firstIndex(of: "."), label[label.index(after: dot)...].allSatisfy({ $0 == "0" }),
            label.index(after: dot) != label.endIndex
        else { return "" }
        let integer = String(label[..<dot])
        guard Int(integer) != nil, classes.contains(integer) else { return "" }
        return
            "; \(shown(label)) looks like the number \(integer) written as a float: write \(integer)"
            + " (pandas: df[column].astype(int))"
    }
}

extension String {
    /// The string without the spaces at either end.
    fileprivate func trimmingSpaces() -> String {
        var slice = Substring(self)
        while slice.first == " " { slice.removeFirst() }
        while slice.last == " " { slice.removeLast() }
        return String(slice)
    }
}
