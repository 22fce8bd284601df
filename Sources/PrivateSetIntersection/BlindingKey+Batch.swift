extension BlindingKey {
    /// `X25519(k, p)` for every point, in the same order, spread over the machine's cores.
    ///
    /// Large batches are cut into chunks (eight per core, at least 256 points each) run as child tasks
    /// of a task group; each chunk fills its own array and the chunks are joined in order. Batches
    /// under 512 points run on the caller's task.
    ///
    /// - Parameter points: the points.
    /// - Returns: the blinded points, `result[i] = blind(points[i])`.
    /// - Throws: ``MatchError`` `low_order_point` for a point that has small order (the lowest index among
    ///   those found before the other chunks stop); its ``MatchError/field`` is `points[i]`.
    public func blind(_ points: [Point]) async throws(MatchError) -> [Point] {
        do {
            return try await blindIndexed(points)
        } catch {
            var e = error.error
            e.field = "points[\(error.index)]"
            throw e
        }
    }

    /// ``blind(_:)-([Point])`` reporting the index of the point at fault, so that callers can name its line.
    func blindIndexed(_ points: [Point]) async throws(IndexedMatchError) -> [Point] {
        let key = self
        return try await Parallel.map(points) { (p: Point) throws(MatchError) -> Point in try key.blind(p) }
    }
}
