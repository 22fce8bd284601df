import Benefits
import EventStore
import Foundation

extension UTCTimestamp {
    /// The wall clock now, to the microsecond (the CLI's; the domain never reads the clock).
    static func now() -> UTCTimestamp {
        UTCTimestamp(text: EventTime.rfc3339(micros: Int64(Date().timeIntervalSince1970 * 1_000_000)))!
    }
}
