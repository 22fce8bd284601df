import Foundation

/// The registry's side of a match: ``start(persons:partner:rule:run:)`` writes file 1 and the run's
/// private ``State``; ``finish(partnerFile:)`` reads the partner's file 2 and yields the matches.
///
/// ## The protocol
///
/// A Diffie–Hellman private set intersection over X25519. Let `H` be ``NationalID/point(normalized:)``,
/// the registry's secret scalar `a` and the partner's `b`, each fresh for the run (``BlindingKey``).
///
/// 1. **Registry** (`daftar match start`): for each distinct normalised id `x_i` of its persons,
///    `A_i = X25519(a, H(x_i))`. File 1 holds the `A_i` in a fresh random order; the registry keeps, in
///    its ``State``, `a` and which persons each line stands for.
/// 2. **Partner** (`daftar match partner`, on the partner's machine, ``PartnerRun``): with a fresh `b`,
///    section D holds `D_i = X25519(b, A_i)` for every line of file 1, in file 1's order; section P holds
///    `P_j = X25519(b, H(y_j))` with the partner's indicator for each of its ids `y_j`, in a fresh random
///    order. File 2 goes back.
/// 3. **Registry** (`daftar match finish`): `X25519(a, P_j) = X25519(b, X25519(a, H(y_j)))`, which equals
///    `D_i` exactly when `y_j = x_i`. Each equality names a line of file 1, hence the registry's persons,
///    and carries the partner's indicator.
///
/// What each side learns: the partner learns the number of distinct ids in the registry's file and
/// the registry key's fingerprint, nothing about any person (every `A_i` is a fresh-looking point).
/// The registry learns which of its persons the partner holds and their indicators, the number of the
/// partner's ids, and the partner's indicators as a shuffled list without ids (section P), so
/// indicators should be coarse (a loan band, a licence type). Neither can test an id it does not hold
/// itself: hashing a dictionary of candidate ids does not help without the other side's scalar, which
/// is the point of blinding over keyed hashing (see ``NationalID/point(normalized:)``).
///
/// The security model is honest-but-curious: each side follows the protocol and tries to learn more
/// from what it sees. A registry could put ids of interest into its own set; that is what matching is
/// for, and is governed by the agreement between the ministries, not by cryptography.
public struct RegistryRun: Sendable {
    /// The run's private state: keep it, encrypted, between ``start(persons:partner:rule:run:)`` and ``finish(partnerFile:)``.
    public let state: State

    /// A run resumed from its state, to finish it.
    ///
    /// - Parameter state: the state ``start(persons:partner:rule:run:)`` returned (after ``State/open(_:with:)``).
    public init(resuming state: State) {
        self.state = state
    }

    /// What ``start(persons:partner:rule:run:)`` returns.
    public struct Started: Sendable {
        /// The run, with its state to keep.
        public var run: RegistryRun
        /// File 1, to send to the partner.
        public var file: Data
        /// Persons left out because their national id failed normalisation, each error naming `persons[i]`
        /// and the person id. Show them: they are not matched.
        public var rejected: [RejectedPerson]
        /// Persons sharing a national id with an earlier person: they share its line of file 1 (the
        /// partner sees each id once) and are all reported when it matches.
        public var sharedIDs: Int
    }

    /// A person left out of a run.
    public struct RejectedPerson: Sendable, Hashable {
        /// The registry's person id.
        public var personID: String
        /// Why.
        public var error: MatchError
    }

    /// One match: a registry person the partner also holds, and the partner's indicator for them.
    public struct Match: Sendable, Hashable {
        /// The registry's person id.
        public var personID: String
        /// The partner's indicator.
        public var indicator: String

        /// Creates a match; each parameter sets the property of the same name.
        public init(personID: String, indicator: String) {
            self.personID = personID
            self.indicator = indicator
        }
    }

    /// Starts a run: normalises and hashes the persons' national ids, blinds them with a fresh key,
    /// shuffles them and writes file 1.
    ///
    /// - Parameters:
    ///   - persons: the registry's persons: a pseudonymous person id and the national id as stored.
    ///   - partner: the partner's code (1–64 of `A–Z a–z 0–9 _ -`), written into the file.
    ///   - rule: the national id length rule; Iraq's 12-digit card by default.
    ///   - run: the run id; a fresh UUID by default.
    /// - Returns: file 1, the run with its private state, and the persons left out.
    /// - Throws: ``MatchError`` `invalid_input` for a bad partner code or no valid person, `low_order_point`
    ///   (practically impossible for hashed ids).
    public static func start(
        persons: [(personId: String, nationalId: String)], partner: String, rule: NationalID.Rule = .iraqUnifiedCard, run: UUID = UUID()
    ) async throws(MatchError) -> Started {
        try await start(persons: persons, partner: partner, rule: rule, run: run, key: BlindingKey())
    }

    /// ``start(persons:partner:rule:run:)`` with a given key: for the cross-check test, which needs the
    /// secret. Never reuse a key across runs.
    package static func start(
        persons: [(personId: String, nationalId: String)], partner: String, rule: NationalID.Rule, run: UUID, key: BlindingKey
    ) async throws(MatchError) -> Started {
        guard ExchangeFile.isValidPartnerCode(partner) else {
            throw MatchError(.invalidInput, field: "partner", "a partner code is 1–64 of A–Z a–z 0–9 _ -")
        }
        // Normalise; group persons by id, in first-seen order.
        var lineOf: [String: Int] = [:]
        lineOf.reserveCapacity(persons.count)
        var ids: [String] = []
        var personsOf: [[String]] = []
        var rejected: [RejectedPerson] = []
        var shared = 0
        for (i, person) in persons.enumerated() {
            do throws(MatchError) {
                let id = try NationalID.normalize(person.nationalId, rule: rule)
                if let k = lineOf[id] {
                    personsOf[k].append(person.personId)
                    shared += 1
                } else {
                    lineOf[id] = ids.count
                    ids.append(id)
                    personsOf.append([person.personId])
                }
            } catch {
                var e = error
                e.field = "persons[\(i)]"
                e.message = "person \(person.personId): national id \(e.message)"
                rejected.append(RejectedPerson(personID: person.personId, error: e))
            }
        }
        guard !ids.isEmpty else { throw MatchError(.invalidInput, field: "persons", "no person with a valid national id to match") }

        let blinded: [Point]
        do {
            blinded = try await Parallel.map(ids) { (id: String) throws(MatchError) -> Point in try key.blind(NationalID.point(normalized: id)) }
        } catch {
            var e = error.error
            e.field = "persons"
            e.message = "the national id of person \(personsOf[error.index][0]): \(e.message)"
            throw e
        }

        // A fresh random order: line k of the body holds the id first seen at order[k].
        var rng = SystemRandomNumberGenerator()
        let order = Array(0..<ids.count).shuffled(using: &rng)
        let written = ExchangeFile.write(
            ExchangeFile.RegistryHeader(run: run, partner: partner, fingerprint: key.fingerprint, count: ids.count),
            points: order.map { blinded[$0] })
        let state = State(
            run: run, partner: partner, secret: key.secret, fingerprint: key.fingerprint, fileSHA256: written.sha256,
            lines: order.map { personsOf[$0] }, createdAt: Date())
        return Started(run: RegistryRun(resuming: state), file: written.data, rejected: rejected, sharedIDs: shared)
    }

    /// Finishes the run: reads the partner's file 2, blinds section P with the run's key and intersects
    /// it with section D.
    ///
    /// - Parameter partnerFile: file 2.
    /// - Returns: one match per registry person whose national id the partner holds, with the partner's
    ///   indicator, sorted by person id then indicator. Exactly the intersection: ids not in both sets
    ///   give nothing.
    /// - Throws: ``MatchError``: the file's own errors (``ExchangeFile/readPartner(_:)``); `foreign_run`
    ///   for another run's file or an answer to another file 1 (field `run` or `registry_sha256`);
    ///   `wrong_partner`; `key_mismatch` for an answer computed for another key; `count_mismatch` when
    ///   section D does not have one line per line of file 1; `low_order_point` with the line of a
    ///   crafted section P point; `invalid_state`.
    public func finish(partnerFile: Data) async throws(MatchError) -> [Match] {
        try await finish(try ExchangeFile.readPartner(partnerFile))
    }

    /// Finishes the run from a file 2 already read with ``ExchangeFile/readPartner(_:)``: blinds
    /// section P with the run's key and intersects it with section D, as ``finish(partnerFile:)``.
    ///
    /// - Parameter file: file 2, parsed.
    /// - Returns: one match per registry person whose national id the partner holds, with the partner's
    ///   indicator, sorted by person id then indicator.
    /// - Throws: ``MatchError`` as ``finish(partnerFile:)``, except the file's own errors (already
    ///   raised when it was read).
    public func finish(_ file: ExchangeFile.PartnerFile) async throws(MatchError) -> [Match] {
        let h = file.header
        guard h.run == state.run else {
            throw MatchError(
                .foreignRun, line: 1, field: "run",
                "the file answers run \(h.run.uuidString.lowercased()); this is run \(state.run.uuidString.lowercased())")
        }
        guard h.partner == state.partner else {
            throw MatchError(.wrongPartner, line: 1, field: "partner", "the file is from partner \(h.partner); this run is with \(state.partner)")
        }
        guard h.registryFingerprint == state.fingerprint else {
            throw MatchError(.keyMismatch, line: 1, field: "registry_fingerprint", "the file was computed for another registry key than this run's")
        }
        guard h.registrySHA256 == state.fileSHA256 else {
            throw MatchError(.foreignRun, line: 1, field: "registry_sha256", "the file answers another file 1 than the one this run wrote")
        }
        guard h.registryCount == state.lines.count else {
            throw MatchError(
                .countMismatch, line: 1, field: "registry_count", "section D has \(h.registryCount) lines; file 1 had \(state.lines.count)")
        }
        let key = try BlindingKey(secret: state.secret)
        guard key.fingerprint == state.fingerprint else {
            throw MatchError(.invalidState, field: "secret", "the state's secret does not match its fingerprint")
        }

        let doubly: [Point]
        do {
            doubly = try await key.blindIndexed(file.partnerPoints)
        } catch {
            throw MatchError(.lowOrderPoint, line: file.line(ofPartnerPoint: error.index), field: "point", error.error.message)
        }
        var lineOf: [Point: Int] = [:]
        lineOf.reserveCapacity(file.doublyBlinded.count)
        for (i, d) in file.doublyBlinded.enumerated() { lineOf[d] = i }
        var matches: [Match] = []
        for (j, q) in doubly.enumerated() {
            guard let i = lineOf[q] else { continue }
            for person in state.lines[i] { matches.append(Match(personID: person, indicator: file.indicators[j])) }
        }
        matches.sort { ($0.personID, $0.indicator) < ($1.personID, $1.indicator) }
        return matches
    }
}
