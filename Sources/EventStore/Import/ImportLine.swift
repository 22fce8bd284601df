import DaftarJSON
import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// One line of the NDJSON import format: `{"stream","type","data","metadata","expectedVersion",
/// "idempotencyKey","effectiveAt","schemaVersion"}`, used by `daftar events import` and `append`.
public struct ImportLine: Sendable {
    public var stream: String
    public var type: String
    public var data: JSONValue
    public var expectedVersion: ExpectedVersion
    public var idempotencyKey: String
    public var effectiveAt: BusinessDate
    public var metadata: EventMetadata
    public var schemaVersion: Int

    /// The fields a line may have.
    public static let fields = ["stream", "type", "data", "metadata", "expectedVersion", "idempotencyKey", "effectiveAt", "schemaVersion"]

    /// The metadata used when none is given: the operator at the terminal.
    /// The metadata used when a line has none: the operator at the terminal (`DAFTAR_ACTOR` or `operator:<login>`).
    public static var defaultMetadata: EventMetadata {
        let login = getpwuid(geteuid()).map { String(cString: $0.pointee.pw_name) } ?? "unknown"
        let user = ProcessInfo.processInfo.environment["DAFTAR_ACTOR"] ?? "operator:\(login)"
        return (try? EventMetadata(json: ["actor": .string(user)])) ?? EventMetadata(actor: "operator:unknown")
    }

    /// A line from its parts.
    public init(
        stream: String, type: String, data: JSONValue, expectedVersion: ExpectedVersion, idempotencyKey: String,
        effectiveAt: BusinessDate, metadata: EventMetadata, schemaVersion: Int
    ) {
        self.stream = stream
        self.type = type
        self.data = data
        self.expectedVersion = expectedVersion
        self.idempotencyKey = idempotencyKey
        self.effectiveAt = effectiveAt
        self.metadata = metadata
        self.schemaVersion = schemaVersion
    }

    /// Parses one NDJSON line strictly: unknown fields, missing fields and wrong types are errors.
    /// - Throws: ``EventStoreError`` with code `invalid_input` naming the field and the rule.
    public init(json bytes: [UInt8]) throws(EventStoreError) {
        let value = try ImportLine.parseJSON(bytes, field: "line")
        guard case .object(let o) = value else {
            throw EventStoreError(code: .invalidInput, message: "must be a JSON object", field: "line", rule: "type")
        }
        for key in o.keys where !ImportLine.fields.contains(key) {
            throw EventStoreError(code: .invalidInput, message: "\(key): is not a field (allowed: \(ImportLine.fields.joined(separator: ", ")))", field: key, rule: "additionalProperties")
        }
        func string(_ key: String) throws(EventStoreError) -> String? {
            guard let v = o[key] else { return nil }
            guard case .string(let s) = v else { throw EventStoreError(code: .invalidInput, message: "\(key): must be a string", field: key, rule: "type") }
            return s
        }
        func required(_ key: String) throws(EventStoreError) -> String {
            guard let s = try string(key) else { throw EventStoreError(code: .invalidInput, message: "\(key): is required", field: key, rule: "required") }
            return s
        }
        stream = try required("stream")
        type = try required("type")
        idempotencyKey = try required("idempotencyKey")
        guard let d = o["data"] else { throw EventStoreError(code: .invalidInput, message: "data: is required", field: "data", rule: "required") }
        data = d
        switch o["expectedVersion"] {
        case nil, .null?: expectedVersion = .any
        case .string(let s)?: expectedVersion = try ExpectedVersion(parsing: s)
        case .number(let n)?:
            guard let v = n.int64Value else { throw EventStoreError(code: .invalidInput, message: "expectedVersion: must be a whole number", field: "expectedVersion", rule: "type") }
            expectedVersion = try ExpectedVersion(parsing: String(v))
        default: throw EventStoreError(code: .invalidInput, message: "expectedVersion: must be a number, \"any\" or \"no-stream\"", field: "expectedVersion", rule: "type")
        }
        if let text = try string("effectiveAt") {
            effectiveAt = try BusinessDate(parsing: text)
        } else {
            effectiveAt = BusinessDate.today()
        }
        if let m = o["metadata"] {
            metadata = try EventMetadata(json: m)
        } else {
            metadata = ImportLine.defaultMetadata
        }
        switch o["schemaVersion"] {
        case nil: schemaVersion = 1
        case .number(let n)?:
            guard let v = n.int64Value, let i = Int(exactly: v) else { throw EventStoreError(code: .invalidInput, message: "schemaVersion: must be a whole number", field: "schemaVersion", rule: "type") }
            schemaVersion = i
        default: throw EventStoreError(code: .invalidInput, message: "schemaVersion: must be a number", field: "schemaVersion", rule: "type")
        }
    }

    /// The append this line asks for.
    public var request: AppendRequest {
        AppendRequest(
            idempotencyKey: idempotencyKey, stream: stream, expected: expectedVersion,
            events: [NewEvent(type: type, schemaVersion: schemaVersion, data: data, metadata: metadata, effectiveAt: effectiveAt)])
    }

    /// Parses JSON text, reporting errors against `field`.
    public static func parseJSON(_ text: String, field: String) throws(EventStoreError) -> JSONValue {
        try parseJSON(Array(text.utf8), field: field)
    }

    /// Parses JSON bytes, reporting errors against `field`.
    public static func parseJSON(_ bytes: [UInt8], field: String) throws(EventStoreError) -> JSONValue {
        do {
            return try JSONParser.parse(bytes)
        } catch let error {
            throw EventStoreError(code: .invalidInput, message: "\(field): \(error.description)", field: field, rule: "json")
        }
    }

    /// Parses metadata JSON text.
    public static func parseMetadata(_ text: String) throws(EventStoreError) -> EventMetadata {
        try EventMetadata(json: try parseJSON(text, field: "metadata"))
    }
}

