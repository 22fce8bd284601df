import Crypto
import Foundation

extension RegistryRun {
    /// What the registry must keep, privately, between sending file 1 and reading file 2.
    ///
    /// It holds the run's secret scalar and the map from file 1's lines to the registry's persons:
    /// together they are exactly what turns the partner's answer into names, so the state is kept
    /// encrypted (``sealed(with:)``) and deleted once the run is finished. It holds pseudonymous person
    /// ids only, never national ids, and is self-contained: finishing does not re-read the registry, so
    /// persons registered after the start cannot shift the lines.
    public struct State: Sendable, Hashable, Codable {
        /// The state's format version (1).
        public var version: Int
        /// The run id, also in both files' headers.
        public var run: UUID
        /// The partner's code.
        public var partner: String
        /// The registry's 32 secret bytes for this run (``BlindingKey/secret``).
        public var secret: Data
        /// The key's fingerprint, as written in file 1.
        public var fingerprint: String
        /// File 1's trailer digest, which the partner's answer must quote.
        public var fileSHA256: String
        /// For each body line of file 1 (`lines[k]` is line `k + 2`), the person ids whose national id it
        /// stands for: one, or several when persons share an id.
        public var lines: [[String]]
        /// When the run was started, to the second (as the state's JSON keeps it).
        public var createdAt: Date

        /// Creates a state; each parameter sets the property of the same name.
        public init(run: UUID, partner: String, secret: Data, fingerprint: String, fileSHA256: String, lines: [[String]], createdAt: Date) {
            version = 1
            self.run = run
            self.partner = partner
            self.secret = secret
            self.fingerprint = fingerprint
            self.fileSHA256 = fileSHA256
            self.lines = lines
            self.createdAt = Date(timeIntervalSince1970: createdAt.timeIntervalSince1970.rounded(.down))
        }

        enum CodingKeys: String, CodingKey {
            case version, run, partner, secret, fingerprint
            case fileSHA256 = "file_sha256"
            case lines
            case createdAt = "created_at"
        }

        /// The state as JSON (the secret in base64). Plain text with the secret in it: seal it before it
        /// touches a disk.
        ///
        /// - Returns: the JSON.
        public func serialized() -> Data {
            let encoder = JSONEncoder()
            encoder.dateEncodingStrategy = .iso8601
            encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
            return try! encoder.encode(self)  // strings, integers, data and a date always encode
        }

        /// A state from ``serialized()``.
        ///
        /// - Parameter data: the JSON.
        /// - Throws: ``MatchError`` `invalid_state` when it is not a version-1 state.
        public init(serialized data: Data) throws(MatchError) {
            let decoder = JSONDecoder()
            decoder.dateDecodingStrategy = .iso8601
            let state: State
            do {
                state = try decoder.decode(State.self, from: data)
            } catch {
                throw MatchError(.invalidState, "not a run state: \(error)")
            }
            guard state.version == 1 else { throw MatchError(.invalidState, field: "version", "state version \(state.version); this daftar reads 1") }
            guard state.secret.count == 32, ExchangeFile.isHex64(state.fingerprint), ExchangeFile.isHex64(state.fileSHA256) else {
                throw MatchError(.invalidState, field: "secret", "the state's secret, fingerprint or digest has the wrong form")
            }
            self = state
        }

        /// The magic bytes that begin a sealed state.
        static let sealedMagic = Array("DAFTAR-PSI-STATE-1\n".utf8)
        /// Bound to every sealed state as associated data.
        static let sealedContext = Array("daftar-psi-state/1".utf8)

        /// The state encrypted and authenticated with AES-256-GCM under `key`.
        ///
        /// The result is the magic line `DAFTAR-PSI-STATE-1\n` followed by AES-GCM's combined form
        /// (12-byte nonce, ciphertext, 16-byte tag) of ``serialized()``, with `daftar-psi-state/1` as associated data.
        ///
        /// - Parameter key: a 256-bit key that stays on the registry's side (the CLI's master key or a key
        ///   derived from it).
        /// - Returns: the sealed bytes, safe to write to disk.
        public func sealed(with key: SymmetricKey) -> Data {
            let box = try! AES.GCM.seal(serialized(), using: key, authenticating: Self.sealedContext)  // fails only for a bad nonce, and ours is random
            return Data(Self.sealedMagic) + box.combined!
        }

        /// Decrypts and checks a sealed state.
        ///
        /// - Parameters:
        ///   - sealed: bytes from ``sealed(with:)``.
        ///   - key: the key it was sealed with.
        /// - Returns: the state.
        /// - Throws: ``MatchError`` `invalid_state` for another format, a wrong key or changed bytes.
        public static func open(_ sealed: Data, with key: SymmetricKey) throws(MatchError) -> State {
            guard sealed.count > sealedMagic.count + 28, sealed.prefix(sealedMagic.count).elementsEqual(sealedMagic) else {
                throw MatchError(.invalidState, "not a sealed daftar matching state")
            }
            let plain: Data
            do {
                let box = try AES.GCM.SealedBox(combined: sealed.dropFirst(sealedMagic.count))
                plain = try AES.GCM.open(box, using: key, authenticating: sealedContext)
            } catch {
                throw MatchError(.invalidState, "the state does not open with this key (wrong key, or the file was changed)")
            }
            return try State(serialized: plain)
        }
    }
}
