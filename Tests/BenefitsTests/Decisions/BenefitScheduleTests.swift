import Benefits
import EventStore
import Testing

/// The entitlement computed from a published schedule and a household's composition.
@Suite struct BenefitScheduleTests {
    static func composition(size: Int, headSex: Sex, ages: [Int]? = nil, disabled: Int = 0) -> HouseholdComposition {
        let ages = ages ?? ([40] + Array(repeating: 10, count: max(size - 1, 0)))
        let members = ages.enumerated().map { i, age in
            HouseholdComposition.Member(
                personId: PersonID("P-TEST\(String(format: "%06d", i))"), sex: i == 0 ? headSex : .male, age: age,
                relationship: i == 0 ? .head : .son, disability: i < disabled ? .severe : .noDisability)
        }
        return HouseholdComposition(date: Given.date("2025-01-01"), members: members, headPersonId: members.first?.personId)
    }

    /// calibration.md §6, read as a table: size 4 is the cap, so larger households get the size-4 amount.
    static let calibrationTable: [(Sex, Int, Int64)] =
        [(Sex.male, 1, 125_000), (.male, 2, 175_000), (.male, 3, 225_000), (.male, 4, 275_000), (.male, 5, 275_000), (.male, 9, 275_000)]
        + [
            (Sex.female, 1, 125_000), (.female, 2, 200_000), (.female, 3, 275_000), (.female, 4, 325_000), (.female, 6, 325_000),
            (.female, 12, 325_000),
        ]

    @Test(arguments: calibrationTable)
    func theSPNScheduleReproducesCalibrationTableExactly(_ sex: Sex, _ size: Int, _ amount: Int64) throws {
        let schedule = BenefitSchedule(Given.schedule)
        let entitlement = try schedule.entitlement(for: Self.composition(size: size, headSex: sex))
        #expect(entitlement.monthlyAmountMinor == amount)
        #expect(entitlement.monthlyAmount == Money(minorUnits: amount, currency: .iqd))
        #expect(entitlement.components == [EntitlementComponent(component: .sizeTable, amountMinor: amount)])
        #expect(entitlement.headSex == sex)
        #expect(entitlement.householdSize == size)
        #expect(entitlement.scheduleVersion == 1)
    }

    @Test func theFemaleHeadedStepsAreNotLinear() throws {
        // The reason the schedule needs a table: 75,000, 75,000, 50,000.
        let schedule = BenefitSchedule(Given.schedule)
        let amounts = try (1...4).map { try schedule.entitlement(for: Self.composition(size: $0, headSex: .female)).monthlyAmountMinor }
        #expect(zip(amounts.dropFirst(), amounts).map { $0 - $1 } == [75_000, 75_000, 50_000])
    }

    static let linear = BenefitSchedulePublished(
        programmeId: Given.programme, scheduleVersion: 2, effectiveFrom: Given.date("2025-01-01"), legalBasis: Given.law, currency: .iqd,
        baseAmountMinor: 100_000,
        memberComponents: .init(
            perMemberAmountMinor: 20_000, perChildAmountMinor: 10_000, perElderlyAmountMinor: 15_000, perDisabledAmountMinor: 25_000,
            childUnderAge: 18, elderlyFromAge: 65, maxCountedMembers: 6),
        capAmountMinor: 400_000)

    @Test func baseAndPerMemberComponentsAreCountedAndItemised() throws {
        // 5 members: head 40, elder 70 (disabled), children 10, 12, 17.
        let c = Self.composition(size: 5, headSex: .male, ages: [40, 70, 10, 12, 17])
        var members = c.members
        members[1].disability = .moderate
        let e = try BenefitSchedule(Self.linear).entitlement(
            for: HouseholdComposition(date: c.date, members: members, headPersonId: c.headPersonId))
        #expect(
            e.components == [
                EntitlementComponent(component: .base, amountMinor: 100_000),
                EntitlementComponent(component: .perMember, amountMinor: 100_000, count: 5, unitAmountMinor: 20_000),
                EntitlementComponent(component: .perChild, amountMinor: 30_000, count: 3, unitAmountMinor: 10_000),
                EntitlementComponent(component: .perElderly, amountMinor: 15_000, count: 1, unitAmountMinor: 15_000),
                EntitlementComponent(component: .perDisabled, amountMinor: 25_000, count: 1, unitAmountMinor: 25_000),
            ])
        #expect(e.monthlyAmountMinor == 270_000)
    }

    @Test func aTotalAboveTheCapGetsANegativeCapAdjustmentAndMembersAreCountedUpToTheLimit() throws {
        // 10 members, 8 children, 6 disabled, at most 6 counted per component:
        // 100,000 + 6 × 20,000 + 6 × 10,000 + 6 × 25,000 = 430,000 → capped at 400,000.
        let c = Self.composition(size: 10, headSex: .female, ages: [40, 38] + Array(repeating: 9, count: 8), disabled: 6)
        let e = try BenefitSchedule(Self.linear).entitlement(for: c)
        #expect(
            e.components.first { $0.component == .perMember }
                == EntitlementComponent(component: .perMember, amountMinor: 120_000, count: 6, unitAmountMinor: 20_000))
        #expect(e.components.first { $0.component == .perChild }?.count == 6)
        #expect(e.components.last == EntitlementComponent(component: .capAdjustment, amountMinor: -30_000))
        #expect(e.monthlyAmountMinor == 400_000)
        #expect(e.components.reduce(0) { $0 + $1.amountMinor } == 400_000)
    }

    @Test func aTableAndALinearPartAddUp() throws {
        let both = BenefitSchedulePublished(
            programmeId: Given.programme, scheduleVersion: 3, effectiveFrom: Given.date("2025-01-01"), legalBasis: Given.law, currency: .iqd,
            sizeTableByHeadSex: Given.spnTable, memberComponents: .init(perDisabledAmountMinor: 50_000))
        let e = try BenefitSchedule(both).entitlement(for: Self.composition(size: 3, headSex: .female, disabled: 1))
        #expect(e.monthlyAmountMinor == 325_000)
        #expect(e.components.map(\.component) == [.sizeTable, .perDisabled])
    }

    @Test func aHouseholdWithoutAHeadHasNoEntitlement() {
        let c = Self.composition(size: 2, headSex: .female)
        let headless = HouseholdComposition(date: c.date, members: c.members, headPersonId: nil)
        let error = rejection { () throws(DomainRejection) in
            _ = try BenefitSchedule(Given.schedule).entitlement(for: headless)
            return []
        }
        #expect(error?.code == .noHeadOfHousehold)
    }

    @Test func amountsBeyondTheLedgersBoundsAreRefusedNotWrapped() {
        let huge = BenefitSchedulePublished(
            programmeId: Given.programme, scheduleVersion: 4, effectiveFrom: Given.date("2025-01-01"), legalBasis: Given.law, currency: .iqd,
            baseAmountMinor: 0, memberComponents: .init(perMemberAmountMinor: Int64.max / 2))
        let error = rejection { () throws(DomainRejection) in
            _ = try BenefitSchedule(huge).entitlement(for: Self.composition(size: 3, headSex: .male))
            return []
        }
        #expect(error?.code == .amountOverflow)
        #expect(error?.field == "components.perMember")
        let large = BenefitSchedulePublished(
            programmeId: Given.programme, scheduleVersion: 4, effectiveFrom: Given.date("2025-01-01"), legalBasis: Given.law, currency: .iqd,
            baseAmountMinor: 600_000_000_000_000, memberComponents: .init(perMemberAmountMinor: 200_000_000_000_000))
        let beyond = rejection { () throws(DomainRejection) in
            _ = try BenefitSchedule(large).entitlement(for: Self.composition(size: 3, headSex: .male))
            return []
        }
        #expect(beyond?.code == .amountOverflow)
        #expect(beyond?.field == "monthlyAmountMinor")
    }
}
