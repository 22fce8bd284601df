/// The assertions and applicators of one subschema, with its subschemas held as `Child`.
///
/// Loading produces `SchemaKeywords<SchemaAddress>` (children named by location, `$ref`
/// unresolved); compiling maps every address to an index in the node table.
struct SchemaKeywords<Child: Sendable>: Sendable {
    /// Set for the `false` schema: nothing is valid.
    var isFalse = false

    var ref: Child?
    var types: SchemaTypeSet?
    var enumValues: [JSONValue]?
    var enumSet: Set<JSONValue> = []
    var constValue: JSONValue?

    var minLength: Int?
    var maxLength: Int?
    var pattern: SchemaPattern?
    var format: SchemaFormat?

    var minimum: SchemaNumberLimit?
    var maximum: SchemaNumberLimit?
    var exclusiveMinimum: SchemaNumberLimit?
    var exclusiveMaximum: SchemaNumberLimit?
    var multipleOf: SchemaNumberLimit?

    /// `properties`, sorted by name so that reports come out in a stable order.
    var properties: [(name: String, schema: Child)] = []
    var propertyIndex: [String: Int] = [:]
    var patternProperties: [(pattern: SchemaPattern, schema: Child)] = []
    var additionalProperties: Child?
    var propertyNames: Child?
    var required: [String] = []
    var dependentRequired: [(name: String, requires: [String])] = []
    var minProperties: Int?
    var maxProperties: Int?

    var prefixItems: [Child] = []
    var items: Child?
    var contains: Child?
    var minContains: Int?
    var maxContains: Int?
    var minItems: Int?
    var maxItems: Int?
    var uniqueItems = false

    var allOf: [Child] = []
    var anyOf: [Child] = []
    var oneOf: [Child] = []
    var not: Child?
    var ifSchema: Child?
    var thenSchema: Child?
    var elseSchema: Child?

    var hasStringAssertions: Bool { minLength != nil || maxLength != nil || pattern != nil || format != nil }
    var hasNumberAssertions: Bool {
        minimum != nil || maximum != nil || exclusiveMinimum != nil || exclusiveMaximum != nil || multipleOf != nil
    }
    var hasObjectAssertions: Bool {
        !properties.isEmpty || !patternProperties.isEmpty || additionalProperties != nil || propertyNames != nil
            || !required.isEmpty || !dependentRequired.isEmpty || minProperties != nil || maxProperties != nil
    }
    var hasArrayAssertions: Bool {
        !prefixItems.isEmpty || items != nil || contains != nil || minItems != nil || maxItems != nil || uniqueItems
    }

    /// Subschemas applied to the instance itself rather than to a member or item: a loop through
    /// these alone would never terminate.
    var inPlaceChildren: [Child] {
        var result = allOf + anyOf + oneOf
        for c in [ref, not, ifSchema, thenSchema, elseSchema] { if let c { result.append(c) } }
        return result
    }

    /// The same keywords with every child transformed by `transform`.
    func mapChildren<New: Sendable, E: Error>(_ transform: (Child) throws(E) -> New) throws(E) -> SchemaKeywords<New> {
        func map(_ c: Child?) throws(E) -> New? {
            guard let c else { return nil }
            return try transform(c)
        }
        func map(_ cs: [Child]) throws(E) -> [New] {
            var out: [New] = []
            out.reserveCapacity(cs.count)
            for c in cs { out.append(try transform(c)) }
            return out
        }
        var r = SchemaKeywords<New>()
        r.isFalse = isFalse
        r.ref = try map(ref)
        r.types = types
        r.enumValues = enumValues
        r.enumSet = enumSet
        r.constValue = constValue
        r.minLength = minLength
        r.maxLength = maxLength
        r.pattern = pattern
        r.format = format
        r.minimum = minimum
        r.maximum = maximum
        r.exclusiveMinimum = exclusiveMinimum
        r.exclusiveMaximum = exclusiveMaximum
        r.multipleOf = multipleOf
        for p in properties { r.properties.append((p.name, try transform(p.schema))) }
        r.propertyIndex = propertyIndex
        for p in patternProperties { r.patternProperties.append((p.pattern, try transform(p.schema))) }
        r.additionalProperties = try map(additionalProperties)
        r.propertyNames = try map(propertyNames)
        r.required = required
        r.dependentRequired = dependentRequired
        r.minProperties = minProperties
        r.maxProperties = maxProperties
        r.prefixItems = try map(prefixItems)
        r.items = try map(items)
        r.contains = try map(contains)
        r.minContains = minContains
        r.maxContains = maxContains
        r.minItems = minItems
        r.maxItems = maxItems
        r.uniqueItems = uniqueItems
        r.allOf = try map(allOf)
        r.anyOf = try map(anyOf)
        r.oneOf = try map(oneOf)
        r.not = try map(not)
        r.ifSchema = try map(ifSchema)
        r.thenSchema = try map(thenSchema)
        r.elseSchema = try map(elseSchema)
        return r
    }
}

/// Where a subschema comes from, before compilation.
enum SchemaAddress: Sendable, Hashable {
    /// The subschema at a location in a registered document: `documentURI#pointer` (pointer unencoded).
    case location(String)
    /// The target of a `$ref`: an absolute URI with optional fragment, and the location of the
    /// `$ref` keyword for error reports.
    case reference(String, from: String)
}

/// The JSON types named by `type`.
struct SchemaTypeSet: OptionSet, Sendable {
    let rawValue: UInt8
    static let null = SchemaTypeSet(rawValue: 1 << 0)
    static let boolean = SchemaTypeSet(rawValue: 1 << 1)
    static let object = SchemaTypeSet(rawValue: 1 << 2)
    static let array = SchemaTypeSet(rawValue: 1 << 3)
    static let number = SchemaTypeSet(rawValue: 1 << 4)
    static let string = SchemaTypeSet(rawValue: 1 << 5)
    static let integer = SchemaTypeSet(rawValue: 1 << 6)

    static let names: [(String, SchemaTypeSet)] = [
        ("null", .null), ("boolean", .boolean), ("object", .object), ("array", .array), ("number", .number),
        ("string", .string), ("integer", .integer),
    ]

    /// The type names in schema order, for messages.
    var description: String {
        let n = SchemaTypeSet.names.filter { contains($0.1) }.map(\.0)
        return n.count == 1 ? n[0] : "one of " + n.joined(separator: ", ")
    }

    /// Whether `value` has one of these types (`integer` accepts `1.0`).
    func admits(_ value: JSONValue) -> Bool {
        switch value {
        case .null: return contains(.null)
        case .bool: return contains(.boolean)
        case .string: return contains(.string)
        case .array: return contains(.array)
        case .object: return contains(.object)
        case .number(let n):
            return contains(.number) || (contains(.integer) && (n.plainInt64 != nil || n.isInteger))
        }
    }
}

/// A numeric keyword's value, exact, with its literal for messages.
struct SchemaNumberLimit: Sendable {
    let value: ExactDecimal
    let literal: String
    /// The value when it is a plain integer literal, for the common all-integer comparison.
    let integer: Int64?

    init(_ number: JSONNumber) {
        value = number.decimal
        literal = number.literal
        integer = number.plainInt64
    }
}

extension JSONNumber {
    /// The value when the literal is a plain integer (no fraction or exponent) within `Int64`.
    ///
    /// Reading it costs no allocation, unlike ``decimal``; most ledger numbers are such integers.
    var plainInt64: Int64? { Int64(literal) }
}
