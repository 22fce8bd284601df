import Crypto

/// Merkle roots over event hashes, as in RFC 6962 §2.1: leaves are `SHA-256(0x00 || hash)`,
/// inner nodes `SHA-256(0x01 || left || right)`, and a range of n leaves splits at the largest
/// power of two below n. The empty range has the root `SHA-256("")`.
public enum MerkleTree {
    /// The root of `leaves` (event hashes, in ledger order).
    public static func root(_ leaves: [[UInt8]]) -> [UInt8] {
        if leaves.isEmpty { return Array(SHA256.hash(data: [UInt8]())) }
        var level = leaves.map { leaf -> [UInt8] in
            var h = SHA256()
            h.update(data: [0x00])
            h.update(data: leaf)
            return Array(h.finalize())
        }
        return root(of: &level, 0, level.count)
    }

    private static func root(of nodes: inout [[UInt8]], _ start: Int, _ count: Int) -> [UInt8] {
        if count == 1 { return nodes[start] }
        var k = 1
        while k * 2 < count { k *= 2 }
        let left = root(of: &nodes, start, k)
        let right = root(of: &nodes, start + k, count - k)
        var h = SHA256()
        h.update(data: [0x01])
        h.update(data: left)
        h.update(data: right)
        return Array(h.finalize())
    }
}
