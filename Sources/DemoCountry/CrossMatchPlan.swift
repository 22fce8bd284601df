/// How the demo country's cross-match with other ministries is done.
public enum CrossMatchPlan: String, Sendable, Hashable, CaseIterable {
    /// The generator matches the caseload in memory in month 4 (calibration §8 rates), decides the
    /// exclusions itself (some retroactive, a few dismissed) and files the appeals that follow.
    case inMemory
    /// The generator records no cross-match and no appeals: the exclusions come from the real
    /// private-set-intersection protocol, run over ``DemoCountryGenerator/personsCSV()`` in the vault
    /// and the partners' ``DemoCountryGenerator/partnerFiles()``.
    case privateSetIntersection
}
