import DaftarJSON

/// Who recorded an event, why, and in which chain of commands (DESIGN.md §3.10).
///
/// Every field is a code or an identifier; free text (which could hold personal data) has no
/// place here.
public struct EventMetadata: Sendable, Hashable {
    /// Who acted, as `kind:id` (`user:amina.k`, `system:cross-match`, `operator:root`).
    public var actor: String
    /// The actor's role, e.g. `programme-manager`.
    public var role: String?
    /// A reason code, e.g. `cross-match-vehicle`.
    public var reason: String?
    /// The rule, policy or schedule version the decision applied.
    public var ruleVersion: String?
    /// Groups the events of one business operation.
    public var correlationId: String?
    /// The event or command that caused this one.
    public var causationId: String?
    /// The legal basis, e.g. `IQ-Law-11-2014-art-7`.
    public var legalBasis: String?
    /// A reference to the evidence, e.g. a cross-match run and row.
    public var evidence: String?
    /// The system or channel that submitted the command.
    public var source: String?

    /// Metadata with just an actor.
    public init(actor: String) {
        self.actor = actor
    }

    /// How an actor is written, for error messages: see ``isActor(_:)``.
    public static let actorPattern = "kind:id, lowercase kind then up to 64 of A-Z a-z 0-9 . _ @ -"
    static let fields = ["actor", "role", "reason", "ruleVersion", "correlationId", "causationId", "legalBasis", "evidence", "source"]

    /// Parses and checks metadata from JSON.
    /// - Parameters:
    ///   - json: an object with the fields above; `actor` is required.
    ///   - field: the path to report in errors.
    /// - Throws: ``EventStoreError`` naming the field and rule.
    public init(json: JSONValue, field: String = "metadata") throws(EventStoreError) {
        guard case .object(let members) = json else {
            throw EventStoreError.invalid(field, "type", "must be a JSON object")
        }
        for key in members.keys where !EventMetadata.fields.contains(key) {
            throw EventStoreError.invalid("\(field).\(key)", "additionalProperties", "is not a metadata field (allowed: \(EventMetadata.fields.joined(separator: ", ")))")
        }
        func text(_ key: String) throws(EventStoreError) -> String? {
            guard let v = members[key] else { return nil }
            guard case .string(let s) = v else { throw EventStoreError.invalid("\(field).\(key)", "type", "must be a string") }
            guard EventMetadata.isCode(s) else {
                throw EventStoreError.invalid("\(field).\(key)", "pattern", "must be 1 to 128 characters of A-Z a-z 0-9 . _ : / @ -")
            }
            return s
        }
        guard let actor = try text("actor") else {
            throw EventStoreError.invalid("\(field).actor", "required", "is required")
        }
        guard EventMetadata.isActor(actor) else {
            throw EventStoreError.invalid("\(field).actor", "pattern", "must be \(EventMetadata.actorPattern)")
        }
        self.actor = actor
        role = try text("role")
        reason = try text("reason")
        ruleVersion = try text("ruleVersion")
        correlationId = try text("correlationId")
        causationId = try text("causationId")
        legalBasis = try text("legalBasis")
        evidence = try text("evidence")
        source = try text("source")
    }

    /// The metadata as a JSON object (absent fields omitted).
    public var json: JSONValue {
        var o: [String: JSONValue] = ["actor": .string(actor)]
        if let role { o["role"] = .string(role) }
        if let reason { o["reason"] = .string(reason) }
        if let ruleVersion { o["ruleVersion"] = .string(ruleVersion) }
        if let correlationId { o["correlationId"] = .string(correlationId) }
        if let causationId { o["causationId"] = .string(causationId) }
        if let legalBasis { o["legalBasis"] = .string(legalBasis) }
        if let evidence { o["evidence"] = .string(evidence) }
        if let source { o["source"] = .string(source) }
        return .object(o)
    }

    /// Whether `s` is a code: 1 to 128 characters of A-Z a-z 0-9 . _ : / @ - (never free text, which
    /// could hold personal data). Every metadata field but the actor must be one.
    public static func isCode(_ s: String) -> Bool {
        let u = s.utf8
        guard (1...128).contains(u.count) else { return false }
        return u.allSatisfy { b in
            (b >= 48 && b <= 57) || (b >= 65 && b <= 90) || (b >= 97 && b <= 122) || b == 46 || b == 95 || b == 58 || b == 47 || b == 64 || b == 45
        }
    }

    /// Whether `s` is an actor, `kind:id`: a kind of 1 to 32 lower-case letters, a colon, then 1 to 64
    /// of A-Z a-z 0-9 . _ @ - (``actorPattern``).
    public static func isActor(_ s: String) -> Bool {
        guard let colon = s.firstIndex(of: ":") else { return false }
        let kind = s[..<colon].utf8
        let id = s[s.index(after: colon)...].utf8
        guard (1...32).contains(kind.count), kind.allSatisfy({ $0 >= 97 && $0 <= 122 }) else { return false }
        guard (1...64).contains(id.count) else { return false }
        return id.allSatisfy { b in
            (b >= 48 && b <= 57) || (b >= 65 && b <= 90) || (b >= 97 && b <= 122) || b == 46 || b == 95 || b == 64 || b == 45
        }
    }
}
