import Foundation

/// An error about the `index`-th item of a batch.
struct IndexedMatchError: Error {
    var index: Int
    var error: MatchError
}

/// Chunked parallel maps over a task group, in order.
enum Parallel {
    /// The number of chunks' workers: the machine's active cores.
    static var workers: Int { max(1, ProcessInfo.processInfo.activeProcessorCount) }

    /// `items.map(transform)`, chunked over the cores.
    ///
    /// - Parameters:
    ///   - items: the inputs.
    ///   - minimumChunk: the fewest items worth a child task.
    ///   - transform: the work for one item.
    /// - Returns: the outputs in input order.
    /// - Throws: the failure with the lowest index among those found (the other chunks stop early).
    static func map<T: Sendable, R: Sendable>(
        _ items: [T], minimumChunk: Int = 256, _ transform: @escaping @Sendable (T) throws(MatchError) -> R
    ) async throws(IndexedMatchError) -> [R] {
        let n = items.count
        let workers = Self.workers
        if workers == 1 || n < 2 * minimumChunk {
            var out = [R]()
            out.reserveCapacity(n)
            for i in 0..<n {
                do throws(MatchError) { out.append(try transform(items[i])) } catch { throw IndexedMatchError(index: i, error: error) }
            }
            return out
        }
        let chunkCount = min(workers * 8, (n + minimumChunk - 1) / minimumChunk)
        let chunkSize = (n + chunkCount - 1) / chunkCount
        let failed = FailureFlag()
        let (chunks, failure) = await withTaskGroup(of: (Int, Result<[R], IndexedMatchError>).self) { group in
            for c in 0..<chunkCount {
                let lo = c * chunkSize
                let hi = min(n, lo + chunkSize)
                guard lo < hi else { continue }
                group.addTask {
                    var out = [R]()
                    out.reserveCapacity(hi - lo)
                    for i in lo..<hi {
                        if i & 1023 == 0, failed.isSet { return (c, .success([])) }
                        do throws(MatchError) {
                            out.append(try transform(items[i]))
                        } catch {
                            failed.set()
                            return (c, .failure(IndexedMatchError(index: i, error: error)))
                        }
                    }
                    return (c, .success(out))
                }
            }
            var chunks = [[R]](repeating: [], count: chunkCount)
            var failure: IndexedMatchError?
            for await (c, result) in group {
                switch result {
                case .success(let out): chunks[c] = out
                case .failure(let f): if failure == nil || f.index < failure!.index { failure = f }
                }
            }
            return (chunks, failure)
        }
        if let failure { throw failure }
        var out = [R]()
        out.reserveCapacity(n)
        for chunk in chunks { out.append(contentsOf: chunk) }
        return out
    }
}

/// A flag the chunks of one batch raise on failure, so that the others stop.
final class FailureFlag: @unchecked Sendable {
    private let lock = NSLock()
    private var value = false
    var isSet: Bool { lock.withLock { value } }
    func set() { lock.withLock { value = true } }
}
