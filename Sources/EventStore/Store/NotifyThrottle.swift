import Foundation

/// Decides whether an append should NOTIFY subscribers: at most once per `interval` per process.
///
/// PostgreSQL serialises the commits of notifying transactions on one queue lock, which at eight
/// concurrent writers costs more than the append itself. Subscribers do not need one wake-up per
/// event: after each wake-up they re-poll at short intervals, and they poll regularly anyway.
final class NotifyThrottle: @unchecked Sendable {
    private let lock = NSLock()
    private let interval: Duration
    private var last: ContinuousClock.Instant?

    init(interval: Duration) {
        self.interval = interval
    }

    func shouldNotify() -> Bool {
        let now = ContinuousClock.now
        return lock.withLock {
            if let last, now - last < interval { return false }
            last = now
            return true
        }
    }
}
