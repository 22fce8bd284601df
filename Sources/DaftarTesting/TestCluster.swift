import EventStore
import Foundation
import Postgres

#if canImport(Glibc)
    import Glibc
#endif

/// One throwaway PostgreSQL cluster per test process, started on first use with the same helper
/// `daftar` uses for its embedded cluster, and removed when the process exits.
///
/// Each test takes a database of its own (``newDatabase(migrated:)``), so tests run in parallel
/// without seeing each other's data.
public enum TestCluster {
    private static let holder = Holder()

    /// A fresh, empty database on the shared throwaway cluster.
    /// - Parameter migrated: whether to apply the event store's migrations.
    /// - Returns: the database.
    public static func newDatabase(migrated: Bool = true) async throws -> TestDatabase {
        let cluster = try await holder.cluster()
        let name = "test_\(UUID().uuidString.prefix(12).lowercased().replacingOccurrences(of: "-", with: ""))"
        let admin = try await PostgresConnection.connect(cluster.uri(user: "postgres", database: "postgres"))
        try await admin.execute("CREATE DATABASE \(name) OWNER \(LocalCluster.ownerRole) TEMPLATE template0")
        await admin.close()
        let database = TestDatabase(cluster: cluster, name: name)
        if migrated {
            let conn = try await PostgresConnection.connect(database.uri)
            try await EventStore.migrate(conn)
            await conn.close()
        }
        return database
    }

    actor Holder {
        private var starting: Task<LocalCluster, any Error>?

        /// The cluster, started once however many tests ask at the same time.
        func cluster() async throws -> LocalCluster {
            if let starting { return try await starting.value }
            let task = Task { try await Holder.startCluster() }
            starting = task
            return try await task.value
        }

        static func startCluster() async throws -> LocalCluster {
            var template = Array("/tmp/daftar-test-XXXXXX".utf8CString)
            guard let dir = mkdtemp(&template) else { throw TestClusterError(message: "cannot create a temporary folder") }
            let home = String(cString: dir)
            chmod(home, 0o755)
            let cluster = LocalCluster(home: home, durability: .throwaway)
            TestCluster.registerCleanup(home)
            try await cluster.start()
            return cluster
        }
    }

    nonisolated(unsafe) static var homeToRemove: String?

    static func registerCleanup(_ home: String) {
        homeToRemove = home
        atexit {
            if let home = TestCluster.homeToRemove {
                try? LocalCluster(home: home, durability: .throwaway).destroy()
            }
        }
    }
}

/// A database of its own for one test.
public struct TestDatabase: Sendable {
    /// The cluster it lives on.
    public let cluster: LocalCluster
    /// Its name.
    public let name: String

    /// The URI to connect as the owner role.
    public var uri: String { cluster.uri(database: name) }

    /// The URI to connect as another role (e.g. a login role that is a member of `daftar_writer`).
    public func uri(user: String) -> String { cluster.uri(user: user, database: name) }

    /// A pool of owner connections.
    public func pool(maximumConnections: Int = 8) -> PostgresPool {
        PostgresPool(conninfo: uri, maximumConnections: maximumConnections)
    }

    /// A connection as the cluster's superuser, for test set-up only.
    public func superuser() async throws -> PostgresConnection {
        try await PostgresConnection.connect(cluster.uri(user: "postgres", database: name))
    }
}

struct TestClusterError: Error, CustomStringConvertible {
    let message: String
    var description: String { message }
}
