import DaftarTesting
import EventStore
import PersonalData
import Postgres

/// A throwaway database with the event store and the vault migrated, and a vault with a random master key.
struct VaultFixture {
    let database: TestDatabase
    let vault: PersonVault
    let masterKey: FileMasterKey

    static func make() async throws -> VaultFixture {
        let db = try await TestCluster.newDatabase()
        let conn = try await PostgresConnection.connect(db.uri)
        try await PersonalDataSchema.migrate(conn)
        await conn.close()
        let key = FileMasterKey()
        return VaultFixture(
            database: db, vault: PersonVault(pool: PostgresPool(conninfo: db.uri, maximumConnections: 2), masterKey: key), masterKey: key)
    }

    /// Rows of `sql` as text, as the owner.
    func rows(_ sql: String, _ parameters: [(any PostgresEncodable)?] = []) async throws -> [[String?]] {
        let conn = try await PostgresConnection.connect(database.uri)
        let result = try await conn.query(sql, parameters)
        await conn.close()
        return result.rows.map { row in (0..<result.columns.count).map { row[$0] } }
    }
}

/// Zainab, with Arabic-Indic digits in her national id.
func zainab(_ id: String = "P-BG0001234501", nationalId: String = "١٩٧٩ ٠٦١٤-٣٣٢١") throws -> PersonDetails {
    try PersonDetails(
        personId: id, fullName: "زينب عبد الحسين", nationalId: nationalId, phone: "+964 770 123 4567", address: "بغداد، الكرادة، محلة ٩٠٣",
        birthDate: BusinessDate(year: 1979, month: 6, day: 14))
}
