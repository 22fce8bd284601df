/// Reads one schema document into `SchemaKeywords` per subschema, checking every keyword.
///
/// Every subschema in the document is read, referenced or not, so a typo in an unused `$defs`
/// entry fails as early as one in the root. `$ref` values are resolved to absolute URIs here
/// (the base URI is known), but looked up only when compiling, when all documents are present.
struct SchemaLoader {
    /// The Draft 2020-12 meta-schema, the only dialect accepted in `$schema`.
    static let dialect = "https://json-schema.org/draft/2020-12/schema"

    /// Keywords that carry no assertion and are accepted without effect.
    static let annotationKeywords: Set<String> = [
        "$schema", "$id", "$comment", "title", "description", "examples", "default", "deprecated", "readOnly",
        "writeOnly", "$defs",
    ]

    /// Advice for keywords people reach for that this validator does not implement.
    static let unsupportedKeywordAdvice: [String: String] = [
        "definitions": "Draft 2020-12 names this \"$defs\"",
        "dependencies": "Draft 2020-12 splits this into \"dependentRequired\" and \"dependentSchemas\"",
        "$anchor": "refer to the subschema with a JSON Pointer fragment instead",
        "$dynamicRef": "use \"$ref\"",
        "$dynamicAnchor": "use \"$ref\"",
        "$recursiveRef": "use \"$ref\"",
        "unevaluatedProperties": "list the allowed properties and use \"additionalProperties\"",
        "unevaluatedItems": "use \"items\" after \"prefixItems\"",
        "additionalItems": "Draft 2020-12 uses \"items\" after \"prefixItems\"",
    ]

    let documentURI: String
    /// Parsed subschemas by location key (`documentURI#pointer`, pointer unencoded).
    var subschemas: [String: SchemaKeywords<SchemaAddress>] = [:]
    /// Schema resources (absolute URI, no fragment) to the location key of their root.
    var resources: [String: String] = [:]
    /// Compiled patterns by source, shared across documents.
    var patterns: [String: SchemaPattern]

    init(documentURI: String, patterns: [String: SchemaPattern]) {
        self.documentURI = documentURI
        self.patterns = patterns
    }

    /// The key of the subschema at `pointer` in this document.
    func key(_ pointer: String) -> String { documentURI + "#" + pointer }

    /// The location of `pointer` as an absolute URI, for error reports.
    func uri(_ pointer: String) -> String { documentURI + "#" + SchemaURI.percentEncodedFragment(pointer) }

    func error(_ code: JSONSchemaError.Code, _ pointer: String, _ message: String) -> JSONSchemaError {
        JSONSchemaError(code: code, location: uri(pointer), message: message)
    }

    /// Reads the subschema `schema` found at `pointer`, whose base URI is `base`.
    mutating func load(_ schema: JSONValue, at pointer: String, base: SchemaURI) throws(JSONSchemaError) {
        let members: [String: JSONValue]
        switch schema {
        case .bool(let allowed):
            var keywords = SchemaKeywords<SchemaAddress>()
            keywords.isFalse = !allowed
            subschemas[key(pointer)] = keywords
            return
        case .object(let m):
            members = m
        default:
            throw error(.invalidSchema, pointer, "a schema must be an object or a Boolean, not \(schema.kindName)")
        }

        var base = base
        if let id = members["$id"] {
            let idPointer = pointer + "/$id"
            guard case .string(let text) = id else {
                throw error(.invalidIdentifier, idPointer, "\"$id\" must be a string")
            }
            let parsed = SchemaURI(parsing: text)
            guard parsed.fragment == nil || parsed.fragment == "" else {
                throw error(.invalidIdentifier, idPointer, "\"$id\" must not have a fragment")
            }
            guard let resolved = parsed.withoutFragment.resolved(against: base) else {
                throw error(.invalidIdentifier, idPointer, "\"$id\" cannot be resolved against the base URI \(base.text)")
            }
            base = resolved
            let resource = resolved.text
            if let existing = resources[resource], existing != key(pointer) {
                throw error(.duplicateIdentifier, idPointer, "\"$id\" \(resource) is already used in this document")
            }
            resources[resource] = key(pointer)
        }

        var keywords = SchemaKeywords<SchemaAddress>()
        for name in members.keys.sorted() {
            try read(name, members[name]!, at: pointer, base: base, into: &keywords)
        }
        subschemas[key(pointer)] = keywords
    }

    private mutating func read(
        _ name: String, _ value: JSONValue, at schemaPointer: String, base: SchemaURI,
        into keywords: inout SchemaKeywords<SchemaAddress>
    ) throws(JSONSchemaError) {
        let pointer = schemaPointer + "/" + JSONPointer.escape(name)
        let location = uri(pointer)
        func invalid(_ requirement: String) -> JSONSchemaError {
            JSONSchemaError(code: .invalidKeywordValue, location: location, message: "\"\(name)\" \(requirement)")
        }
        switch name {
        case "$schema":
            guard case .string(let text) = value else { throw invalid("must be a string") }
            let dialect = text.hasSuffix("#") ? String(text.dropLast()) : text
            guard dialect == SchemaLoader.dialect else {
                throw error(.unsupportedDialect, pointer, "\"$schema\" is \(text); only \(SchemaLoader.dialect) is supported")
            }
        case "$id":
            break  // read by `load`
        case "$comment", "title", "description":
            guard case .string = value else { throw invalid("must be a string") }
        case "deprecated", "readOnly", "writeOnly":
            guard case .bool = value else { throw invalid("must be a Boolean") }
        case "examples":
            guard case .array = value else { throw invalid("must be an array") }
        case "default":
            break
        case "$defs":
            guard case .object(let defs) = value else { throw invalid("must be an object of schemas") }
            for defName in defs.keys.sorted() {
                try load(defs[defName]!, at: pointer + "/" + JSONPointer.escape(defName), base: base)
            }
        case "$ref":
            guard case .string(let text) = value else { throw invalid("must be a string") }
            keywords.ref = try reference(text, at: pointer, base: base)

        case "type":
            keywords.types = try types(value, invalid)
        case "enum":
            guard case .array(let values) = value else { throw invalid("must be an array") }
            keywords.enumValues = values
            keywords.enumSet = Set(values)
        case "const":
            keywords.constValue = value

        case "minLength": keywords.minLength = try count(value, invalid)
        case "maxLength": keywords.maxLength = try count(value, invalid)
        case "minItems": keywords.minItems = try count(value, invalid)
        case "maxItems": keywords.maxItems = try count(value, invalid)
        case "minProperties": keywords.minProperties = try count(value, invalid)
        case "maxProperties": keywords.maxProperties = try count(value, invalid)
        case "minContains": keywords.minContains = try count(value, invalid)
        case "maxContains": keywords.maxContains = try count(value, invalid)
        case "uniqueItems":
            guard case .bool(let unique) = value else { throw invalid("must be a Boolean") }
            keywords.uniqueItems = unique
        case "pattern":
            guard case .string(let source) = value else { throw invalid("must be a string") }
            keywords.pattern = try pattern(source, at: pointer)
        case "format":
            guard case .string(let format) = value else { throw invalid("must be a string") }
            keywords.format = SchemaFormat(rawValue: format)

        case "minimum": keywords.minimum = try number(value, invalid)
        case "maximum": keywords.maximum = try number(value, invalid)
        case "exclusiveMinimum": keywords.exclusiveMinimum = try number(value, invalid)
        case "exclusiveMaximum": keywords.exclusiveMaximum = try number(value, invalid)
        case "multipleOf":
            let divisor = try number(value, invalid)
            guard !divisor.value.isNegative, !divisor.value.digits.isEmpty else { throw invalid("must be greater than 0") }
            keywords.multipleOf = divisor

        case "properties":
            guard case .object(let properties) = value else { throw invalid("must be an object of schemas") }
            for propertyName in properties.keys.sorted() {
                let child = try subschema(properties[propertyName]!, at: pointer + "/" + JSONPointer.escape(propertyName), base: base)
                keywords.propertyIndex[propertyName] = keywords.properties.count
                keywords.properties.append((propertyName, child))
            }
        case "patternProperties":
            guard case .object(let properties) = value else { throw invalid("must be an object of schemas") }
            for source in properties.keys.sorted() {
                let childPointer = pointer + "/" + JSONPointer.escape(source)
                let compiled = try pattern(source, at: childPointer)
                keywords.patternProperties.append((compiled, try subschema(properties[source]!, at: childPointer, base: base)))
            }
        case "additionalProperties": keywords.additionalProperties = try subschema(value, at: pointer, base: base)
        case "propertyNames": keywords.propertyNames = try subschema(value, at: pointer, base: base)
        case "required":
            keywords.required = try names(value, invalid)
        case "dependentRequired":
            guard case .object(let dependencies) = value else { throw invalid("must be an object of string arrays") }
            for trigger in dependencies.keys.sorted() {
                let entryLocation = uri(pointer + "/" + JSONPointer.escape(trigger))
                let requires = try names(dependencies[trigger]!) { requirement in
                    JSONSchemaError(
                        code: .invalidKeywordValue, location: entryLocation,
                        message: "\"dependentRequired\" entries \(requirement)")
                }
                keywords.dependentRequired.append((trigger, requires))
            }

        case "prefixItems": keywords.prefixItems = try subschemaList(value, at: pointer, base: base, invalid)
        case "items":
            if case .array = value {
                throw invalid("must be a schema; for a list of per-position schemas Draft 2020-12 uses \"prefixItems\"")
            }
            keywords.items = try subschema(value, at: pointer, base: base)
        case "contains": keywords.contains = try subschema(value, at: pointer, base: base)

        case "allOf": keywords.allOf = try subschemaList(value, at: pointer, base: base, invalid)
        case "anyOf": keywords.anyOf = try subschemaList(value, at: pointer, base: base, invalid)
        case "oneOf": keywords.oneOf = try subschemaList(value, at: pointer, base: base, invalid)
        case "not": keywords.not = try subschema(value, at: pointer, base: base)
        case "if": keywords.ifSchema = try subschema(value, at: pointer, base: base)
        case "then": keywords.thenSchema = try subschema(value, at: pointer, base: base)
        case "else": keywords.elseSchema = try subschema(value, at: pointer, base: base)

        default:
            if name.hasPrefix("x-") { break }
            var message = "keyword \"\(name)\" is not supported, so the schema cannot be enforced as written"
            if let advice = SchemaLoader.unsupportedKeywordAdvice[name] { message += " (\(advice))" }
            throw error(.unsupportedKeyword, pointer, message)
        }
    }

    // MARK: - Keyword values

    private mutating func subschema(_ value: JSONValue, at pointer: String, base: SchemaURI) throws(JSONSchemaError)
        -> SchemaAddress
    {
        try load(value, at: pointer, base: base)
        return .location(key(pointer))
    }

    private mutating func subschemaList(
        _ value: JSONValue, at pointer: String, base: SchemaURI, _ invalid: (String) -> JSONSchemaError
    ) throws(JSONSchemaError) -> [SchemaAddress] {
        guard case .array(let elements) = value, !elements.isEmpty else { throw invalid("must be a non-empty array of schemas") }
        var result: [SchemaAddress] = []
        for (index, element) in elements.enumerated() {
            result.append(try subschema(element, at: pointer + "/" + String(index), base: base))
        }
        return result
    }

    private func reference(_ text: String, at pointer: String, base: SchemaURI) throws(JSONSchemaError) -> SchemaAddress {
        let parsed = SchemaURI(parsing: text)
        guard let resolved = parsed.resolved(against: base) else {
            throw error(.unresolvableReference, pointer, "\"$ref\" \(text) cannot be resolved against the base URI \(base.text)")
        }
        let fragment = resolved.fragment ?? ""
        guard let decoded = SchemaURI.percentDecoded(fragment), JSONPointer.tokens(decoded) != nil else {
            throw error(
                .unresolvableReference, pointer,
                "\"$ref\" \(text) has a fragment that is not a JSON Pointer (plain-name fragments and \"$anchor\" are not supported)")
        }
        return .reference(resolved.text, from: uri(pointer))
    }

    private mutating func pattern(_ source: String, at pointer: String) throws(JSONSchemaError) -> SchemaPattern {
        if let cached = patterns[source] { return cached }
        guard let compiled = SchemaPattern(source) else {
            throw error(.invalidPattern, pointer, "\(source) is not a valid regular expression")
        }
        patterns[source] = compiled
        return compiled
    }

    private func types(_ value: JSONValue, _ invalid: (String) -> JSONSchemaError) throws(JSONSchemaError) -> SchemaTypeSet {
        let names: [JSONValue]
        switch value {
        case .string: names = [value]
        case .array(let list) where !list.isEmpty: names = list
        default: throw invalid("must be a type name or a non-empty array of type names")
        }
        var set = SchemaTypeSet()
        for name in names {
            guard case .string(let text) = name, let type = SchemaTypeSet.names.first(where: { $0.0 == text })?.1 else {
                throw invalid("names an unknown type; expected null, boolean, object, array, number, string or integer")
            }
            guard !set.contains(type) else { throw invalid("lists \(text) twice") }
            set.insert(type)
        }
        return set
    }

    private func count(_ value: JSONValue, _ invalid: (String) -> JSONSchemaError) throws(JSONSchemaError) -> Int {
        guard case .number(let n) = value, n.isInteger, !n.decimal.isNegative else {
            throw invalid("must be a non-negative integer")
        }
        return n.int64Value.map { Int($0) } ?? Int.max
    }

    private func number(_ value: JSONValue, _ invalid: (String) -> JSONSchemaError) throws(JSONSchemaError)
        -> SchemaNumberLimit
    {
        guard case .number(let n) = value else { throw invalid("must be a number") }
        return SchemaNumberLimit(n)
    }

    private func names(_ value: JSONValue, _ invalid: (String) -> JSONSchemaError) throws(JSONSchemaError) -> [String] {
        guard case .array(let elements) = value else { throw invalid("must be an array of unique strings") }
        var result: [String] = []
        var seen: Set<String> = []
        for element in elements {
            guard case .string(let name) = element, seen.insert(name).inserted else {
                throw invalid("must be an array of unique strings")
            }
            result.append(name)
        }
        return result
    }
}
