import Competitions
import Foundation
import MLMetrics
import PodiumAPI
import Sandbox
import Scoring
import Storage

extension SubmissionService {
    /// Checks a code round's upload before anything of it runs: one zip or tar.gz archive, unpacked here with
    /// every refusal of `CodeArchive` (`..`, links out, bombs, no executable `run`). Returns the archive.
    func checkedCodeArchive(_ uploads: [Platform.Upload], into scratch: String) throws -> Platform.Upload {
        guard uploads.count == 1, let upload = uploads.first else {
            throw PlatformError(
                .invalidSubmission,
                "a code round takes one archive (zip or tar.gz) whose root holds an executable run, not \(uploads.count) files"
            )
        }
        _ = try platform.unpackedProgram(upload, into: "\(scratch)/check")
        return upload
    }
}
