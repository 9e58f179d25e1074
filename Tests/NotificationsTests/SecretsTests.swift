import Foundation
import Notifications
import Testing

/// A chat target's secret from its variable, or from the file `<NAME>_FILE` names (Docker's secrets).
struct SecretsTests {
    @Test func aSecretComesFromItsVariableElseFromItsFile() throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("podium-secret-\(UUID())").path
        defer { try? FileManager.default.removeItem(atPath: file) }
        try "from-the-file\n".write(toFile: file, atomically: true, encoding: .utf8)
        #expect(Secrets.value("TOKEN", in: ["TOKEN_FILE": file]) == "from-the-file")
        #expect(Secrets.value("TOKEN", in: ["TOKEN": "from-the-variable", "TOKEN_FILE": file]) == "from-the-variable")
        #expect(Secrets.value("TOKEN", in: ["TOKEN": ""]) == nil)
        #expect(Secrets.value("TOKEN", in: ["TOKEN_FILE": file + ".missing"]) == nil)
        #expect(Secrets.value(nil, in: ["TOKEN": "x"]) == nil)
    }
}
