import DaftarJSON

/// Builds a payload object member by member; absent optional members are left out, never `null`.
struct JSONObjectWriter {
    private(set) var members: [String: JSONValue] = [:]

    /// Sets member `key` to `value`.
    mutating func set(_ key: String, _ value: some JSONConvertible) {
        members[key] = value.json
    }

    /// Sets member `key` to `value`, or leaves it out when `value` is `nil`.
    mutating func set(_ key: String, _ value: (some JSONConvertible)?) {
        if let value { members[key] = value.json }
    }

    /// The object.
    var json: JSONValue { .object(members) }
}
