import DaftarJSON
import Foundation

/// Reads the members of a payload object one by one, and refuses members nobody read.
///
/// Event types read every property their schema declares, then call ``finish()``: a member left
/// over is an `additionalProperties` error, as in the schemas, which are all closed.
struct JSONObjectReader {
    let members: [String: JSONValue]
    let pointer: String
    /// Distinct members read, in order (a set is built only when ``finish()`` finds one left over:
    /// hashing every key showed in rebuild profiles).
    private var read: [String] = []
    private var presentRead = 0

    /// - Throws: ``EventDecodingError`` with rule `type` when `value` is not an object.
    init(_ value: JSONValue, at pointer: String) throws(EventDecodingError) {
        guard case .object(let members) = value else { throw .wrongType(pointer, expected: "object", found: value) }
        self.members = members
        self.pointer = pointer
    }

    /// The member `key`, which must be present.
    /// - Throws: ``EventDecodingError`` with rule `required` when absent, or the member's own error.
    mutating func required<T: JSONConvertible>(_ key: String) throws(EventDecodingError) -> T {
        guard let value = try optional(key) as T? else {
            throw .invalid(pointer + "/" + Self.escape(key), "required", "is required but missing")
        }
        return value
    }

    /// The member `key`, or `nil` when absent. A `null` is not absence: no schema allows it.
    /// - Throws: the member's own ``EventDecodingError``.
    mutating func optional<T: JSONConvertible>(_ key: String) throws(EventDecodingError) -> T? {
        let first = !read.contains(key)  // a linear scan of ten-odd names costs less than hashing them
        if first { read.append(key) }
        guard let value = members[key] else { return nil }
        if first { presentRead += 1 }
        return try T(json: value, at: pointer + "/" + Self.escape(key))
    }

    /// Checks that every member was read.
    /// - Throws: ``EventDecodingError`` with rule `additionalProperties` for the first member (by name) that was not.
    func finish() throws(EventDecodingError) {
        // As many distinct present members read as there are members: none is left over.
        if presentRead == members.count { return }
        let readSet = Set(read)
        let extra = members.keys.filter { !readSet.contains($0) }.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
        if let first = extra.first {
            throw .invalid(pointer + "/" + Self.escape(first), "additionalProperties", "is not a property of this object")
        }
    }

    /// A member name as a JSON Pointer token (RFC 6901: `~` as `~0`, `/` as `~1`).
    static func escape(_ name: String) -> String {
        // Names rarely hold either character; Foundation's replacing (and the bridged strings it returns)
        // showed at the top of a rebuild's profile.
        guard name.utf8.contains(where: { $0 == UInt8(ascii: "~") || $0 == UInt8(ascii: "/") }) else { return name }
        var escaped = ""
        for c in name {
            switch c {
            case "~": escaped += "~0"
            case "/": escaped += "~1"
            default: escaped.append(c)
            }
        }
        return escaped
    }
}
