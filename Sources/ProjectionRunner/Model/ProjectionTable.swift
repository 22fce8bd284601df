/// A table a projection writes, as its SQL file defines it.
///
/// - A **keyed** table holds rows that belong to one partition (a household's eligibility): when a
///   partition changes, its rows are deleted and written again.
/// - An **additive** table holds sums over partitions (cost per governorate and month): each
///   partition contributes amounts to keys, and a change writes the difference between the
///   partition's new and old contributions. Its key columns must be `NOT NULL` and carry a unique
///   constraint; rows whose sums all reach zero are removed, so a rebuild and an incremental run give
///   the same rows.
public struct ProjectionTable: Sendable, Hashable {
    /// How rows relate to partitions.
    public enum Kind: Sendable, Hashable {
        /// Rows replaced per partition; `partitionColumn` holds the partition key.
        case keyed(partitionColumn: String)
        /// Sums keyed by `keyColumns` (the table's unique key) over `sumColumns` (bigint).
        case additive(keyColumns: [String], sumColumns: [String])
    }

    /// The table's name within the projection's schema.
    public let name: String
    /// How rows relate to partitions.
    public let kind: Kind
    /// The columns written, in order (for keyed tables; additive tables write key then sum columns).
    public let columns: [String]

    /// A keyed table.
    /// - Parameters:
    ///   - name: the table.
    ///   - partitionColumn: the column holding the partition key.
    ///   - columns: the columns written, in order.
    public static func keyed(_ name: String, partitionColumn: String, columns: [String]) -> ProjectionTable {
        ProjectionTable(name: name, kind: .keyed(partitionColumn: partitionColumn), columns: columns)
    }

    /// An additive table.
    /// - Parameters:
    ///   - name: the table.
    ///   - keys: the key columns (the table's unique key).
    ///   - sums: the bigint columns summed.
    public static func additive(_ name: String, keys: [String], sums: [String]) -> ProjectionTable {
        ProjectionTable(name: name, kind: .additive(keyColumns: keys, sumColumns: sums), columns: keys + sums)
    }
}
