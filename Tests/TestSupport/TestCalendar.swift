import Foundation

/// The calendar the tests tell their story on, whatever today is: the demo competition NTI is loaded with its
/// dates moved by whole days so that its qualifying round (the first dated one) opens `qualifyingOpensInDays`
/// days from the test's clock — scheduled, not open, as the tests expect until they open it by hand; merges
/// allowed; the final ahead. A test that sets its own clock to a date of the folder's calendar loads it unmoved.
public enum TestCalendar {
    /// Days from the test's clock to the qualifying round's scheduled opening.
    public static let qualifyingOpensInDays = 3

    /// The options of `podium competition load` that place a dated competition on this calendar.
    public static let loadArguments = ["--opens-in", String(qualifyingOpensInDays)]
}
