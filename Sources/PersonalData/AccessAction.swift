/// What an entry of the access log (`pii.access_log.action`) records.
public enum AccessAction: String, Sendable, Hashable, CaseIterable {
    /// A person was added.
    case add
    /// A person's details were read.
    case show
    /// A person was erased.
    case erase
    /// A CSV file was imported (one entry per file, with the count).
    case `import`
    /// National ids were decrypted for cross-matching (one entry per call, with the count).
    case matchExport = "match-export"
}
