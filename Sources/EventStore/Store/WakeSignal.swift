import Foundation

/// Wakes one waiter, or remembers that it should not wait next time: how a LISTEN/NOTIFY
/// notification wakes a reader that otherwise polls.
public final class WakeSignal: @unchecked Sendable {
    private let lock = NSLock()
    private var pending = false
    private var notified = false
    private var waiter: CheckedContinuation<Void, Never>?

    /// A signal nobody has notified yet.
    public init() {}

    /// Wakes the waiter, or makes the next ``wait(timeout:)`` return at once.
    public func notify() {
        lock.lock()
        notified = true
        if let w = waiter {
            waiter = nil
            lock.unlock()
            w.resume()
        } else {
            pending = true
            lock.unlock()
        }
    }

    /// Whether a notification (not a timeout) arrived since the last call.
    public func consumeWasNotified() -> Bool {
        lock.withLock {
            defer { notified = false }
            return notified
        }
    }

    /// Waits until notified or until `timeout` has passed.
    /// - Parameter timeout: the longest wait (the polling fallback).
    public func wait(timeout: Duration) async {
        let timer = Task { [weak self] in
            try? await Task.sleep(for: timeout)
            self?.fire()
        }
        await withCheckedContinuation { (c: CheckedContinuation<Void, Never>) in
            lock.lock()
            if pending {
                pending = false
                lock.unlock()
                c.resume()
            } else {
                waiter = c
                lock.unlock()
            }
        }
        timer.cancel()
    }

    private func fire() {
        lock.lock()
        if let w = waiter {
            waiter = nil
            lock.unlock()
            w.resume()
        } else {
            lock.unlock()
        }
    }
}
