import Planning

/// Where planning meets the store: loading a ``Cohort`` at a pinned ledger position, and publishing plans.
public enum PlanningLedger {}
