/// The compiled, immutable form of a set of schemas: a table of nodes whose children and `$ref`
/// targets are indices into the same table, so recursive schemas need no lookups at validation.
final class SchemaProgram: Sendable {
    let nodes: [SchemaNode]

    init(nodes: [SchemaNode]) {
        self.nodes = nodes
    }

    /// Whether `instance` satisfies node `id`, without building any report.
    func isValid(_ id: Int, _ instance: JSONValue) -> Bool {
        var sink = ViolationSink(mode: .check)
        return nodes[id].evaluate(instance, in: self, &sink)
    }

    /// Evaluates node `id` against a value reached from the current one by `instanceToken` (a
    /// member name or item index, or `nil` for the same value) through the schema keyword path
    /// `schemaToken`/`schemaSubtoken`, and prefixes those paths onto any violations it reports.
    func evaluate(
        _ id: Int, _ instance: JSONValue, _ sink: inout ViolationSink, instanceToken: InstancePathComponent?,
        schemaToken: String, schemaSubtoken: String? = nil
    ) -> Bool {
        let before = sink.violations.count
        let valid = nodes[id].evaluate(instance, in: self, &sink)
        if !valid && sink.mode.records {
            for i in before..<sink.violations.count {
                if let schemaSubtoken { sink.violations[i].schemaPath.append(schemaSubtoken) }
                sink.violations[i].schemaPath.append(schemaToken)
                if let instanceToken { sink.violations[i].instancePath.append(instanceToken) }
            }
        }
        return valid
    }
}

/// One compiled subschema.
final class SchemaNode: Sendable {
    /// The absolute URI of this subschema, fragment percent-encoded.
    let location: String
    let keywords: SchemaKeywords<Int>
    let hasStringAssertions: Bool
    let hasNumberAssertions: Bool
    let hasObjectAssertions: Bool
    let hasArrayAssertions: Bool
    /// Whether only `properties` applies to members, so they can be visited from the schema side.
    let membersFollowProperties: Bool

    init(location: String, keywords: SchemaKeywords<Int>) {
        self.location = location
        self.keywords = keywords
        hasStringAssertions = keywords.hasStringAssertions
        hasNumberAssertions = keywords.hasNumberAssertions
        hasObjectAssertions = keywords.hasObjectAssertions
        hasArrayAssertions = keywords.hasArrayAssertions
        membersFollowProperties =
            keywords.patternProperties.isEmpty && keywords.additionalProperties == nil && keywords.propertyNames == nil
    }
}

/// A step in an instance pointer.
enum InstancePathComponent: Sendable {
    case member(String)
    case item(Int)

    var token: String {
        switch self {
        case .member(let name): return name
        case .item(let index): return String(index)
        }
    }
}

/// A violation found during evaluation, before its paths are turned into pointers.
struct PendingViolation: Sendable {
    /// How the message refers to the value at the instance pointer.
    enum Subject: Sendable {
        /// "The value at /a …"
        case value
        /// "Property /a …": the member's presence or name is the problem.
        case member
        /// "Required property /a …": the member is absent.
        case missingMember
        /// "The name of property /a …"
        case memberName
    }

    /// Instance path, innermost step first (outer steps are appended as evaluation unwinds).
    var instancePath: [InstancePathComponent]
    /// Schema keyword path, innermost token first.
    var schemaPath: [String]
    let keyword: String
    let schemaLocation: String
    let valueKind: String
    let subject: Subject
    /// The rest of the message after the subject. Must not contain instance data.
    let detail: String

    /// The public form, with pointers and the full message.
    var violation: JSONSchemaViolation {
        let instancePointer = JSONPointer.text(instancePath.reversed().lazy.map(\.token))
        let place = instancePointer.isEmpty ? "the root" : instancePointer
        let subjectText: String
        switch subject {
        case .value: subjectText = instancePointer.isEmpty ? "The root value" : "The value at \(instancePointer)"
        case .member: subjectText = "Property \(place)"
        case .missingMember: subjectText = "Required property \(place)"
        case .memberName: subjectText = "The name of property \(place)"
        }
        return JSONSchemaViolation(
            instancePointer: instancePointer,
            keyword: keyword,
            schemaPointer: JSONPointer.text(schemaPath.reversed()),
            schemaLocation: schemaLocation,
            valueKind: valueKind,
            message: subjectText + " " + detail
        )
    }
}

/// Where evaluation sends violations.
struct ViolationSink {
    enum Mode {
        /// Validity only: nothing is recorded, evaluation stops at the first failure, and object
        /// members are visited in storage order.
        case check
        /// Record the first violation in a stable order and stop.
        case first
        /// Record every violation in a stable order.
        case all

        var records: Bool { self != .check }
        var stopsAtFirst: Bool { self != .all }
    }

    let mode: Mode
    var violations: [PendingViolation] = []

    init(mode: Mode) {
        self.mode = mode
    }

    /// Records a failure when the mode records; returns whether evaluation should stop.
    mutating func fail(_ violation: @autoclosure () -> PendingViolation) -> Bool {
        if mode.records { violations.append(violation()) }
        return mode.stopsAtFirst
    }
}
