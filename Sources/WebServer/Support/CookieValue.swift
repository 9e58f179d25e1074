import Hummingbird

extension Request {
    /// The value of the cookie `name`, read straight from the Cookie headers: Hummingbird's `cookies` parses
    /// every cookie of the header into a new dictionary on each call, and a page asks for two or three.
    func cookie(_ name: String) -> String? {
        for header in headers[values: .cookie] {
            for pair in header.split(separator: ";") {
                let trimmed = pair.drop { $0 == " " }
                guard trimmed.hasPrefix(name), trimmed.dropFirst(name.count).first == "=" else { continue }
                return String(trimmed.dropFirst(name.count + 1))
            }
        }
        return nil
    }
}
