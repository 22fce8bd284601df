import Benefits
import DaftarJSON
import EventStore
import Testing

/// What a published cost projection's command and event look like in the fixtures.
enum CostProjectionFixtures {
    static let scenario = JSONText(#"{"currency":"IQD","name":"baseline"}"#)

    static func command(id: String = "CP-2025BASE0001") -> PublishCostProjection {
        PublishCostProjection(
            projectionId: CostProjectionID(id), programmeId: Given.programme, scenarioLabel: ScenarioLabel("baseline"), scenarioJson: scenario,
            scenarioDigest: HexDigest(EventHash.sha256Hex(of: scenario.text)), pinnedLedgerSeq: 1_843_221,
            fromMonth: PaymentCycle(year: 2025, month: 9)!, months: 24, fiscalYearStartMonth: 1, methodVersion: 1,
            resultDigest: HexDigest(String(repeating: "ab", count: 32)), currency: .iqd, totalAmountMinor: 1_250_000_000_000,
            publishedOn: Given.date("2025-08-14"))
    }
}

/// Publishing a cost projection: one event on the programme's projection stream, each id once.
@Suite struct CostProjectionDecisionTests {
    @Test func publishingRecordsTheProjectionOnItsOwnStream() throws {
        let ledger = InMemoryLedger()
        for event in Given.programmeEvents { ledger.append([event], read: [event.streamID]) }
        let events = try ledger.handle(CostProjectionFixtures.command()).get()
        let published = try #require(events.first as? CostProjectionPublished)
        #expect(events.count == 1)
        #expect(published.streamID == "cost-projection-iq-spn")
        #expect(published.streamID == BenefitsStream.costProjection(Given.programme))
        #expect(published.effectiveDate == Given.date("2025-08-14"))
        #expect(published.scenarioDigest.rawValue == EventHash.sha256Hex(of: CostProjectionFixtures.scenario.text))
        expectEvents(events, [published])

        // The same id again is refused; another id is published.
        guard case .failure(let again) = ledger.handle(CostProjectionFixtures.command()) else {
            Issue.record("a projection id was published twice")
            return
        }
        #expect(again.code == .duplicateIdentifier)
        #expect(try ledger.handle(CostProjectionFixtures.command(id: "CP-2025BASE0002")).get().count == 1)
        // The programme's own stream is untouched, and its fold knows the projections when both are read.
        #expect(ledger.events(of: BenefitsStream.programme(Given.programme)).count == Given.programmeEvents.count)
        var programme = Given.programmeState()
        for event in ledger.events(of: BenefitsStream.costProjection(Given.programme)) { programme.apply(event) }
        #expect(programme.publishedProjections.count == 2)
    }

    @Test func theDigestIsSHA256OfTheUTF8Text() {
        #expect(EventHash.sha256Hex(of: "") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
    }
}
