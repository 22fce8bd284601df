import Foundation

/// Runs child processes from async tests without blocking the cooperative thread pool.
///
/// `Process.waitUntilExit()` and `FileHandle.readDataToEndOfFile()` block their thread. On a two-core
/// machine the cooperative pool has two threads: two tests blocked on children that themselves wait
/// for the database (for a transaction horizon that the tests' own, now stalled, tasks hold back)
/// deadlock the run. The blocking calls run here on Dispatch threads instead.
public enum ChildProcess {
    /// What a child printed and how it ended.
    public struct Outcome: Sendable {
        /// The exit status.
        public let status: Int32
        /// Standard output, as UTF-8.
        public let stdout: String
        /// Standard error, as UTF-8.
        public let stderr: String
    }

    /// Runs `executable` to completion.
    /// - Parameters:
    ///   - executable: the program's path.
    ///   - arguments: its arguments.
    ///   - stdin: text written to its standard input (closed afterwards).
    /// - Returns: its exit status and output.
    /// - Throws: when it cannot be started.
    public static func run(_ executable: String, _ arguments: [String], stdin: String? = nil) async throws -> Outcome {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: executable)
        p.arguments = arguments
        let out = Pipe()
        let err = Pipe()
        let input = Pipe()
        p.standardOutput = out
        p.standardError = err
        p.standardInput = input
        try p.run()
        return await withCheckedContinuation { continuation in
            DispatchQueue.global().async {
                if let stdin { input.fileHandleForWriting.write(Data(stdin.utf8)) }
                try? input.fileHandleForWriting.close()
                // Both pipes drain at once, so that a child filling one cannot block on it.
                let errBox = DataBox()
                let group = DispatchGroup()
                group.enter()
                DispatchQueue.global().async {
                    errBox.data = err.fileHandleForReading.readDataToEndOfFile()
                    group.leave()
                }
                let outData = out.fileHandleForReading.readDataToEndOfFile()
                group.wait()
                let errData = errBox.data
                p.waitUntilExit()
                continuation.resume(
                    returning: Outcome(
                        status: p.terminationStatus, stdout: String(decoding: outData, as: UTF8.self), stderr: String(decoding: errData, as: UTF8.self)))
            }
        }
    }

    /// Waits for a started process to exit.
    /// - Parameter process: a running process.
    public static func waitForExit(_ process: Process) async {
        await withCheckedContinuation { continuation in
            DispatchQueue.global().async {
                process.waitUntilExit()
                continuation.resume()
            }
        }
    }
}

/// Bytes handed from one Dispatch thread to another, ordered by a `DispatchGroup`.
private final class DataBox: @unchecked Sendable {
    var data = Data()
}
