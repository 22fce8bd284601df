import Crypto

extension Scenario {
    /// SHA-256 of ``canonicalText``, lower-case hex: what a published projection records of its scenario.
    public var digest: String {
        SHA256.hash(data: Array(canonicalText.utf8)).map { byte in
            let hex = String(byte, radix: 16)
            return byte < 16 ? "0" + hex : hex
        }.joined()
    }
}
