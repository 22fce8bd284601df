import Foundation
import Postgres

extension EventStore {
    /// Follows the log from `checkpoint`: yields every event once, in `(xid, position)` order,
    /// as it becomes readable behind the transaction horizon.
    ///
    /// Woken by `LISTEN/NOTIFY` on ``channel``; polls every `pollInterval` as well, because a
    /// notification can arrive before the horizon has passed the event (another transaction still
    /// open) and because notifications are lost while the listener reconnects.
    ///
    /// - Parameters:
    ///   - checkpoint: where to start; events after it are delivered.
    ///   - batchSize: how many events to read per query.
    ///   - pollInterval: the fallback poll period.
    /// - Returns: a stream that ends only when the consumer stops or on an error.
    public func subscribe(
        after checkpoint: Checkpoint = .start, batchSize: Int = 1000, pollInterval: Duration = .seconds(1)
    ) -> AsyncThrowingStream<RecordedEvent, any Error> {
        let (stream, continuation) = AsyncThrowingStream<RecordedEvent, any Error>.makeStream(bufferingPolicy: .bufferingOldest(batchSize * 2))
        let wake = WakeSignal()
        let task = Task {
            var listener: PostgresNotificationListener?
            do {
                listener = try await PostgresNotificationListener(conninfo: pool.conninfo, channels: [EventStore.channel])
                let notes = listener!.notifications
                Task {
                    for await _ in notes { wake.notify() }
                }
                var position = checkpoint
                var idleRounds = 0
                while !Task.isCancelled {
                    let events = try await readAll(after: position, limit: batchSize)
                    for event in events {
                        // Back-pressure: wait while the consumer's buffer is full.
                        while case .dropped = continuation.yield(event) {
                            try await Task.sleep(for: .milliseconds(5))
                        }
                        position = event.checkpoint
                    }
                    if events.count == batchSize { continue }
                    // A notification may precede the horizon: re-poll soon after one, then back off.
                    idleRounds = events.isEmpty ? idleRounds + 1 : 0
                    let wait = idleRounds <= 3 ? Duration.milliseconds(20 * (1 << idleRounds)) : pollInterval
                    await wake.wait(timeout: wait)
                    if wake.consumeWasNotified() { idleRounds = 0 }
                }
                continuation.finish()
            } catch {
                continuation.finish(throwing: error)
            }
            listener?.stop()
        }
        continuation.onTermination = { _ in
            task.cancel()
            wake.notify()
        }
        return stream
    }
}
