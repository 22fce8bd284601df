import Foundation
import Glibc

/// A PostgreSQL cluster that Daftar runs itself, from the server binaries installed on the machine.
///
/// The cluster lives in the data folder (`DAFTAR_HOME`, default `./.daftar`) and listens only on
/// a Unix socket in that folder, so several clusters never fight over a TCP port and nothing
/// outside the machine can reach it. Local connections are trusted: the socket directory's
/// permissions are the access control.
///
/// PostgreSQL refuses to run as root. When Daftar runs as root, the server runs as the
/// unprivileged `postgres` user (Debian's package creates it), or as a `daftar` system user that
/// is created for the purpose. If that user cannot reach the data folder (a parent directory is
/// private to root), the cluster's files go to `/var/lib/daftar/clusters/<hash of the folder>`
/// instead, and the folder records where.
public struct LocalCluster: Sendable {
    /// How the cluster trades durability for speed.
    public enum Durability: Sendable {
        /// fsync on, as for real data.
        case durable
        /// fsync off: for throwaway test clusters only.
        case throwaway
    }

    /// The data folder (absolute).
    public let home: String
    /// The durability setting used when the cluster is created.
    public let durability: Durability
    /// The database Daftar uses.
    public static let databaseName = "daftar"
    /// The role that owns Daftar's schemas and runs migrations.
    public static let ownerRole = "daftar_owner"

    /// A cluster in `home`.
    /// - Parameters:
    ///   - home: the data folder; relative paths are taken from the current directory.
    ///   - durability: `.durable` unless the cluster is a test's throwaway.
    public init(home: String, durability: Durability = .durable) {
        let url = URL(fileURLWithPath: home, relativeTo: URL(fileURLWithPath: FileManager.default.currentDirectoryPath))
        self.home = url.standardizedFileURL.path
        self.durability = durability
    }

    /// What ``status()`` found.
    public struct Status: Sendable {
        /// Whether a cluster has been created.
        public let exists: Bool
        /// Whether its server is running.
        public let running: Bool
        /// Where its files are.
        public let dataDirectory: String
        /// The URI to connect as the owner role.
        public let uri: String
    }

    // MARK: Layout

    var isRoot: Bool { geteuid() == 0 }

    /// Where the cluster's files are: inside `home`, or the recorded fallback location.
    var clusterRoot: String {
        let marker = "\(home)/postgres.location"
        if let recorded = try? String(contentsOfFile: marker, encoding: .utf8) {
            return recorded.trimmingCharacters(in: .whitespacesAndNewlines)
        }
        return "\(home)/postgres"
    }

    var dataDirectory: String { "\(clusterRoot)/data" }
    var logFile: String { "\(clusterRoot)/server.log" }

    /// The socket directory: beside the data when the path is short enough for a Unix socket
    /// (108 bytes with the file name), else a per-cluster folder under /tmp.
    var socketDirectory: String {
        let near = "\(clusterRoot)/run"
        if near.utf8.count <= 80 { return near }
        return "/tmp/daftar-\(Self.shortHash(clusterRoot))"
    }

    /// FNV-1a of the path: a stable short name, not a security measure.
    static func shortHash(_ s: String) -> String {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for b in s.utf8 { h = (h ^ UInt64(b)) &* 0x100_0000_01b3 }
        return String(h, radix: 16)
    }

    /// The URI to connect as `user` to `database`.
    public func uri(user: String = LocalCluster.ownerRole, database: String = LocalCluster.databaseName) -> String {
        let host = socketDirectory.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? socketDirectory
        return "postgresql:///\(database)?host=\(host)&port=5432&user=\(user)"
    }

    // MARK: Commands

    /// Starts the cluster, creating it first if needed, and makes sure the owner role and the
    /// database exist. Reuses a running cluster.
    /// - Parameter progress: receives one line per step that takes time.
    /// - Returns: the owner's connection URI.
    /// - Throws: ``LocalClusterError`` naming the step that failed.
    @discardableResult
    public func start(progress: (String) -> Void = { _ in }) async throws -> String {
        let binaries = try Self.findBinaries()
        let user = try serverUser()
        try prepareDirectories(user: user)
        if !FileManager.default.fileExists(atPath: "\(dataDirectory)/PG_VERSION") {
            progress("Creating a PostgreSQL cluster in \(dataDirectory)")
            try initialise(binaries: binaries, user: user)
        }
        if try !isRunning(binaries: binaries, user: user) {
            progress("Starting PostgreSQL (\(binaries.version)) on \(socketDirectory)")
            do {
                try Subprocess.run(
                    "\(binaries.directory)/pg_ctl",
                    ["-D", dataDirectory, "-l", logFile, "-w", "-t", "120", "start"],
                    as: user, captureOutput: false)
            } catch {
                let tail = (try? String(contentsOfFile: logFile, encoding: .utf8))?.split(separator: "\n").suffix(5).joined(separator: "\n") ?? ""
                throw LocalClusterError(code: "start_failed", message: "PostgreSQL did not start: \(error)\n\(tail)")
            }
        }
        try await bootstrap()
        return uri()
    }

    /// Stops the cluster's server (fast shutdown: open transactions roll back, committed data stays).
    /// - Throws: ``LocalClusterError`` when `pg_ctl` fails.
    public func stop() throws {
        let binaries = try Self.findBinaries()
        let user = try serverUser()
        guard FileManager.default.fileExists(atPath: "\(dataDirectory)/PG_VERSION") else { return }
        if try isRunning(binaries: binaries, user: user) {
            try Subprocess.run("\(binaries.directory)/pg_ctl", ["-D", dataDirectory, "-w", "-t", "60", "-m", "fast", "stop"], as: user)
        }
    }

    /// Reports whether the cluster exists and runs.
    /// - Throws: ``LocalClusterError`` when no PostgreSQL binaries are installed.
    public func status() throws -> Status {
        let binaries = try Self.findBinaries()
        let exists = FileManager.default.fileExists(atPath: "\(dataDirectory)/PG_VERSION")
        let running = exists ? try isRunning(binaries: binaries, user: try serverUser()) : false
        return Status(exists: exists, running: running, dataDirectory: dataDirectory, uri: uri())
    }

    /// Stops the cluster and deletes its files, for throwaway clusters.
    public func destroy() throws {
        try? stop()
        try? FileManager.default.removeItem(atPath: clusterRoot)
        try? FileManager.default.removeItem(atPath: socketDirectory)
        try? FileManager.default.removeItem(atPath: home)
    }

    // MARK: Steps

    func isRunning(binaries: Binaries, user: String?) throws -> Bool {
        let r = try Subprocess.run("\(binaries.directory)/pg_ctl", ["-D", dataDirectory, "status"], as: user, allowFailure: true)
        return r.status == 0
    }

    func initialise(binaries: Binaries, user: String?) throws {
        var arguments = ["-D", dataDirectory, "-U", "postgres", "-A", "trust", "-E", "UTF8", "--locale=C", "--no-instructions"]
        if durability == .throwaway { arguments.append("--no-sync") }
        do {
            try Subprocess.run("\(binaries.directory)/initdb", arguments, as: user)
        } catch {
            throw LocalClusterError(code: "initdb_failed", message: "initdb failed: \(error)")
        }
        var settings = """

            # Daftar's embedded cluster: Unix socket only, sized for bulk appends.
            listen_addresses = ''
            unix_socket_directories = '\(socketDirectory)'
            port = 5432
            unix_socket_permissions = 0770
            max_connections = \(durability == .throwaway ? 500 : 120)
            shared_buffers = 256MB
            max_wal_size = 4GB
            checkpoint_timeout = 15min
            log_min_messages = warning
            log_line_prefix = '%m [%p] '

            """
        if durability == .throwaway {
            // A test run's suites all run at once, each with its pools and the CLI's children: 500
            // connections keep them from starving each other ("remaining connection slots are reserved").
            settings += "fsync = off\nsynchronous_commit = off\nfull_page_writes = off\n"
        }
        let conf = "\(dataDirectory)/postgresql.conf"
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: conf))
        handle.seekToEndOfFile()
        handle.write(Data(settings.utf8))
        try handle.close()
    }

    func bootstrap() async throws {
        let admin = try await PostgresConnection.connect(uri(user: "postgres", database: "postgres"))
        defer { Task { await admin.close() } }
        try await admin.execute(
            """
            DO $$ BEGIN
              IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '\(Self.ownerRole)') THEN
                CREATE ROLE \(Self.ownerRole) LOGIN CREATEROLE;
              END IF;
            END $$;
            """)
        let exists = try await admin.query("SELECT 1 FROM pg_database WHERE datname = $1", [Self.databaseName]).count > 0
        if !exists {
            do {
                try await admin.execute("CREATE DATABASE \(Self.databaseName) OWNER \(Self.ownerRole) TEMPLATE template0 ENCODING 'UTF8'")
            } catch let error as PostgresError where error.sqlState == "42P04" {
                // Created concurrently by another process: fine.
            }
        }
        await admin.close()
    }

    func prepareDirectories(user: String?) throws {
        let fm = FileManager.default
        try fm.createDirectory(atPath: home, withIntermediateDirectories: true)
        var root = clusterRoot
        try fm.createDirectory(atPath: root, withIntermediateDirectories: true)
        if let user {
            try chown(root, to: user)
            let reachable = try Subprocess.run("/usr/bin/test", ["-w", root], as: user, allowFailure: true).status == 0
            if !reachable {
                // A parent of the data folder is private to root: keep the cluster where the server
                // user can reach it, and record the place.
                if !fm.fileExists(atPath: "\(root)/data/PG_VERSION") { try? fm.removeItem(atPath: root) }
                root = "/var/lib/daftar/clusters/\(Self.shortHash(home))"
                try fm.createDirectory(atPath: root, withIntermediateDirectories: true)
                try fm.setAttributes([.posixPermissions: 0o755], ofItemAtPath: "/var/lib/daftar")
                try chown(root, to: user)
                try root.write(toFile: "\(home)/postgres.location", atomically: true, encoding: .utf8)
            }
        }
        try fm.createDirectory(atPath: socketDirectory, withIntermediateDirectories: true)
        try fm.setAttributes([.posixPermissions: 0o700], ofItemAtPath: root)
        if let user {
            try chown(socketDirectory, to: user)
            try chown(root, to: user)
        }
    }

    func chown(_ path: String, to user: String) throws {
        guard let pw = getpwnam(user) else {
            throw LocalClusterError(code: "no_server_user", message: "user \(user) does not exist")
        }
        guard Glibc.chown(path, pw.pointee.pw_uid, pw.pointee.pw_gid) == 0 else {
            throw LocalClusterError(code: "chown_failed", message: "cannot give \(path) to \(user): \(String(cString: strerror(errno)))")
        }
    }

    /// The user the server runs as: `nil` (ourselves) unless we are root.
    func serverUser() throws -> String? {
        guard isRoot else { return nil }
        if getpwnam("postgres") != nil { return "postgres" }
        if getpwnam("daftar") != nil { return "daftar" }
        let useradd = ["/usr/sbin/useradd", "/sbin/useradd"].first { FileManager.default.isExecutableFile(atPath: $0) }
        guard let useradd else {
            throw LocalClusterError(code: "no_server_user", message: "running as root and no unprivileged user to run PostgreSQL as; create a 'postgres' user")
        }
        try Subprocess.run(useradd, ["--system", "--no-create-home", "--shell", "/usr/sbin/nologin", "daftar"])
        return "daftar"
    }

    // MARK: Binaries

    /// The PostgreSQL server binaries found on the machine.
    public struct Binaries: Sendable {
        /// The directory holding `initdb`, `pg_ctl` and `postgres`.
        public let directory: String
        /// `postgres --version`'s answer.
        public let version: String
    }

    /// Finds the server binaries through `pg_config --bindir`, then the usual Debian paths, then `PATH`.
    /// - Throws: ``LocalClusterError`` with code `no_postgres` when none are installed.
    public static func findBinaries() throws -> Binaries {
        var candidates: [String] = []
        if let env = ProcessInfo.processInfo.environment["DAFTAR_PG_BINDIR"] { candidates.append(env) }
        if let pgConfig = Subprocess.which("pg_config"),
            let r = try? Subprocess.run(pgConfig, ["--bindir"], allowFailure: true), r.status == 0
        {
            candidates.append(r.output.trimmingCharacters(in: .whitespacesAndNewlines))
        }
        if let versions = try? FileManager.default.contentsOfDirectory(atPath: "/usr/lib/postgresql") {
            let sorted = versions.compactMap { Int($0) }.sorted(by: >)
            candidates += sorted.map { "/usr/lib/postgresql/\($0)/bin" }
        }
        if let initdb = Subprocess.which("initdb") {
            candidates.append(URL(fileURLWithPath: initdb).deletingLastPathComponent().path)
        }
        for dir in candidates
        where FileManager.default.isExecutableFile(atPath: "\(dir)/initdb") && FileManager.default.isExecutableFile(atPath: "\(dir)/pg_ctl") {
            let version = (try? Subprocess.run("\(dir)/postgres", ["--version"]).output.trimmingCharacters(in: .whitespacesAndNewlines)) ?? "PostgreSQL"
            return Binaries(directory: dir, version: version)
        }
        throw LocalClusterError(
            code: "no_postgres",
            message: "no PostgreSQL server binaries found (looked in pg_config --bindir, /usr/lib/postgresql/*/bin and PATH); install them with 'apt-get install postgresql' or give a database URL with --database-url or DAFTAR_DATABASE_URL"
        )
    }
}

/// A failure managing the local cluster.
public struct LocalClusterError: Error, Sendable, CustomStringConvertible {
    /// A stable code: `no_postgres`, `initdb_failed`, `start_failed`, `no_server_user`, `chown_failed`.
    public let code: String
    /// What went wrong and what to do.
    public let message: String
    public var description: String { message }
}
