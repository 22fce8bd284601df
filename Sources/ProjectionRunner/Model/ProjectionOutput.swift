import Postgres

/// The rows one projection computes for a set of partitions: rows for keyed tables and sums for
/// additive ones.
public struct ProjectionOutput: Sendable {
    /// The projection's definition.
    public let definition: ProjectionDefinition
    var rows: [String: [UInt8]] = [:]
    var sums: [String: [[String]: [Int64]]] = [:]

    /// An empty output for `definition`'s tables.
    public init(definition: ProjectionDefinition) {
        self.definition = definition
    }

    /// Adds a row to a keyed table.
    /// - Parameters:
    ///   - table: the keyed table.
    ///   - values: its columns in the table's order, in PostgreSQL text form; `nil` is NULL.
    public mutating func insert(_ table: String, _ values: [String?]) {
        var row = CopyTextRow()
        for value in values { row.append(value) }
        rows[table, default: []].append(contentsOf: row.bytes)
        rows[table]!.append(0x0A)
    }

    /// Adds amounts to an additive table's key.
    /// - Parameters:
    ///   - table: the additive table.
    ///   - key: the key columns' values, in order (never NULL: use `""` for none).
    ///   - amounts: one amount per sum column, in order.
    public mutating func add(_ table: String, key: [String], _ amounts: [Int64]) {
        // In place: copying the table's dictionary out and back would copy it whole on every call.
        if sums[table]?[key] != nil {
            for i in amounts.indices { sums[table]![key]![i] &+= amounts[i] }
        } else {
            sums[table, default: [:]][key] = amounts
        }
    }

    /// The rows added to a keyed table, as COPY text lines (each ending in a newline), in the order added.
    /// - Parameter table: the keyed table.
    /// - Returns: the lines' bytes; empty when none.
    public func rows(of table: String) -> [UInt8] { rows[table] ?? [] }

    /// The sums added to an additive table, by key (keys whose sums came to zero included).
    /// - Parameter table: the additive table.
    /// - Returns: one amount per sum column, by the key columns' values.
    public func sums(of table: String) -> [[String]: [Int64]] { sums[table] ?? [:] }

    /// Adds `other`'s rows and sums (outputs of one projection for other partitions).
    mutating func merge(_ other: ProjectionOutput) {
        for (table, bytes) in other.rows { rows[table, default: []].append(contentsOf: bytes) }
        merge(sumsOf: other, sign: 1)
    }

    /// Adds `other`'s sums, each multiplied by `sign` (+1 or -1).
    mutating func merge(sumsOf other: ProjectionOutput, sign: Int64) {
        for (table, byKey) in other.sums {
            for (key, amounts) in byKey {
                add(table, key: key, amounts.map { $0 &* sign })
            }
        }
    }
}
