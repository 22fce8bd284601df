import Benefits
import EventStore
import Planning
import Testing

@Suite struct CohortTests {
    @Test func membersAgeWithTheDate() throws {
        let child = CohortMember(personId: PersonID("P-1"), sex: .male, birthDate: BusinessDate(year: 2008, month: 3, day: 15)!)
        #expect(child.member(on: BusinessDate(year: 2026, month: 3, day: 14)!).age == 17)
        #expect(child.member(on: BusinessDate(year: 2026, month: 3, day: 31)!).age == 18)
    }
}
