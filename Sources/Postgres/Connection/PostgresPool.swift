/// A bounded pool of connections to one database.
///
/// Connections are opened on demand up to ``maximumConnections``; callers beyond that wait their
/// turn in order. A connection that comes back broken or inside a transaction is closed, not lent.
public actor PostgresPool {
    /// The libpq connection string or URI.
    public nonisolated let conninfo: String
    /// The most connections open at once.
    public nonisolated let maximumConnections: Int

    private var idle: [PostgresConnection] = []
    private var open = 0
    private var waiters: [CheckedContinuation<PostgresConnection, any Error>] = []
    private var isClosed = false

    /// Creates a pool; no connection is opened until one is needed.
    /// - Parameters:
    ///   - conninfo: the libpq connection string or URI.
    ///   - maximumConnections: the most connections open at once (at least 1).
    public init(conninfo: String, maximumConnections: Int = 8) {
        self.conninfo = conninfo
        self.maximumConnections = max(1, maximumConnections)
    }

    /// Lends a connection to `body` and takes it back afterwards.
    /// - Parameter body: the work; must not keep the connection.
    /// - Returns: what `body` returned.
    /// - Throws: ``PostgresError`` when no connection can be opened, or what `body` threw.
    public nonisolated func withConnection<T>(_ body: (PostgresConnection) async throws -> T) async throws -> T {
        let connection = try await lease()
        do {
            let value = try await body(connection)
            await giveBack(connection)
            return value
        } catch {
            await giveBack(connection)
            throw error
        }
    }

    /// Closes idle connections and refuses further leases.
    public func close() async {
        isClosed = true
        let connections = idle
        idle.removeAll()
        for c in connections { await c.close() }
        for w in waiters { w.resume(throwing: PostgresError(code: .poolUnavailable, message: "pool is closed")) }
        waiters.removeAll()
    }

    private func lease() async throws -> PostgresConnection {
        guard !isClosed else { throw PostgresError(code: .poolUnavailable, message: "pool is closed") }
        if let c = idle.popLast() { return c }
        if open < maximumConnections {
            open += 1
            do {
                return try await PostgresConnection.connect(conninfo)
            } catch {
                open -= 1
                throw error
            }
        }
        return try await withCheckedThrowingContinuation { waiters.append($0) }
    }

    private func giveBack(_ connection: PostgresConnection) async {
        if connection.isReusable && !isClosed {
            if !waiters.isEmpty {
                waiters.removeFirst().resume(returning: connection)
            } else {
                idle.append(connection)
            }
            return
        }
        await connection.close()
        open -= 1
        if !waiters.isEmpty && !isClosed {
            let waiter = waiters.removeFirst()
            open += 1
            do {
                waiter.resume(returning: try await PostgresConnection.connect(conninfo))
            } catch {
                open -= 1
                waiter.resume(throwing: error)
            }
        }
    }
}
