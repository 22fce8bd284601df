import DaftarJSON
import Postgres
import EventStore
import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// One line of `daftar events import` (and the arguments of `daftar events append`).
struct EventLine {
    var stream: String
    var type: String
    var data: JSONValue
    var expectedVersion: ExpectedVersion
    var idempotencyKey: String
    var effectiveAt: BusinessDate
    var metadata: EventMetadata
    var schemaVersion: Int

    static let fields = ["stream", "type", "data", "metadata", "expectedVersion", "idempotencyKey", "effectiveAt", "schemaVersion"]

    /// The metadata used when none is given: the operator at the terminal.
    static var defaultMetadata: EventMetadata {
        let login = getpwuid(geteuid()).map { String(cString: $0.pointee.pw_name) } ?? "unknown"
        let user = ProcessInfo.processInfo.environment["DAFTAR_ACTOR"] ?? "operator:\(login)"
        return (try? EventMetadata(json: ["actor": .string(user)])) ?? EventMetadata(actor: "operator:unknown")
    }

    init(
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
    init(json bytes: [UInt8]) throws {
        let value = try EventLine.parseJSON(bytes, field: "line")
        guard case .object(let o) = value else {
            throw CLIError(code: "invalid_input", message: "must be a JSON object", field: "line", rule: "type")
        }
        for key in o.keys where !EventLine.fields.contains(key) {
            throw CLIError(code: "invalid_input", message: "\(key): is not a field (allowed: \(EventLine.fields.joined(separator: ", ")))", field: key, rule: "additionalProperties")
        }
        func string(_ key: String) throws -> String? {
            guard let v = o[key] else { return nil }
            guard case .string(let s) = v else { throw CLIError(code: "invalid_input", message: "\(key): must be a string", field: key, rule: "type") }
            return s
        }
        func required(_ key: String) throws -> String {
            guard let s = try string(key) else { throw CLIError(code: "invalid_input", message: "\(key): is required", field: key, rule: "required") }
            return s
        }
        stream = try required("stream")
        type = try required("type")
        idempotencyKey = try required("idempotencyKey")
        guard let d = o["data"] else { throw CLIError(code: "invalid_input", message: "data: is required", field: "data", rule: "required") }
        data = d
        switch o["expectedVersion"] {
        case nil, .null?: expectedVersion = .any
        case .string(let s)?: expectedVersion = try ExpectedVersion(parsing: s)
        case .number(let n)?:
            guard let v = n.int64Value else { throw CLIError(code: "invalid_input", message: "expectedVersion: must be a whole number", field: "expectedVersion", rule: "type") }
            expectedVersion = try ExpectedVersion(parsing: String(v))
        default: throw CLIError(code: "invalid_input", message: "expectedVersion: must be a number, \"any\" or \"no-stream\"", field: "expectedVersion", rule: "type")
        }
        effectiveAt = try string("effectiveAt").map { try BusinessDate(parsing: $0) } ?? BusinessDate.today()
        metadata = try o["metadata"].map { try EventMetadata(json: $0) } ?? EventLine.defaultMetadata
        switch o["schemaVersion"] {
        case nil: schemaVersion = 1
        case .number(let n)?:
            guard let v = n.int64Value, let i = Int(exactly: v) else { throw CLIError(code: "invalid_input", message: "schemaVersion: must be a whole number", field: "schemaVersion", rule: "type") }
            schemaVersion = i
        default: throw CLIError(code: "invalid_input", message: "schemaVersion: must be a number", field: "schemaVersion", rule: "type")
        }
        // Check what the store would check now, so a bad line is found before anything is written.
        try request.validate(limits: EventStoreLimits(), catalogue: OpenEventCatalogue())
    }

    var request: AppendRequest {
        AppendRequest(
            idempotencyKey: idempotencyKey, stream: stream, expected: expectedVersion,
            events: [NewEvent(type: type, schemaVersion: schemaVersion, data: data, metadata: metadata, effectiveAt: effectiveAt)])
    }

    static func parseJSON(_ text: String, field: String) throws -> JSONValue {
        try parseJSON(Array(text.utf8), field: field)
    }

    static func parseJSON(_ bytes: [UInt8], field: String) throws -> JSONValue {
        do {
            return try JSONParser.parse(bytes)
        } catch {
            throw CLIError(code: "invalid_input", message: "\(field): \(error.description)", field: field, rule: "json")
        }
    }

    static func parseMetadata(_ text: String) throws -> EventMetadata {
        try EventMetadata(json: try parseJSON(text, field: "metadata"))
    }
}

extension RecordedEvent {
    /// The event as one JSON line; payload and metadata are embedded as stored (canonical JSON).
    var jsonLine: String {
        func q(_ s: String) -> String { JSONValue.string(s).canonicalText }
        return "{\"checkpoint\":\(q(checkpoint.description)),\"data\":\(dataText),\"effectiveAt\":\(q(effectiveAt.description))"
            + ",\"eventId\":\(q(eventID)),\"hash\":\(q(Hex.encode(hash))),\"idempotencyKey\":\(q(idempotencyKey))"
            + ",\"metadata\":\(metadataText),\"position\":\(position),\"recordedAt\":\(q(recordedAtText))"
            + ",\"schemaVersion\":\(schemaVersion),\"stream\":\(q(stream)),\"streamVersion\":\(streamVersion),\"type\":\(q(type))}"
    }
}
