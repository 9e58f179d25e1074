import Foundation
import Mustache

/// A page's view model as swift-mustache reads it. Mustache looks values up by name (`MustacheParent`, or `Mirror`
/// per lookup); this encodes a typed view model once into a tree of named values it reads, the one place in the web
/// layer where values are untyped (`Any`) because the library reads them so. A `nil` becomes `NSNull` (false in a
/// section, empty in a variable), so a missing value never falls through to a same-named value of an enclosing
/// context.
enum ViewValues {
    /// The values of `view`: its fields by name, nested views as nested values, arrays as arrays.
    static func of(_ view: some Encodable) -> any MustacheParent {
        let encoder = ValueEncoder()
        do {
            try view.encode(to: encoder)
        } catch {
            let failed = Slot()
            failed.object = ["templateError": Slot(plain: "\(error)")]
            return failed
        }
        return encoder.root
    }
}

/// Several contexts read as one, the first that has a name winning: a page's view, then what every page shows of
/// the visit, then the texts of its language.
struct LayeredContext: MustacheParent {
    let layers: [any MustacheParent]

    func child(named name: String) -> Any? {
        for layer in layers {
            if let value = layer.child(named: name) { return value }
        }
        return nil
    }
}

/// A value being built and then read: a plain value, or an object or array of values.
private final class Slot: MustacheParent {
    var plain: Any = NSNull()
    var object: [String: Slot]?
    var array: [Slot]?

    init(plain: Any = NSNull()) { self.plain = plain }

    /// What a template reads here: an object as itself (looked up by name), an array as its values, else the value.
    var value: Any {
        if object != nil { return self }
        if let array { return array.map(\.value) }
        return plain
    }

    func child(named name: String) -> Any? { object?[name]?.value }
}

private struct ValueEncoder: Encoder {
    let root: Slot
    var codingPath: [any CodingKey] = []
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    init(root: Slot = Slot()) { self.root = root }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        if root.object == nil { root.object = [:] }
        return KeyedEncodingContainer(Keyed<Key>(slot: root, codingPath: codingPath))
    }

    func unkeyedContainer() -> any UnkeyedEncodingContainer {
        if root.array == nil { root.array = [] }
        return Unkeyed(slot: root, codingPath: codingPath)
    }

    func singleValueContainer() -> any SingleValueEncodingContainer { Single(slot: root, codingPath: codingPath) }

    /// `value` into `slot`: strings, numbers and booleans as they are, anything else encoded into it.
    static func store(_ value: some Encodable, in slot: Slot) throws {
        switch value {
        case let plain as String: slot.plain = plain
        case let plain as Bool: slot.plain = plain
        case let plain as Int: slot.plain = plain
        case let plain as Int64: slot.plain = plain
        case let plain as Double: slot.plain = plain
        default: try value.encode(to: ValueEncoder(root: slot))
        }
    }
}

private struct Keyed<Key: CodingKey>: KeyedEncodingContainerProtocol {
    let slot: Slot
    var codingPath: [any CodingKey]

    private func child(_ key: Key) -> Slot {
        let child = Slot()
        slot.object![key.stringValue] = child
        return child
    }

    mutating func encodeNil(forKey key: Key) throws { _ = child(key) }
    mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws {
        try ValueEncoder.store(value, in: child(key))
    }
    mutating func encodeIfPresent<T: Encodable>(_ value: T?, forKey key: Key) throws {
        if let value { try encode(value, forKey: key) } else { try encodeNil(forKey: key) }
    }
    mutating func encodeIfPresent(_ value: String?, forKey key: Key) throws {
        if let value { try encode(value, forKey: key) } else { try encodeNil(forKey: key) }
    }
    mutating func encodeIfPresent(_ value: Bool?, forKey key: Key) throws {
        if let value { try encode(value, forKey: key) } else { try encodeNil(forKey: key) }
    }
    mutating func encodeIfPresent(_ value: Int?, forKey key: Key) throws {
        if let value { try encode(value, forKey: key) } else { try encodeNil(forKey: key) }
    }
    mutating func encodeIfPresent(_ value: Double?, forKey key: Key) throws {
        if let value { try encode(value, forKey: key) } else { try encodeNil(forKey: key) }
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type, forKey key: Key)
        -> KeyedEncodingContainer<NestedKey>
    {
        ValueEncoder(root: child(key)).container(keyedBy: keyType)
    }

    mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
        ValueEncoder(root: child(key)).unkeyedContainer()
    }

    mutating func superEncoder() -> any Encoder { ValueEncoder(root: slot) }
    mutating func superEncoder(forKey key: Key) -> any Encoder { ValueEncoder(root: child(key)) }
}

private struct Unkeyed: UnkeyedEncodingContainer {
    let slot: Slot
    var codingPath: [any CodingKey]
    var count: Int { slot.array!.count }

    private func next() -> Slot {
        let element = Slot()
        slot.array!.append(element)
        return element
    }

    mutating func encodeNil() throws { _ = next() }
    mutating func encode<T: Encodable>(_ value: T) throws { try ValueEncoder.store(value, in: next()) }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type)
        -> KeyedEncodingContainer<NestedKey>
    {
        ValueEncoder(root: next()).container(keyedBy: keyType)
    }

    mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer {
        ValueEncoder(root: next()).unkeyedContainer()
    }
    mutating func superEncoder() -> any Encoder { ValueEncoder(root: next()) }
}

private struct Single: SingleValueEncodingContainer {
    let slot: Slot
    var codingPath: [any CodingKey]

    mutating func encodeNil() throws { slot.plain = NSNull() }
    mutating func encode<T: Encodable>(_ value: T) throws { try ValueEncoder.store(value, in: slot) }
}
