extension PostgresConnection {
    /// Runs `body`, then closes the connection whatever happened.
    /// - Parameter body: the work, given this connection.
    /// - Returns: what `body` returned.
    /// - Throws: what `body` threw (after closing).
    public func closing<T>(_ body: (PostgresConnection) async throws -> T) async throws -> T {
        do {
            let value = try await body(self)
            await close()
            return value
        } catch {
            await close()
            throw error
        }
    }
}
