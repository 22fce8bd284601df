/// Turns registered subschemas into a ``SchemaProgram``: assigns every subschema of each document
/// reached an index, resolves every `$ref` to an index, and rejects reference loops.
struct SchemaCompiler {
    let registry: JSONSchemaRegistry
    private var indexByKey: [String: Int] = [:]
    private var keys: [String] = []
    private var compiled: [SchemaKeywords<Int>?] = []
    /// Nodes still to compile, first in first out so that errors come in document order.
    private var pending: [Int] = []
    private var nextPending = 0
    private var touchedDocuments: Set<String> = []

    init(registry: JSONSchemaRegistry) {
        self.registry = registry
    }

    /// Adds the schema at `uri` as a root and returns its index.
    mutating func root(_ uri: String) throws(JSONSchemaError) -> Int {
        let key = try registry.locationKey(of: uri, missing: .unknownSchema, from: uri)
        let index = node(key)
        try drain()
        return index
    }

    /// The finished program.
    /// - Throws: ``JSONSchemaError`` with code `reference_cycle` for an in-place loop.
    func finish() throws(JSONSchemaError) -> SchemaProgram {
        let nodes = compiled.map { $0! }
        try SchemaCompiler.checkForInPlaceCycles(nodes, keys: keys)
        var result: [SchemaNode] = []
        result.reserveCapacity(nodes.count)
        for (key, keywords) in zip(keys, nodes) {
            result.append(SchemaNode(location: SchemaCompiler.uri(ofKey: key), keywords: keywords))
        }
        return SchemaProgram(nodes: result)
    }

    private mutating func node(_ key: String) -> Int {
        if let index = indexByKey[key] { return index }
        let index = keys.count
        indexByKey[key] = index
        keys.append(key)
        compiled.append(nil)
        pending.append(index)
        if let hash = key.firstIndex(of: "#"), touchedDocuments.insert(String(key[..<hash])).inserted {
            for other in registry.documentKeys[String(key[..<hash])] ?? [] { _ = node(other) }
        }
        return index
    }

    private mutating func drain() throws(JSONSchemaError) {
        while nextPending < pending.count {
            let index = pending[nextPending]
            nextPending += 1
            // Every location key comes from the loader, which stored a subschema under it.
            let parsed = registry.subschemas[keys[index]]!
            compiled[index] = try parsed.mapChildren { (address) throws(JSONSchemaError) -> Int in
                switch address {
                case .location(let key):
                    return node(key)
                case .reference(let uri, let from):
                    return node(try registry.locationKey(of: uri, missing: .unresolvableReference, from: from))
                }
            }
        }
    }

    /// A location key as an absolute URI with an encoded fragment.
    static func uri(ofKey key: String) -> String {
        guard let hash = key.firstIndex(of: "#") else { return key }
        return String(key[...hash]) + SchemaURI.percentEncodedFragment(String(key[key.index(after: hash)...]))
    }

    /// Rejects loops through `$ref`, `allOf`, `anyOf`, `oneOf`, `not`, `if`, `then` and `else`:
    /// they apply to the same value, so following them could recurse forever.
    static func checkForInPlaceCycles(_ nodes: [SchemaKeywords<Int>], keys: [String]) throws(JSONSchemaError) {
        enum Mark { case unvisited, active, done }
        var marks = [Mark](repeating: .unvisited, count: nodes.count)
        for start in nodes.indices where marks[start] == .unvisited {
            var stack: [(node: Int, children: [Int], next: Int)] = [(start, nodes[start].inPlaceChildren, 0)]
            marks[start] = .active
            while !stack.isEmpty {
                let top = stack.count - 1
                if stack[top].next == stack[top].children.count {
                    marks[stack[top].node] = .done
                    stack.removeLast()
                    continue
                }
                let child = stack[top].children[stack[top].next]
                stack[top].next += 1
                switch marks[child] {
                case .active:
                    throw JSONSchemaError(
                        code: .referenceCycle, location: uri(ofKey: keys[child]),
                        message: "the schema applies itself to the same value through $ref or a combinator, which never ends")
                case .unvisited:
                    marks[child] = .active
                    stack.append((child, nodes[child].inPlaceChildren, 0))
                case .done:
                    break
                }
            }
        }
    }
}
