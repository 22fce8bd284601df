import DaftarJSON
import EventStore

/// A version of the programme's benefit schedule was published, in force from a date. Monthly entitlement =
/// min(capAmountMinor, sizeTableByHeadSex[head's sex][min(size, n) - 1] + baseAmountMinor + per-member components), each
/// part counting only when present. The per-size table by the head's sex expresses Iraq's SPN schedule exactly (2021:
/// male-headed 125,000/175,000/225,000/275,000, female-headed 125,000/200,000/275,000/325,000 IQD for sizes 1/2/3/4+); a
/// base plus per-member, per-child, per-elderly and per-disabled components with a cap expresses linear schedules. At
/// least one of the table and the base is given.
///
/// Schema: `EventSchemas/benefit-schedule-published.v1.json` (`BenefitSchedulePublished` v1).
public struct BenefitSchedulePublished: DomainEvent {
    public static let eventType = "BenefitSchedulePublished"
    public static let schemaVersion = 1

    /// Per-household-size table for female- and male-headed households.
    public struct SizeTable: Sendable, Hashable, JSONConvertible {
        /// Monthly amount by household size: element k (from 0) is for size k+1; larger households get the last element.
        public var female: [Int64]
        /// Monthly amount by household size: element k (from 0) is for size k+1; larger households get the last element.
        public var male: [Int64]

        /// Creates the object; each parameter sets the property of the same name.
        public init(female: [Int64], male: [Int64]) {
            self.female = female
            self.male = male
        }

        /// Reads the payload object; see ``JSONConvertible``.
        public init(json: JSONValue, at pointer: String) throws(EventDecodingError) {
            var object = try JSONObjectReader(json, at: pointer)
            female = try object.required("female")
            male = try object.required("male")
            try object.finish()
        }

        /// The payload object; optional properties that are `nil` are left out.
        public var json: JSONValue {
            var object = JSONObjectWriter()
            object.set("female", female)
            object.set("male", male)
            return object.json
        }
    }

    /// Per-member components and the ages that define children and elderly members.
    public struct MemberComponents: Sendable, Hashable, JSONConvertible {
        /// Amount per member.
        public var perMemberAmountMinor: Int64?
        /// Amount per child (age below childUnderAge).
        public var perChildAmountMinor: Int64?
        /// Amount per elderly member (age elderlyFromAge or more).
        public var perElderlyAmountMinor: Int64?
        /// Amount per member with a moderate or severe disability.
        public var perDisabledAmountMinor: Int64?
        /// A member counts as a child below this age.
        public var childUnderAge: Int?
        /// A member counts as elderly from this age.
        public var elderlyFromAge: Int?
        /// At most this many members are counted for each per-member component.
        public var maxCountedMembers: Int?

        /// Creates the object; each parameter sets the property of the same name.
        public init(
            perMemberAmountMinor: Int64? = nil, perChildAmountMinor: Int64? = nil, perElderlyAmountMinor: Int64? = nil,
            perDisabledAmountMinor: Int64? = nil, childUnderAge: Int? = nil, elderlyFromAge: Int? = nil, maxCountedMembers: Int? = nil
        ) {
            self.perMemberAmountMinor = perMemberAmountMinor
            self.perChildAmountMinor = perChildAmountMinor
            self.perElderlyAmountMinor = perElderlyAmountMinor
            self.perDisabledAmountMinor = perDisabledAmountMinor
            self.childUnderAge = childUnderAge
            self.elderlyFromAge = elderlyFromAge
            self.maxCountedMembers = maxCountedMembers
        }

        /// Reads the payload object; see ``JSONConvertible``.
        public init(json: JSONValue, at pointer: String) throws(EventDecodingError) {
            var object = try JSONObjectReader(json, at: pointer)
            perMemberAmountMinor = try object.optional("perMemberAmountMinor")
            perChildAmountMinor = try object.optional("perChildAmountMinor")
            perElderlyAmountMinor = try object.optional("perElderlyAmountMinor")
            perDisabledAmountMinor = try object.optional("perDisabledAmountMinor")
            childUnderAge = try object.optional("childUnderAge")
            elderlyFromAge = try object.optional("elderlyFromAge")
            maxCountedMembers = try object.optional("maxCountedMembers")
            try object.finish()
        }

        /// The payload object; optional properties that are `nil` are left out.
        public var json: JSONValue {
            var object = JSONObjectWriter()
            object.set("perMemberAmountMinor", perMemberAmountMinor)
            object.set("perChildAmountMinor", perChildAmountMinor)
            object.set("perElderlyAmountMinor", perElderlyAmountMinor)
            object.set("perDisabledAmountMinor", perDisabledAmountMinor)
            object.set("childUnderAge", childUnderAge)
            object.set("elderlyFromAge", elderlyFromAge)
            object.set("maxCountedMembers", maxCountedMembers)
            return object.json
        }
    }

    /// The programme.
    public var programmeId: ProgrammeID
    /// The benefit schedule version.
    public var scheduleVersion: Int
    /// First date whose entitlement is computed with this version.
    public var effectiveFrom: BusinessDate
    /// The legal instrument.
    public var legalBasis: LegalBasis
    /// The currency of every amount in the event.
    public var currency: Currency
    /// Per-household-size table for female- and male-headed households.
    public var sizeTableByHeadSex: SizeTable?
    /// Flat amount per household.
    public var baseAmountMinor: Int64?
    /// Per-member components and the ages that define children and elderly members.
    public var memberComponents: MemberComponents?
    /// Highest monthly entitlement of a household.
    public var capAmountMinor: Int64?

    /// Creates the event; each parameter sets the property of the same name.
    public init(
        programmeId: ProgrammeID, scheduleVersion: Int, effectiveFrom: BusinessDate, legalBasis: LegalBasis, currency: Currency,
        sizeTableByHeadSex: SizeTable? = nil, baseAmountMinor: Int64? = nil, memberComponents: MemberComponents? = nil, capAmountMinor: Int64? = nil
    ) {
        self.programmeId = programmeId
        self.scheduleVersion = scheduleVersion
        self.effectiveFrom = effectiveFrom
        self.legalBasis = legalBasis
        self.currency = currency
        self.sizeTableByHeadSex = sizeTableByHeadSex
        self.baseAmountMinor = baseAmountMinor
        self.memberComponents = memberComponents
        self.capAmountMinor = capAmountMinor
    }

    /// Reads the payload object; see ``JSONConvertible``.
    public init(json: JSONValue, at pointer: String) throws(EventDecodingError) {
        var object = try JSONObjectReader(json, at: pointer)
        programmeId = try object.required("programmeId")
        scheduleVersion = try object.required("scheduleVersion")
        effectiveFrom = try object.required("effectiveFrom")
        legalBasis = try object.required("legalBasis")
        currency = try object.required("currency")
        sizeTableByHeadSex = try object.optional("sizeTableByHeadSex")
        baseAmountMinor = try object.optional("baseAmountMinor")
        memberComponents = try object.optional("memberComponents")
        capAmountMinor = try object.optional("capAmountMinor")
        try object.finish()
    }

    /// The payload object; optional properties that are `nil` are left out.
    public var json: JSONValue {
        var object = JSONObjectWriter()
        object.set("programmeId", programmeId)
        object.set("scheduleVersion", scheduleVersion)
        object.set("effectiveFrom", effectiveFrom)
        object.set("legalBasis", legalBasis)
        object.set("currency", currency)
        object.set("sizeTableByHeadSex", sizeTableByHeadSex)
        object.set("baseAmountMinor", baseAmountMinor)
        object.set("memberComponents", memberComponents)
        object.set("capAmountMinor", capAmountMinor)
        return object.json
    }

    /// The stream the event is appended to: `programme-{programmeId}`.
    public var streamID: String { "programme-\(programmeId)" }
}
