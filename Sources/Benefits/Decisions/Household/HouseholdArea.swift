/// Where a household lives: governorate, district and urban, rural or camp residence.
public struct HouseholdArea: Sendable, Hashable {
    /// The governorate (ISO 3166-2).
    public var governorate: GovernorateCode
    /// The district.
    public var district: DistrictCode
    /// Urban, rural or camp.
    public var residence: Residence

    /// Creates an area; each parameter sets the property of the same name.
    public init(governorate: GovernorateCode, district: DistrictCode, residence: Residence) {
        self.governorate = governorate
        self.district = district
        self.residence = residence
    }

    /// Whether a declared area code covers this area: the country (`IQ`), the governorate (`IQ-BA`)
    /// or the district (`IQ-BA-03`).
    /// - Parameter code: a country, governorate or district code.
    /// - Returns: `true` when the household's district lies in the area.
    public func lies(in code: AreaCode) -> Bool {
        let area = code.rawValue
        let district = self.district.rawValue
        return district == area || district.hasPrefix(area + "-") || governorate.rawValue == area
    }

    /// Whether the district's code lies within the governorate's (`IQ-BA-03` in `IQ-BA`).
    public var districtIsInGovernorate: Bool {
        district.rawValue.hasPrefix(governorate.rawValue + "-")
    }
}
