extension Scenario {
    /// Whether the scenario admits households from the registry (a threshold or an expansion), so
    /// that the cohort must include the assessed households never enrolled.
    public var needsCandidates: Bool {
        changes.contains { change in
            switch change {
            case .pmtThreshold, .expansion: return true
            default: return false
            }
        }
    }
}
