/// Schema documents keyed by `$id`, and the compiler that turns them into ``JSONSchema`` values.
///
/// Register every document first, then compile: a `$ref` may point into any registered document,
/// by absolute URI (`https://daftar.invalid/schemas/common.v1.json#/$defs/householdId`) or
/// relative to the referring schema's `$id` (`common.v1.json#/$defs/householdId`). Nothing is ever
/// fetched from the network.
///
/// Errors come early. ``register(_:)`` rejects a document that uses a keyword this validator does
/// not implement, or a keyword with a malformed value, naming the keyword and its location.
/// ``schema(_:)`` and ``compileAll()`` reject a `$ref` that names no registered schema, anywhere in
/// the documents involved (unused `$defs` entries included). A compiled schema never fails at
/// validation time.
///
/// ```swift
/// var registry = JSONSchemaRegistry()
/// try registry.register(commonSchema)
/// try registry.register(householdRegisteredSchema)
/// let schema = try registry.schema("https://daftar.invalid/schemas/household-registered.v1.json")
/// if let violation = schema.firstViolation(in: payload) { … }
/// ```
public struct JSONSchemaRegistry: Sendable {
    /// Parsed subschemas of every document by location key (`documentURI#pointer`).
    var subschemas: [String: SchemaKeywords<SchemaAddress>] = [:]
    /// Schema resources (absolute URI without fragment) to the location key of their root.
    var resources: [String: String] = [:]
    /// Compiled regular expressions by source, so a pattern used in many places is compiled once.
    var patterns: [String: SchemaPattern] = [:]
    /// The location keys of every subschema of each document, sorted, so compiling any part of a
    /// document checks all of it.
    var documentKeys: [String: [String]] = [:]
    private var documentOrder: [String] = []

    /// An empty registry.
    public init() {}

    /// A registry holding `documents`, with every reference between them checked.
    /// - Parameter documents: schema documents, each with an absolute `$id`, in any order.
    /// - Throws: ``JSONSchemaError`` for the first document that cannot be loaded or the first
    ///   reference that cannot be resolved.
    public init(documents: [JSONValue]) throws(JSONSchemaError) {
        for document in documents { try register(document) }
        _ = try compileAll()
    }

    /// The `$id` of every registered document, in registration order.
    public var documentIDs: [String] { documentOrder }

    /// Adds a schema document.
    ///
    /// Checks every subschema in the document, including unreferenced `$defs` entries. Unknown
    /// keywords are errors, except annotations (`$schema`, `$id`, `$comment`, `title`,
    /// `description`, `examples`, `default`, `deprecated`, `readOnly`, `writeOnly`) and
    /// extensions whose name starts with `x-`. References are checked later, by ``schema(_:)``
    /// or ``compileAll()``, so documents can be registered in any order. On error the registry is
    /// unchanged.
    /// - Parameter document: the schema, whose root must have an absolute `$id` without fragment.
    /// - Throws: ``JSONSchemaError`` naming the problem and its location.
    public mutating func register(_ document: JSONValue) throws(JSONSchemaError) {
        guard case .object(let members) = document else {
            throw JSONSchemaError(code: .invalidSchema, location: "#", message: "a schema document must be an object")
        }
        guard case .string(let id)? = members["$id"] else {
            throw JSONSchemaError(
                code: .invalidIdentifier, location: "#/$id",
                message: "a registered schema document needs an absolute \"$id\" string")
        }
        try register(document, documentID: id)
    }

    /// Parses JSON text and adds it as a schema document (see ``register(_:)``).
    /// - Parameter jsonText: the schema document as JSON text.
    /// - Throws: ``JSONSchemaError`` with code `invalid_json` when the text is not JSON, otherwise
    ///   as ``register(_:)``.
    public mutating func register(jsonText: String) throws(JSONSchemaError) {
        let document: JSONValue
        do {
            document = try JSONParser.parse(jsonText)
        } catch {
            throw JSONSchemaError(code: .invalidJSON, location: "", message: error.description)
        }
        try register(document)
    }

    /// Adds `document` under `documentID`, which its own `$id`, if any, must resolve to.
    mutating func register(_ document: JSONValue, documentID: String) throws(JSONSchemaError) {
        let parsed = SchemaURI(parsing: documentID)
        guard parsed.isAbsolute, parsed.fragment == nil || parsed.fragment == "" else {
            throw JSONSchemaError(
                code: .invalidIdentifier, location: documentID + "#/$id",
                message: "\"$id\" \(documentID) must be an absolute URI without a fragment")
        }
        let base = parsed.withoutFragment
        var loader = SchemaLoader(documentURI: base.text, patterns: patterns)
        guard resources[base.text] == nil else {
            throw loader.error(.duplicateIdentifier, "/$id", "a schema with \"$id\" \(base.text) is already registered")
        }
        loader.resources[base.text] = loader.key("")
        try loader.load(document, at: "", base: base)
        for (resource, root) in loader.resources where resources[resource] != nil {
            throw JSONSchemaError(
                code: .duplicateIdentifier, location: root,
                message: "a schema with \"$id\" \(resource) is already registered")
        }
        subschemas.merge(loader.subschemas) { _, new in new }
        resources.merge(loader.resources) { _, new in new }
        patterns = loader.patterns
        documentKeys[base.text] = loader.subschemas.keys.sorted()
        documentOrder.append(base.text)
    }

    /// Compiles the schema at `uri` and everything it refers to.
    ///
    /// Every subschema of every document reached is compiled, so a broken `$ref` in a document
    /// is reported even where the requested schema does not use it.
    ///
    /// Compile once and keep the result: compiling resolves references and builds the node table,
    /// validation then only walks it.
    /// - Parameter uri: a registered `$id`, optionally with a JSON Pointer fragment naming a
    ///   subschema (`…/common.v1.json#/$defs/householdId`).
    /// - Returns: the compiled schema.
    /// - Throws: ``JSONSchemaError`` with code `unknown_schema` when nothing is registered at
    ///   `uri`, `unresolvable_reference` for a `$ref` that names no registered schema, or
    ///   `reference_cycle` for references that loop without descending into the instance.
    public func schema(_ uri: String) throws(JSONSchemaError) -> JSONSchema {
        var compiler = SchemaCompiler(registry: self)
        let root = try compiler.root(uri)
        let program = try compiler.finish()
        return JSONSchema(program: program, root: root)
    }

    /// Compiles every registered document, checking every reference in all of them.
    ///
    /// The schemas share one node table, so a common document referenced by all of them is
    /// compiled once.
    /// - Returns: the compiled schemas keyed by document `$id`.
    /// - Throws: ``JSONSchemaError`` for the first reference that cannot be resolved, or a
    ///   reference cycle.
    public func compileAll() throws(JSONSchemaError) -> [String: JSONSchema] {
        var compiler = SchemaCompiler(registry: self)
        var roots: [(String, Int)] = []
        for id in documentOrder { roots.append((id, try compiler.root(id))) }
        let program = try compiler.finish()
        var result: [String: JSONSchema] = [:]
        for (id, root) in roots { result[id] = JSONSchema(program: program, root: root) }
        return result
    }

    /// The location key of the subschema that `uri` (absolute, optional pointer fragment) names.
    func locationKey(of uri: String, missing code: JSONSchemaError.Code, from location: String) throws(JSONSchemaError)
        -> String
    {
        let parsed = SchemaURI(parsing: uri)
        let resource = parsed.withoutFragment.text
        guard let root = resources[resource] else {
            throw JSONSchemaError(code: code, location: location, message: "no registered schema has \"$id\" \(resource)")
        }
        guard let fragment = SchemaURI.percentDecoded(parsed.fragment ?? ""),
            let tokens = JSONPointer.tokens(fragment)
        else {
            throw JSONSchemaError(code: code, location: location, message: "\(uri) has a fragment that is not a JSON Pointer")
        }
        let key = root + JSONPointer.text(tokens)
        guard subschemas[key] != nil else {
            throw JSONSchemaError(code: code, location: location, message: "\(uri) does not point to a schema")
        }
        return key
    }
}
