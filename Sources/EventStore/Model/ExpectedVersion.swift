/// What a writer expects of a stream before appending to it (optimistic concurrency).
public enum ExpectedVersion: Sendable, Hashable, CustomStringConvertible {
    /// Append whatever the stream's version.
    case any
    /// The stream must not exist yet.
    case noStream
    /// The stream must be at exactly this version (1 or more).
    case exact(Int64)

    /// The value the database function takes: `nil` for any, 0 for no stream, else the version.
    var wireValue: Int64? {
        switch self {
        case .any: return nil
        case .noStream: return 0
        case .exact(let v): return v
        }
    }

    /// Parses `any`, `no-stream` or a version number.
    /// - Throws: ``EventStoreError`` naming `field` when the text is none of these.
    public init(parsing text: String, field: String = "expectedVersion") throws(EventStoreError) {
        switch text {
        case "any": self = .any
        case "no-stream": self = .noStream
        default:
            guard let v = Int64(text), v >= 1 else {
                throw EventStoreError.invalid(field, "expectedVersion", "must be \"any\", \"no-stream\" or a version of 1 or more")
            }
            self = .exact(v)
        }
    }

    public var description: String {
        switch self {
        case .any: return "any"
        case .noStream: return "no-stream"
        case .exact(let v): return String(v)
        }
    }
}
