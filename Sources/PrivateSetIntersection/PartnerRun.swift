import Foundation

/// The partner's side of a match (`daftar match partner`), run by the partner ministry on its own
/// machine: reads the registry's file 1, blinds it and its own ids with a fresh key, writes file 2.
///
/// The partner's key exists only in memory during ``respond(to:rows:partner:rule:)``: nothing needs to
/// be kept afterwards, and without the key nobody, the partner included, can later link file 2's
/// values back to ids. See ``RegistryRun`` for the protocol and what each side learns.
public enum PartnerRun {
    /// What ``respond(to:rows:partner:rule:)`` returns.
    public struct Response: Sendable {
        /// File 2, to send back to the registry.
        public var file: Data
        /// File 2's header (run, partner, both fingerprints, counts), for the partner's records.
        public var header: ExchangeFile.PartnerHeader
    }

    /// Answers file 1.
    ///
    /// - Parameters:
    ///   - registryFile: file 1, as received.
    ///   - rows: the partner's rows: a national id as written and an indicator (at most
    ///     ``ExchangeFile/maximumIndicatorBytes`` of UTF-8, no control characters). Ids must be distinct
    ///     after normalisation (``PartnerCSV`` reports duplicates as rejected rows).
    ///   - partner: the partner's own code; when given, file 1 must be addressed to it.
    ///   - rule: the national id length rule; Iraq's 12-digit card by default.
    /// - Returns: file 2 and its header.
    /// - Throws: ``MatchError``: file 1's errors (``ExchangeFile/readRegistry(_:)``); `wrong_partner` when file 1
    ///   is addressed to another partner; `invalid_national_id`, `duplicate_national_id` or `invalid_input`
    ///   (indicator) with field `rows[i]`; `low_order_point` with the line of a crafted file 1 point.
    public static func respond(
        to registryFile: Data, rows: [(nationalId: String, indicator: String)], partner: String? = nil,
        rule: NationalID.Rule = .iraqUnifiedCard
    ) async throws(MatchError) -> Response {
        try await respond(to: registryFile, rows: rows, partner: partner, rule: rule, key: BlindingKey())
    }

    /// ``respond(to:rows:partner:rule:)`` with a given key: for the cross-check test, which needs the
    /// secret. Never reuse a key across runs.
    package static func respond(
        to registryFile: Data, rows: [(nationalId: String, indicator: String)], partner: String?, rule: NationalID.Rule, key: BlindingKey
    ) async throws(MatchError) -> Response {
        let file1 = try ExchangeFile.readRegistry(registryFile)
        if let partner, partner != file1.header.partner {
            throw MatchError(
                .wrongPartner, line: 1, field: "partner", "file 1 is addressed to partner \(file1.header.partner); this is \(partner)")
        }
        var firstRow: [String: Int] = [:]
        firstRow.reserveCapacity(rows.count)
        var ids: [String] = []
        ids.reserveCapacity(rows.count)
        for (i, row) in rows.enumerated() {
            let id: String
            do throws(MatchError) {
                id = try NationalID.normalize(row.nationalId, rule: rule)
            } catch {
                var e = error
                e.field = "rows[\(i)]"
                throw e
            }
            if let first = firstRow.updateValue(i, forKey: id) {
                throw MatchError(.duplicateNationalID, field: "rows[\(i)]", "the same national id as rows[\(first)]")
            }
            if let problem = ExchangeFile.indicatorProblem(row.indicator) {
                throw MatchError(.invalidInput, field: "rows[\(i)].indicator", "the indicator is \(problem)")
            }
            ids.append(id)
        }

        let d: [Point]
        do {
            d = try await key.blindIndexed(file1.points)
        } catch {
            throw MatchError(.lowOrderPoint, line: error.index + 2, field: "point", "file 1: \(error.error.message)")
        }
        let p: [Point]
        do {
            p = try await Parallel.map(ids) { (id: String) throws(MatchError) -> Point in try key.blind(NationalID.point(normalized: id)) }
        } catch {
            var e = error.error
            e.field = "rows[\(error.index)]"
            throw e
        }
        var rng = SystemRandomNumberGenerator()
        let order = Array(0..<rows.count).shuffled(using: &rng)
        let header = ExchangeFile.PartnerHeader(
            run: file1.header.run, partner: file1.header.partner, fingerprint: key.fingerprint, registryFingerprint: file1.header.fingerprint,
            registrySHA256: file1.sha256, registryCount: file1.points.count, partnerCount: rows.count)
        let written = ExchangeFile.write(header, doublyBlinded: d, partnerPoints: order.map { p[$0] }, indicators: order.map { rows[$0].indicator })
        return Response(file: written.data, header: header)
    }
}
