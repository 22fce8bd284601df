import Benefits
import EventStore

/// A household as drawn from the calibration: where it lives, who its members are, what a social
/// researcher's visit finds, and its actual consumption (never recorded: only the PMT score is).
public struct DrawnHousehold: Sendable, Hashable {
    /// Its position in the country, 0-based; fixes its id and its draws.
    public var index: Int
    public var householdId: HouseholdID
    public var governorate: CountryCalibration.Governorate
    public var district: DistrictCode
    public var residence: Residence
    /// Members, the head first.
    public var members: [DrawnPerson]
    public var registeredOn: BusinessDate
    public var registrationSource: RegistrationSource
    public var assessedOn: BusinessDate
    public var indicators: HouseholdAssessed.Indicators
    /// The formula's prediction without intercept, Σ wᵢxᵢ, millionths.
    public var predictedMicro: Int64
    /// Actual log per-capita consumption less the intercept, millionths: prediction, governorate shift and error.
    public var consumptionLessInterceptMicro: Int64

    /// The head, who is also the payee.
    public var head: DrawnPerson { members[0] }
    /// Members.
    public var size: Int { members.count }
    /// Whether the head is a woman (selects the benefit table's row).
    public var isFemaleHeaded: Bool { head.sex == .female }
    /// Two-letter governorate suffix used in ids: `BG`.
    var areaTag: String { String(governorate.code.dropFirst(3)) }
}
