import Benefits
import DaftarJSON
import EventStore
import Planning
import Postgres

extension CohortLoader {
    /// The programme as known at a ledger position: the fold of `programme-{id}`'s events with
    /// `ledger_seq ≤ pin`, in stream order (schedules, rules and formulas dated after the pin's
    /// business date included: they were known).
    /// - Parameters:
    ///   - programme: the programme.
    ///   - pin: the ledger position.
    ///   - connection: a connection.
    /// - Returns: the programme's fold.
    /// - Throws: `PlanningError` `invalid_option` (field `programme`) when it is not defined at the pin;
    ///   ``CohortLoadError`` `undecodable_event`; `PostgresError`.
    public static func programme(_ programme: ProgrammeID, asOf pin: Int64, on connection: PostgresConnection) async throws -> Programme {
        let rows = try await connection.query(
            """
            SELECT e.event_type, e.schema_version, e.data::text FROM event_store.events e
            JOIN event_store.ledger l ON l.position = e.position
            WHERE e.stream_id = $1 AND l.ledger_seq <= $2 ORDER BY e.stream_version
            """, [BenefitsStream.programme(programme), pin])
        var fold = Programme()
        for row in rows.rows {
            let type = try row.decode(String.self, 0)
            do {
                let data = try JSONParser.parse(try row.decode(String.self, 2))
                fold.apply(try DomainEventDecoder.decode(type: type, schemaVersion: try row.decode(Int.self, 1), data: data))
            } catch let error as PostgresError {
                throw error
            } catch {
                throw CohortLoadError(code: .undecodableEvent, message: "a \(type) of \(BenefitsStream.programme(programme)) does not decode: \(error)")
            }
        }
        guard fold.isDefined else {
            throw PlanningError(
                code: "invalid_option", field: "programme", rule: "defined",
                message: "programme \(programme) is not defined at ledger position \(pin)")
        }
        return fold
    }
}
