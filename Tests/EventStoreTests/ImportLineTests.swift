import DaftarJSON
import EventStore
import Testing

@Suite struct ImportLineTests {
    @Test func parsesAFullLine() throws {
        let line = try ImportLine(json: Array(#"{"stream":"hh-1","type":"PaymentIssued","data":{"amountMinor":125000},"metadata":{"actor":"system:payroll"},"expectedVersion":3,"idempotencyKey":"k","effectiveAt":"2026-03-01","schemaVersion":2}"#.utf8))
        #expect(line.expectedVersion == .exact(3))
        #expect(line.schemaVersion == 2)
        #expect(line.metadata.actor == "system:payroll")
        #expect(line.request.streams[0].events[0].effectiveAt.description == "2026-03-01")
        #expect(try ImportLine(json: Array(#"{"stream":"s","type":"T","data":{},"idempotencyKey":"k","expectedVersion":"no-stream"}"#.utf8)).expectedVersion == .noStream)
    }

    @Test(arguments: [
        (#"{"stream":"s","type":"T","data":{},"idempotencyKey":"k""#, "line", "json"),
        (#"[1]"#, "line", "type"),
        (#"{"type":"T","data":{},"idempotencyKey":"k"}"#, "stream", "required"),
        (#"{"stream":"s","data":{},"idempotencyKey":"k"}"#, "type", "required"),
        (#"{"stream":"s","type":"T","idempotencyKey":"k"}"#, "data", "required"),
        (#"{"stream":"s","type":"T","data":{}}"#, "idempotencyKey", "required"),
        (#"{"stream":5,"type":"T","data":{},"idempotencyKey":"k"}"#, "stream", "type"),
        (#"{"stream":"s","type":"T","data":{},"idempotencyKey":"k","expectedVersion":1.5}"#, "expectedVersion", "type"),
        (#"{"stream":"s","type":"T","data":{},"idempotencyKey":"k","expectedVersion":"latest"}"#, "expectedVersion", "expectedVersion"),
        (#"{"stream":"s","type":"T","data":{},"idempotencyKey":"k","effectiveAt":"01/03/2026"}"#, "effectiveAt", "date"),
        (#"{"stream":"s","type":"T","data":{},"idempotencyKey":"k","nationalId":"123"}"#, "nationalId", "additionalProperties"),
        (#"{"stream":"s","type":"T","data":{},"idempotencyKey":"k","metadata":{"actor":"bad"}}"#, "metadata.actor", "pattern"),
    ])
    func rejectsWithFieldAndRule(_ text: String, _ field: String, _ rule: String) {
        let error = #expect(throws: EventStoreError.self) { try ImportLine(json: Array(text.utf8)) }
        #expect(error?.field == field)
        #expect(error?.rule == rule)
    }
}
