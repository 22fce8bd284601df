import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Runs the PostgreSQL server's command-line tools, optionally as another (unprivileged) user.
///
/// Uses `posix_spawn` and `waitpid` directly: `pg_ctl start` leaves a daemon behind, and
/// Foundation's `Process` was seen never to notice its child's exit in that case.
struct Subprocess {
    struct Failure: Error, CustomStringConvertible {
        let command: String
        let status: Int32
        let output: String
        var description: String { "\(command) exited with \(status): \(output.trimmingTrailingNewlines())" }
    }

    /// Runs `executable` with `arguments`, as `user` when given (through `runuser`, for root).
    /// - Parameter captureOutput: `false` for commands that leave a daemon behind (`pg_ctl start`):
    ///   the daemon may inherit the output pipe and keep it open, so output goes to /dev/null.
    /// - Returns: the exit status and the combined standard output and error.
    @discardableResult
    static func run(
        _ executable: String, _ arguments: [String], as user: String? = nil, allowFailure: Bool = false, captureOutput: Bool = true
    ) throws -> (status: Int32, output: String) {
        let argv = user.map { [Subprocess.runuser, "-u", $0, "--", executable] + arguments } ?? [executable] + arguments
        var fds: [Int32] = [-1, -1]
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        if captureOutput {
            guard pipe(&fds) == 0 else { throw Failure(command: argv[0], status: -1, output: "pipe failed") }
            _ = fcntl(fds[0], F_SETFD, FD_CLOEXEC)
            _ = fcntl(fds[1], F_SETFD, FD_CLOEXEC)
            posix_spawn_file_actions_adddup2(&actions, fds[1], 1)
            posix_spawn_file_actions_adddup2(&actions, fds[1], 2)
        } else {
            posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
            posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        }
        var cArgs: [UnsafeMutablePointer<CChar>?] = argv.map { strdup($0) } + [nil]
        defer { cArgs.forEach { free($0) } }
        var pid: pid_t = 0
        let spawned = posix_spawn(&pid, argv[0], &actions, nil, &cArgs, environ)
        if captureOutput { close(fds[1]) }
        guard spawned == 0 else {
            if captureOutput { close(fds[0]) }
            throw Failure(command: argv[0], status: -1, output: String(cString: strerror(spawned)))
        }
        var output: [UInt8] = []
        if captureOutput {
            var buffer = [UInt8](repeating: 0, count: 4096)
            while true {
                let n = read(fds[0], &buffer, buffer.count)
                if n > 0 { output.append(contentsOf: buffer[0..<n]) } else if n == 0 || errno != EINTR { break }
            }
            close(fds[0])
        }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        let exitStatus: Int32 = (status & 0x7f) == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
        let text = String(decoding: output, as: UTF8.self)
        if exitStatus != 0 && !allowFailure {
            throw Failure(command: URL(fileURLWithPath: executable).lastPathComponent, status: exitStatus, output: text)
        }
        return (exitStatus, text)
    }

    static var runuser: String {
        for path in ["/usr/sbin/runuser", "/sbin/runuser", "/usr/bin/runuser"] where FileManager.default.isExecutableFile(atPath: path) {
            return path
        }
        return "/usr/sbin/runuser"
    }

    /// The first executable found on `PATH` with this name.
    static func which(_ name: String) -> String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin"
        for dir in path.split(separator: ":") {
            let candidate = "\(dir)/\(name)"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return nil
    }
}
