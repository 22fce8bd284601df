import DaftarJSON

/// A request with its canonical texts computed once: payloads, metadata, the request body the
/// database function takes, and the request hash that idempotency compares.
struct PreparedRequest: Sendable {
    let request: AppendRequest
    let index: Int
    let sortedStreams: [StreamAppend]
    /// Canonical payload and metadata per event, by sorted stream then event.
    let texts: [[(data: String, metadata: String)]]
    /// SHA-256 of the canonical request: what idempotency compares.
    let requestHash: [UInt8]

    init(_ request: AppendRequest, index: Int = 0) {
        self.request = request
        self.index = index
        let sorted = request.sortedStreams
        sortedStreams = sorted
        let texts: [[(data: String, metadata: String)]] = sorted.map { s in s.events.map { (data: $0.data.canonicalText, metadata: $0.metadata.json.canonicalText) } }
        self.texts = texts
        requestHash = EventHash.request(PreparedRequest.body(sorted, texts))
    }

    /// The canonical request (equal to `request.canonicalJSON.canonicalText`), built from the
    /// canonical texts already computed rather than from a JSON tree.
    static func body(_ sorted: [StreamAppend], _ texts: [[(data: String, metadata: String)]]) -> String {
        // Keys in canonical order: events < streams; data < effectiveAt < metadata < schemaVersion
        // < stream < type; expected < id.
        var body = "{\"events\":["
        var first = true
        for (i, s) in sorted.enumerated() {
            for (k, e) in s.events.enumerated() {
                if !first { body += "," }
                first = false
                body += "{\"data\":"
                body += texts[i][k].data
                body += ",\"effectiveAt\":\""
                body += e.effectiveAt.description
                body += "\",\"metadata\":"
                body += texts[i][k].metadata
                body += ",\"schemaVersion\":"
                body += String(e.schemaVersion)
                body += ",\"stream\":"
                body += String(i)
                body += ",\"type\":"
                body += JSONValue.string(e.type).canonicalText
                body += "}"
            }
        }
        body += "],\"streams\":["
        for (i, s) in sorted.enumerated() {
            if i > 0 { body += "," }
            body += "{\"expected\":"
            body += s.expected.wireValue.map { String($0) } ?? "null"
            body += ",\"id\":"
            body += JSONValue.string(s.stream).canonicalText
            body += "}"
        }
        body += "]}"
        return body
    }

    func texts(forStream stream: String) -> [(data: String, metadata: String)]? {
        sortedStreams.firstIndex { $0.stream == stream }.map { texts[$0] }
    }
}
