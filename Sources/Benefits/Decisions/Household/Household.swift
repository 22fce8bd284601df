import EventStore

/// A household of the social registry, folded from its stream `household-{householdId}`.
///
/// The registry's facts carry business dates that may lie in the past (a birth reported late, a
/// death recorded months after). The fold keeps each fact with its date, so that the composition,
/// the head and the area can be read *as of* any date (``composition(on:)``, ``area(on:)``): the
/// entitlement is computed from the composition on the effective date, not from the latest one.
///
/// Decisions on a household are in `Household+Registry.swift` and `Household+Assessment.swift`.
public struct Household: Sendable, Hashable {
    /// The registration, or `nil` while the stream is empty.
    public private(set) var registration: HouseholdRegistered?
    /// Every person who was ever a member, in the order they first joined.
    var members: [HouseholdMember] = []
    /// Changes of head, in the order recorded.
    var headChanges: [HeadOfHouseholdChanged] = []
    /// Moves, in the order recorded.
    var relocations: [HouseholdRelocated] = []
    /// Proxy-means-test assessments, in the order recorded (v1 events upcast to v2).
    public private(set) var assessments: [HouseholdAssessed] = []

    /// A household not yet registered: the fold of an empty stream.
    public init() {}

    /// The fold of a stream's events, in stream order.
    /// - Parameter events: the household's events; events of other streams are ignored.
    public init(events: [any DomainEvent]) {
        for event in events { apply(event) }
    }

    /// Whether the household is in the registry.
    public var isRegistered: Bool { registration != nil }

    /// The household id, once registered.
    public var householdId: HouseholdID? { registration?.householdId }

    /// The household after `event`.
    /// - Parameter event: an event of the household's stream.
    /// - Returns: the new state; `self` unchanged for events of other streams.
    public func evolve(_ event: any DomainEvent) -> Household {
        var next = self
        next.apply(event)
        return next
    }

    /// Applies `event` in place (see ``evolve(_:)``).
    /// - Parameter event: an event of the household's stream.
    public mutating func apply(_ event: any DomainEvent) {
        switch event {
        case let e as HouseholdRegistered:
            registration = e
        case let e as MemberAdded:
            if let index = members.firstIndex(where: { $0.personId == e.personId }) {
                members[index].rejoin(e)
            } else {
                members.append(HouseholdMember(e))
            }
        case let e as MemberRemoved:
            if let index = members.firstIndex(where: { $0.personId == e.personId }) {
                members[index].leave(on: e.effectiveOn)
            }
        case let e as MemberCircumstancesChanged:
            if let index = members.firstIndex(where: { $0.personId == e.personId }) {
                members[index].changes.append(e)
            }
        case let e as HeadOfHouseholdChanged:
            headChanges.append(e)
        case let e as HouseholdRelocated:
            relocations.append(e)
        case let e as HouseholdAssessed:
            assessments.append(e)
        case let e as HouseholdAssessedV1:
            // Folds read current types; a v1 value handed in directly is upcast as on read.
            if let current = try? DomainEventDecoder.decode(type: HouseholdAssessedV1.eventType, schemaVersion: 1, data: e.json)
                as? HouseholdAssessed
            {
                assessments.append(current)
            }
        default:
            break
        }
    }
}
