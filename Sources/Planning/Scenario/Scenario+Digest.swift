import EventStore

extension Scenario {
    /// SHA-256 of ``canonicalText``, lower-case hex: what a published projection records of its scenario.
    public var digest: String { EventHash.sha256Hex(of: canonicalText) }
}
