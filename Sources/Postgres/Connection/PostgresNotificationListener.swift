import CLibPQ
import Foundation
import Glibc

/// A notification received through `LISTEN`.
public struct PostgresNotification: Sendable, Equatable {
    /// The channel it was sent on; empty for the synthetic reconnect signal.
    public let channel: String
    /// The payload given to `NOTIFY`.
    public let payload: String
    /// `true` for a signal that the listener reconnected: notifications sent meanwhile were lost,
    /// so a consumer should re-read rather than wait.
    public let isReconnect: Bool
}

/// Listens on channels over a dedicated connection and delivers notifications as an async stream.
///
/// The connection waits in `poll(2)` on a thread of its own, never on the cooperative pool. If the
/// connection drops, the listener reconnects with back-off and yields a reconnect signal, since
/// notifications are not queued for a listener that is away.
public final class PostgresNotificationListener: Sendable {
    /// The notifications, in the order the server delivered them.
    public let notifications: AsyncStream<PostgresNotification>
    private let stopped = LockedFlag()

    /// Starts listening.
    /// - Parameters:
    ///   - conninfo: the libpq connection string or URI.
    ///   - channels: channel names (identifiers; quoted safely).
    /// - Throws: ``PostgresError`` when the first connection or `LISTEN` fails.
    public init(conninfo: String, channels: [String]) async throws {
        let (stream, continuation) = AsyncStream<PostgresNotification>.makeStream(bufferingPolicy: .bufferingNewest(1024))
        notifications = stream
        let first = try await PostgresNotificationListener.open(conninfo: conninfo, channels: channels)
        let stopped = self.stopped
        let box = HandleBox(first)
        let thread = Thread {
            var conn: OpaquePointer? = box.handle
            var backoff: UInt32 = 100_000
            while !stopped.isSet {
                guard let c = conn else {
                    usleep(backoff)
                    backoff = min(backoff * 2, 5_000_000)
                    conn = try? PostgresNotificationListener.openBlocking(conninfo: conninfo, channels: channels)
                    if conn != nil {
                        backoff = 100_000
                        continuation.yield(PostgresNotification(channel: "", payload: "", isReconnect: true))
                    }
                    continue
                }
                var fd = pollfd(fd: PQsocket(c), events: Int16(POLLIN), revents: 0)
                let ready = poll(&fd, 1, 250)
                if ready > 0 {
                    if PQconsumeInput(c) != 1 {
                        PQfinish(c)
                        conn = nil
                        continue
                    }
                    while let n = PQnotifies(c) {
                        let note = PostgresNotification(
                            channel: String(cString: n.pointee.relname),
                            payload: String(cString: n.pointee.extra),
                            isReconnect: false
                        )
                        PQfreemem(n)
                        continuation.yield(note)
                    }
                } else if ready < 0 && errno != EINTR {
                    PQfinish(c)
                    conn = nil
                }
            }
            if let conn { PQfinish(conn) }
            continuation.finish()
        }
        thread.name = "daftar.listen"
        thread.start()
    }

    /// Stops listening and ends the stream.
    public func stop() {
        _ = stopped.setIfUnset()
    }

    deinit { stop() }

    private static func open(conninfo: String, channels: [String]) async throws -> OpaquePointer {
        try await withCheckedThrowingContinuation { continuation in
            DispatchQueue.global().async {
                continuation.resume(with: Result { HandleBox(try openBlocking(conninfo: conninfo, channels: channels)) })
            }
        }.handle
    }

    static func openBlocking(conninfo: String, channels: [String]) throws -> OpaquePointer {
        guard let conn = PQconnectdb(conninfo) else {
            throw PostgresError(code: .connectionFailed, message: "out of memory")
        }
        guard PQstatus(conn) == CONNECTION_OK else {
            let message = PostgresError.connectionMessage(conn)
            PQfinish(conn)
            throw PostgresError(code: .connectionFailed, message: message)
        }
        for channel in channels {
            guard let quoted = PQescapeIdentifier(conn, channel, channel.utf8.count) else {
                PQfinish(conn)
                throw PostgresError(code: .protocolViolation, message: "cannot quote channel name")
            }
            let sql = "LISTEN " + String(cString: quoted)
            PQfreemem(quoted)
            do {
                _ = try PostgresConnection.check(PQexec(conn, sql), conn)
            } catch {
                PQfinish(conn)
                throw error
            }
        }
        return conn
    }
}

/// Carries a libpq handle across a thread hop.
struct HandleBox: @unchecked Sendable {
    let handle: OpaquePointer
    init(_ handle: OpaquePointer) { self.handle = handle }
}
