import Hummingbird

extension Request {
    /// The value of the cookie `name`, read byte by byte straight from the Cookie headers: Hummingbird's
    /// `cookies` parses every cookie of the header into a new dictionary on each call, and a page asks for two
    /// or three.
    func cookie(_ name: String) -> String? {
        let key = Array(name.utf8)
        for header in headers[values: .cookie] {
            var header = header
            let found = header.withUTF8 { bytes -> String? in
                var start = 0
                while start < bytes.count {
                    while start < bytes.count && bytes[start] == UInt8(ascii: " ") { start += 1 }
                    var end = start
                    while end < bytes.count && bytes[end] != UInt8(ascii: ";") { end += 1 }
                    let valueStart = start + key.count + 1
                    if valueStart <= end && bytes[start + key.count] == UInt8(ascii: "=")
                        && key.indices.allSatisfy({ bytes[start + $0] == key[$0] })
                    {
                        return String(decoding: UnsafeBufferPointer(rebasing: bytes[valueStart..<end]), as: UTF8.self)
                    }
                    start = end + 1
                }
                return nil
            }
            if let found { return found }
        }
        return nil
    }
}
