import EventStore

/// The programme's cross-match exclusion rule in force: which of a run's hits lead to proposals, with
/// which reason and from which date (``CrossMatchExclusionRulePublished``).
///
/// Pure: ``proposals(for:)`` reads a run and its hits, nothing else. Whether a household can be
/// proposed (enrolled, not already proposed) is ``Beneficiary/decide(_:run:)``'s to say.
public struct CrossMatchExclusionRule: Sendable, Hashable {
    /// The published version.
    public let published: CrossMatchExclusionRulePublished

    /// The rule of a published version.
    /// - Parameter published: the version.
    public init(_ published: CrossMatchExclusionRulePublished) {
        self.published = published
    }

    /// The version number.
    public var version: Int { published.ruleVersion }

    /// The criteria in the rule's order.
    public var criteria: [CrossMatchExclusionRulePublished.Criterion] { published.criteria }

    /// Whether a hit meets a criterion: same registry and indicator, an amount in the rule's currency
    /// strictly above the threshold when there is one, a model year at or after the criterion's when
    /// there is one. A hit without the value a threshold reads does not meet it: the evidence does not
    /// show it.
    /// - Parameters:
    ///   - hit: the hit.
    ///   - criterion: the criterion.
    /// - Returns: whether the hit meets it.
    public func hit(_ hit: CrossMatchHitRecorded, meets criterion: CrossMatchExclusionRulePublished.Criterion) -> Bool {
        guard hit.sourceRegistry == criterion.sourceRegistry, hit.indicator == criterion.indicator else { return false }
        if let threshold = criterion.thresholdAmountMinor {
            guard let measured = hit.measuredAmountMinor, hit.currency == published.currency, measured > threshold else { return false }
        }
        if let from = criterion.vehicleModelYearFrom {
            guard let year = hit.vehicleModelYear, year >= from else { return false }
        }
        return true
    }

    /// The position of the first criterion, in the rule's order, that a hit meets.
    /// - Parameter hit: the hit.
    /// - Returns: the criterion's index in ``criteria``, or `nil` when it meets none.
    public func firstCriterion(metBy hit: CrossMatchHitRecorded) -> Int? {
        criteria.firstIndex { self.hit(hit, meets: $0) }
    }

    /// The proposals a run's hits lead to: one per household with at least one hit that meets a
    /// criterion, in household order.
    ///
    /// A household's proposal takes the reason and the `effective` date of the first criterion, in the
    /// rule's order, that any of its hits meets; its evidence is every hit that meets a criterion,
    /// ordered by criterion then hit id (at most ``CrossMatchProposal/maximumHits``), and the member and
    /// evidence reference of the first. The date is the run's `sourceSnapshotOn` for `snapshotDate`
    /// and the day it completed (UTC) for `matchDate`.
    /// - Parameter run: the run with its hits.
    /// - Returns: the proposals; none for a run not recorded.
    public func proposals(for run: CrossMatchRun) -> [CrossMatchProposal] {
        guard let recorded = run.run else { return [] }
        var met: [HouseholdID: [(criterion: Int, hit: CrossMatchHitRecorded)]] = [:]
        for hit in run.hits.values {
            guard let index = firstCriterion(metBy: hit) else { continue }
            met[hit.householdId, default: []].append((index, hit))
        }
        return met.keys.sorted().map { householdId in
            let hits = met[householdId]!.sorted { ($0.criterion, $0.hit.hitId.rawValue) < ($1.criterion, $1.hit.hitId.rawValue) }
            let first = hits[0]
            let criterion = criteria[first.criterion]
            let effectiveOn = criterion.effective == .snapshotDate ? recorded.sourceSnapshotOn : recorded.completedAt.date
            return CrossMatchProposal(
                householdId: householdId, reason: criterion.reason, criterionIndex: first.criterion,
                hitIds: hits.prefix(CrossMatchProposal.maximumHits).map(\.hit.hitId), personId: first.hit.personId,
                evidenceRef: first.hit.evidenceRef, effectiveOn: effectiveOn)
        }
    }

    /// The households the run has hits on that meet no criterion, in household order.
    /// - Parameter run: the run with its hits.
    /// - Returns: the households.
    public func householdsNotMeeting(_ run: CrossMatchRun) -> [HouseholdID] {
        householdsNotMeeting(run, proposals: proposals(for: run))
    }

    /// The households the run has hits on that meet no criterion, in household order, given the
    /// run's proposals already computed.
    /// - Parameters:
    ///   - run: the run with its hits.
    ///   - proposals: ``proposals(for:)`` of the same run.
    /// - Returns: the households.
    public func householdsNotMeeting(_ run: CrossMatchRun, proposals: [CrossMatchProposal]) -> [HouseholdID] {
        let proposed = Set(proposals.map(\.householdId))
        return Set(run.hits.values.map(\.householdId)).subtracting(proposed).sorted()
    }
}
