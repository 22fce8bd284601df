import Benefits

/// One payment as the cost view needs it: its schedule and the amounts at each stage.
struct PaymentRecord: Sendable {
    var scheduled: PaymentScheduled
    /// Every issue, re-issues included.
    var issuedMinor: Int64 = 0
    var confirmedMinor: Int64 = 0
    /// The scheduled amount of each failed attempt.
    var failedMinor: Int64 = 0
    var reversedMinor: Int64 = 0
    /// Whether the latest attempt (issue, confirmation or failure) failed.
    var lastAttemptFailed = false

    /// Whether money reached the household and stayed there.
    var isPaid: Bool { confirmedMinor > reversedMinor }
}
