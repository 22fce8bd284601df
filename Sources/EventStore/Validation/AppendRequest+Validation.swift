import DaftarJSON

extension AppendRequest {
    /// Checks the request against the limits, the naming rules and the catalogue.
    /// - Throws: ``EventStoreError`` naming the first field that breaks a rule.
    public func validate(limits: EventStoreLimits, catalogue: any EventCatalogue) throws(EventStoreError) {
        try validate(limits: limits, catalogue: catalogue, texts: nil)
    }

    /// As ``validate(limits:catalogue:)``, reusing canonical texts already computed (sorted-stream order).
    func validate(limits: EventStoreLimits, catalogue: any EventCatalogue, texts: PreparedRequest?) throws(EventStoreError) {
        try AppendRequest.checkKey(idempotencyKey, limits: limits)
        guard !streams.isEmpty else {
            throw EventStoreError.invalid("streams", "minItems", "an append needs at least one stream")
        }
        guard streams.count <= limits.maximumStreamsPerAppend else {
            throw EventStoreError.invalid("streams", "maxItems", "at most \(limits.maximumStreamsPerAppend) streams per append")
        }
        var seen = Set<String>()
        var total = 0
        for (s, append) in streams.enumerated() {
            try AppendRequest.checkStream(append.stream, field: "streams[\(s)].stream", limits: limits)
            guard seen.insert(append.stream).inserted else {
                throw EventStoreError.invalid("streams[\(s)].stream", "uniqueItems", "stream appears twice in one append")
            }
            if case .exact(let v) = append.expected, v < 1 {
                throw EventStoreError.invalid("streams[\(s)].expectedVersion", "minimum", "must be 1 or more (use no-stream for a new stream)")
            }
            guard !append.events.isEmpty else {
                throw EventStoreError.invalid("streams[\(s)].events", "minItems", "at least one event per stream")
            }
            let prepared = texts?.texts(forStream: append.stream)
            for (e, event) in append.events.enumerated() {
                total += 1
                try event.validate(
                    field: "streams[\(s)].events[\(e)]", limits: limits, catalogue: catalogue,
                    dataBytes: prepared?[e].data.utf8.count, metadataBytes: prepared?[e].metadata.utf8.count)
            }
        }
        guard total <= limits.maximumEventsPerAppend else {
            throw EventStoreError.invalid("events", "maxItems", "at most \(limits.maximumEventsPerAppend) events per append")
        }
    }

    static func checkKey(_ key: String, limits: EventStoreLimits) throws(EventStoreError) {
        let u = key.utf8
        guard !u.isEmpty, u.count <= limits.maximumIdentifierLength, u.allSatisfy({ $0 >= 0x21 && $0 <= 0x7E }) else {
            throw EventStoreError.invalid(
                "idempotencyKey", "pattern", "must be 1 to \(limits.maximumIdentifierLength) printable ASCII characters without spaces")
        }
    }

    static func checkStream(_ stream: String, field: String, limits: EventStoreLimits) throws(EventStoreError) {
        let u = Array(stream.utf8)
        func allowed(_ b: UInt8) -> Bool {
            (b >= 48 && b <= 57) || (b >= 65 && b <= 90) || (b >= 97 && b <= 122) || b == 46 || b == 95 || b == 58 || b == 45
        }
        guard let first = u.first, u.count <= limits.maximumIdentifierLength, allowed(first), first != 46, first != 95,
            first != 58, first != 45, u.allSatisfy(allowed)
        else {
            throw EventStoreError.invalid(
                field, "pattern",
                "stream id must be 1 to \(limits.maximumIdentifierLength) characters of A-Z a-z 0-9 . _ : -, starting with a letter or digit")
        }
    }
}

extension NewEvent {
    func validate(
        field: String, limits: EventStoreLimits, catalogue: any EventCatalogue, dataBytes: Int? = nil, metadataBytes: Int? = nil
    ) throws(EventStoreError) {
        let t = Array(type.utf8)
        guard let first = t.first, first >= 65 && first <= 90, t.count <= 100,
            t.allSatisfy({ ($0 >= 48 && $0 <= 57) || ($0 >= 65 && $0 <= 90) || ($0 >= 97 && $0 <= 122) })
        else {
            throw EventStoreError.invalid("\(field).type", "pattern", "event type must be an UpperCamelCase name of letters and digits, at most 100")
        }
        guard (1...1000).contains(schemaVersion) else {
            throw EventStoreError.invalid("\(field).schemaVersion", "range", "must be between 1 and 1000")
        }
        let dataBytes = dataBytes ?? data.canonicalText.utf8.count
        guard dataBytes <= limits.maximumDataBytes else {
            throw EventStoreError.invalid("\(field).data", "maxBytes", "payload is \(dataBytes) bytes; the limit is \(limits.maximumDataBytes)")
        }
        let metadataBytes = metadataBytes ?? metadata.json.canonicalText.utf8.count
        guard metadataBytes <= limits.maximumMetadataBytes else {
            throw EventStoreError.invalid("\(field).metadata", "maxBytes", "metadata is \(metadataBytes) bytes; the limit is \(limits.maximumMetadataBytes)")
        }
        try catalogue.validate(type: type, schemaVersion: schemaVersion, data: data, field: field)
    }
}
