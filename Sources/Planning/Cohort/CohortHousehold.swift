import Benefits
import EventStore
import Foundation

/// One household of a programme as known at a pinned ledger position: its area, standing, score,
/// head and members, and the emergency top-ups already granted to it for months still to come.
///
/// Loaded from the ledger (or from the `planning_cohort` read model, which holds the same rows);
/// the planner never reads events itself.
public struct CohortHousehold: Sendable, Hashable {
    /// The household.
    public var householdId: HouseholdID
    /// The governorate it lives in at the pin.
    public var governorate: GovernorateCode
    /// The district it lives in at the pin.
    public var district: DistrictCode
    /// Its standing in the programme at the pin.
    public var standing: CohortStanding
    /// The latest PMT score under the programme's formula, when assessed (lower is poorer).
    public var score: Decimal?
    /// The head at the pin, when the household has one.
    public var headPersonId: PersonID?
    /// The members at the pin, ordered by person id.
    public var members: [CohortMember]
    /// Top-ups granted for months after the pin: per cycle, the amount per cycle in ledger units.
    public var topUps: [PaymentCycle: Int64]

    /// Creates a household; each parameter sets the property of the same name.
    public init(
        householdId: HouseholdID, governorate: GovernorateCode, district: DistrictCode, standing: CohortStanding, score: Decimal?,
        headPersonId: PersonID?, members: [CohortMember], topUps: [PaymentCycle: Int64] = [:]
    ) {
        self.householdId = householdId
        self.governorate = governorate
        self.district = district
        self.standing = standing
        self.score = score
        self.headPersonId = headPersonId
        self.members = members.sorted { $0.personId < $1.personId }
        self.topUps = topUps
    }

    /// The household as a composition reads it on `date`: the pin's members, aged to `date`.
    /// - Parameter date: the date ages are reckoned on.
    public func composition(on date: BusinessDate) -> HouseholdComposition {
        HouseholdComposition(date: date, members: members.map { $0.member(on: date) }, headPersonId: headPersonId)
    }
}
