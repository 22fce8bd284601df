import DaftarJSON
import Foundation
import Logging
import Postgres

/// The append-only event store on PostgreSQL (DESIGN.md §3).
///
/// Generic: it knows streams, versions, positions, hashes and schemas, and nothing of what the
/// events mean. Appends check optimistic concurrency per stream and idempotency per command;
/// reads follow the transaction horizon so that no reader ever skips an event that commits late.
public final class EventStore: Sendable {
    /// The connections the store uses.
    public let pool: PostgresPool
    /// The rules every append is checked against.
    public let limits: EventStoreLimits
    /// The event types accepted and their schemas.
    public let catalogue: any EventCatalogue
    let logger: Logger
    let notifier = NotifyThrottle(interval: .milliseconds(50))

    /// The NOTIFY channel appends signal on.
    public static let channel = "event_store"

    /// Creates a store over a pool.
    /// - Parameters:
    ///   - pool: connections to a migrated database (see ``migrate(_:)``).
    ///   - catalogue: the accepted event types; ``OpenEventCatalogue`` until a domain registers its schemas.
    ///   - limits: the input bounds.
    public init(
        pool: PostgresPool, catalogue: any EventCatalogue = OpenEventCatalogue(), limits: EventStoreLimits = EventStoreLimits(),
        logger: Logger = Logger(label: "daftar.event-store")
    ) {
        self.pool = pool
        self.catalogue = catalogue
        self.limits = limits
        self.logger = logger
    }

    /// The store's migrations, in order.
    public static var migrations: [Migration] {
        get throws {
            try Migration.files(in: Bundle.module.url(forResource: "Migrations", withExtension: nil), component: "event_store")
        }
    }

    /// Applies the store's migrations and makes sure partitions exist for the coming months.
    /// - Parameter connection: a connection as the owner role.
    /// - Returns: the migrations applied now.
    /// - Throws: ``PostgresError`` when a migration fails.
    @discardableResult
    public static func migrate(_ connection: PostgresConnection) async throws -> [Migration] {
        let applied = try await Migrator(component: "event_store", migrations: try migrations).migrate(connection)
        try await connection.query("SELECT event_store.ensure_partitions((now() - interval '1 month')::date, 27)")
        return applied
    }

    /// Maps a database error to the store's error, keeping the typed cases.
    static func translate(_ error: any Error) -> any Error {
        guard let pg = error as? PostgresError else { return error }
        switch pg.sqlState {
        case "DF001":
            var e = EventStoreError(code: .wrongExpectedVersion, message: pg.message, field: "expectedVersion", rule: "expectedVersion")
            if let detail = pg.detail, let json = try? JSONParser.parse(detail) {
                e.stream = json["stream"]?.stringValue
                e.expectedVersion = json["expected"]?.int64Value
                e.actualVersion = json["actual"]?.int64Value
            }
            return e
        case "DF002":
            return EventStoreError(code: .idempotencyKeyReused, message: pg.message, field: "idempotencyKey", rule: "idempotency")
        case "DF003":
            return EventStoreError(code: .invalidInput, message: pg.message, field: "request", rule: "shape")
        default:
            var e = EventStoreError(code: .database, message: pg.description)
            e.postgres = PostgresErrorSummary(sqlState: pg.sqlState, message: pg.message)
            return e
        }
    }
}
