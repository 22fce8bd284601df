import Benefits
import EventStore
import Foundation
import Planning
import ReadModels

/// Reads the `planning_cohort` rows in COPY text form, straight from the bytes: the one parser of both
/// of ``CohortLoader``'s paths (the build's tables read with COPY, and the rows the projection computes
/// from the events), so that the two agree by construction.
///
/// A cohort line holds ``PlanningCohortProjection/cohortColumns`` (the end date as `YYYY-MM-DD`); a
/// flows line holds ``PlanningCohortProjection/flowKeys`` (the month as `YYYY-MM-DD`) then
/// ``PlanningCohortProjection/flowSums``. Fields are split on tabs without a string each; only the ids
/// become strings (short ones, which Swift stores inline).
struct CohortRowParser: Sendable {
    /// The programme whose rows are kept, as bytes.
    let programme: [UInt8]
    /// Whether `candidate` rows are kept.
    let includeCandidates: Bool

    static let cohortFieldCount = PlanningCohortProjection.cohortColumns.count
    static let flowFieldCount = PlanningCohortProjection.flowKeys.count + PlanningCohortProjection.flowSums.count
    static let posix = Locale(identifier: "en_US_POSIX")

    init(programme: ProgrammeID, includeCandidates: Bool) {
        self.programme = Array(programme.rawValue.utf8)
        self.includeCandidates = includeCandidates
    }

    /// The households of every complete line of `bytes` (lines end with a newline).
    /// - Returns: the households kept, in the lines' order.
    /// - Throws: ``CohortLoadError`` `unreadable_cohort_row` naming the household or the line.
    func households(in bytes: [UInt8]) throws(CohortLoadError) -> [CohortHousehold] {
        var result: [CohortHousehold] = []
        var failure: CohortLoadError?
        bytes.withUnsafeBufferPointer { buffer in
            var fields = FieldSplitter(count: Self.cohortFieldCount)
            var start = 0
            var i = 0
            let end = buffer.count
            result.reserveCapacity(end / 300)
            while i < end {
                if buffer[i] == 0x0A {
                    do throws(CohortLoadError) {
                        if let household = try household(UnsafeBufferPointer(rebasing: buffer[start..<i]), fields: &fields) {
                            result.append(household)
                        }
                    } catch {
                        failure = error
                        return
                    }
                    start = i + 1
                }
                i += 1
            }
        }
        if let failure { throw failure }
        return result
    }

    /// The flows of every complete line of `bytes`, added into `flows`.
    /// - Throws: ``CohortLoadError`` `unreadable_cohort_row`.
    func addFlows(in bytes: [UInt8], to flows: inout [PaymentCycle: [GovernorateCode: ObservedFlows]]) throws(CohortLoadError) {
        var failure: CohortLoadError?
        bytes.withUnsafeBufferPointer { buffer in
            var fields = FieldSplitter(count: Self.flowFieldCount)
            var start = 0
            for i in 0..<buffer.count where buffer[i] == 0x0A {
                do throws(CohortLoadError) {
                    try addFlow(UnsafeBufferPointer(rebasing: buffer[start..<i]), fields: &fields, to: &flows)
                } catch {
                    failure = error
                    return
                }
                start = i + 1
            }
        }
        if let failure { throw failure }
    }

    // MARK: - One line

    /// One cohort line; `nil` for another programme's row, or a candidate when they are not kept.
    func household(_ line: UnsafeBufferPointer<UInt8>, fields f: inout FieldSplitter) throws(CohortLoadError) -> CohortHousehold? {
        try f.split(line)
        guard f.equals(0, programme, in: line) else { return nil }
        let standingField = f.bytes(4, in: line)
        let standing: CohortStanding
        switch Self.standingCode(standingField) {
        case 0: standing = .enrolled
        case 1:
            guard let endsOn = f.date(5, in: line) else { throw bad(line, "a temporary enrolment without its end date") }
            standing = .temporarilyEnrolled(endsOn: endsOn)
        case 2: standing = .suspended
        case 3: standing = .excluded(appealPending: false)
        case 4: standing = .excluded(appealPending: true)
        case 5:
            guard includeCandidates else { return nil }
            standing = .candidate
        default: throw bad(line, "an unknown standing")
        }
        guard let household = f.string(1, in: line), let governorate = f.string(2, in: line), let district = f.string(3, in: line) else {
            throw bad(line, "a household, governorate or district missing")
        }
        var score: Decimal?
        if let text = f.string(6, in: line) {
            guard let value = Decimal(string: text, locale: Self.posix), !value.isNaN else { throw bad(line, "a score that is not a decimal") }
            score = value
        }
        let members = try self.members(f.bytes(8, in: line) ?? UnsafeBufferPointer(start: nil, count: 0), line: line)
        var topUps: [PaymentCycle: Int64] = [:]
        if let field = f.bytes(9, in: line) { topUps = try self.topUps(field, line: line) }
        return CohortHousehold(
            householdId: HouseholdID(household), governorate: GovernorateCode(governorate), district: DistrictCode(district), standing: standing,
            score: score, headPersonId: f.string(7, in: line).map(PersonID.init), members: members, topUps: topUps)
    }

    /// One flows line, added into `flows` when it is the programme's.
    func addFlow(
        _ line: UnsafeBufferPointer<UInt8>, fields f: inout FieldSplitter, to flows: inout [PaymentCycle: [GovernorateCode: ObservedFlows]]
    ) throws(CohortLoadError) {
        try f.split(line)
        guard f.equals(0, programme, in: line) else { return }
        guard let governorate = f.string(1, in: line), let month = f.date(2, in: line), let cycle = PaymentCycle(year: month.year, month: month.month)
        else { throw bad(line, "a flows key missing or malformed") }
        var sums = [Int64](repeating: 0, count: PlanningCohortProjection.flowSums.count)
        for k in sums.indices {
            guard let field = f.bytes(3 + k, in: line), let value = Self.integer(field) else { throw bad(line, "a flows sum that is not an integer") }
            sums[k] = value
        }
        let observed = ObservedFlows(
            payableHouseholds: Int(sums[0]), exits: Int(sums[1]), exclusions: Int(sums[2]), entries: Int(sums[3]), scheduledMinor: sums[4],
            failedMinor: sums[5], appealsDecided: Int(sums[6]), appealsUpheld: Int(sums[7]))
        let key = GovernorateCode(governorate)
        flows[cycle, default: [:]][key] = (flows[cycle]?[key] ?? ObservedFlows()) + observed
    }

    // MARK: - Columns

    /// The index of a standing code in ``PlanningCohortProjection``'s list, or `nil`.
    static func standingCode(_ field: UnsafeBufferPointer<UInt8>?) -> Int? {
        guard let field else { return nil }
        for (i, code) in standingCodes.enumerated() where field.elementsEqual(code) { return i }
        return nil
    }

    static let standingCodes: [[UInt8]] = [
        "enrolled", "temporarilyEnrolled", "suspended", "excluded", "excludedAppealPending", "candidate",
    ].map { Array($0.utf8) }

    /// The members column: records `personId,sex,birthDate,relationship,marital,work,disability,orphanhood` joined by `;`.
    func members(_ field: UnsafeBufferPointer<UInt8>, line: UnsafeBufferPointer<UInt8>) throws(CohortLoadError) -> [CohortMember] {
        guard !field.isEmpty else { return [] }
        var result: [CohortMember] = []
        result.reserveCapacity(8)
        var start = 0
        var i = 0
        while i <= field.count {
            if i == field.count || field[i] == UInt8(ascii: ";") {
                result.append(try member(UnsafeBufferPointer(rebasing: field[start..<i]), line: line))
                start = i + 1
            }
            i += 1
        }
        return result
    }

    /// One member record: the person id, then one-letter codes and the birth date at fixed places.
    func member(_ r: UnsafeBufferPointer<UInt8>, line: UnsafeBufferPointer<UInt8>) throws(CohortLoadError) -> CohortMember {
        // "<id>,s,YYYY-MM-DD,r,m,w,d,o": 22 bytes after the id and its comma.
        guard let comma = r.firstIndex(of: UInt8(ascii: ",")), comma > 0, r.count == comma + 1 + 22 else {
            throw bad(line, "a member record that is not personId,sex,birthDate,relationship,marital,work,disability,orphanhood")
        }
        let c = comma + 1
        let separators = [c + 1, c + 12, c + 14, c + 16, c + 18, c + 20]
        guard separators.allSatisfy({ r[$0] == UInt8(ascii: ",") }),
            let sex = PlanningCohortCodes.sex(r[c]),
            let birth = Self.date(UnsafeBufferPointer(rebasing: r[(c + 2)..<(c + 12)])),
            let relationship = PlanningCohortCodes.relationship(r[c + 13]),
            let marital = PlanningCohortCodes.maritalStatus(r[c + 15]),
            let work = PlanningCohortCodes.workStatus(r[c + 17]),
            let disability = PlanningCohortCodes.disability(r[c + 19]),
            let orphanhood = PlanningCohortCodes.orphanhood(r[c + 21])
        else {
            throw bad(line, "a member record with an unknown code or a malformed birth date")
        }
        return CohortMember(
            personId: PersonID(String(decoding: UnsafeBufferPointer(rebasing: r[0..<comma]), as: UTF8.self)), sex: sex, birthDate: birth,
            relationship: relationship, maritalStatus: marital, workStatus: work, disability: disability, orphanhood: orphanhood)
    }

    /// The top-ups column: `YYYY-MM:amount` pairs joined by `;`.
    func topUps(_ field: UnsafeBufferPointer<UInt8>, line: UnsafeBufferPointer<UInt8>) throws(CohortLoadError) -> [PaymentCycle: Int64] {
        var result: [PaymentCycle: Int64] = [:]
        var start = 0
        var i = 0
        while i <= field.count {
            if i == field.count || field[i] == UInt8(ascii: ";") {
                let pair = UnsafeBufferPointer(rebasing: field[start..<i])
                guard pair.count > 8, pair[4] == UInt8(ascii: "-"), pair[7] == UInt8(ascii: ":"),
                    let year = Self.integer(UnsafeBufferPointer(rebasing: pair[0..<4])),
                    let month = Self.integer(UnsafeBufferPointer(rebasing: pair[5..<7])),
                    let cycle = PaymentCycle(year: Int(year), month: Int(month)),
                    let amount = Self.integer(UnsafeBufferPointer(rebasing: pair[8...]))
                else {
                    throw bad(line, "a top-up that is not YYYY-MM:amount")
                }
                result[cycle, default: 0] &+= amount
                start = i + 1
            }
            i += 1
        }
        return result
    }

    /// A date written `YYYY-MM-DD`.
    static func date(_ b: UnsafeBufferPointer<UInt8>) -> BusinessDate? {
        guard b.count == 10, b[4] == UInt8(ascii: "-"), b[7] == UInt8(ascii: "-"),
            let y = integer(UnsafeBufferPointer(rebasing: b[0..<4])), let m = integer(UnsafeBufferPointer(rebasing: b[5..<7])),
            let d = integer(UnsafeBufferPointer(rebasing: b[8..<10]))
        else { return nil }
        return BusinessDate(year: Int(y), month: Int(m), day: Int(d))
    }

    /// A decimal integer, optionally negative, that fits in `Int64`.
    static func integer(_ b: UnsafeBufferPointer<UInt8>) -> Int64? {
        guard !b.isEmpty else { return nil }
        var i = 0
        let negative = b[0] == UInt8(ascii: "-")
        if negative { i = 1 }
        guard i < b.count else { return nil }
        var value: Int64 = 0
        while i < b.count {
            let digit = b[i] &- 48
            guard digit < 10 else { return nil }
            let (times, o1) = value.multipliedReportingOverflow(by: 10)
            let (sum, o2) = times.addingReportingOverflow(Int64(digit))
            guard !o1, !o2 else { return nil }
            value = sum
            i += 1
        }
        return negative ? -value : value
    }

    func bad(_ line: UnsafeBufferPointer<UInt8>, _ what: String) -> CohortLoadError {
        // The household id (the second field) names the row; never a member's facts.
        var id = ""
        if let firstTab = line.firstIndex(of: 0x09) {
            let rest = line[(firstTab + 1)...]
            let end = rest.firstIndex(of: 0x09) ?? rest.endIndex
            id = String(decoding: UnsafeBufferPointer(rebasing: line[(firstTab + 1)..<end]), as: UTF8.self)
        }
        return CohortLoadError(code: .unreadableRow, message: "a planning_cohort row (\(id.isEmpty ? "no id" : id)) is unreadable: \(what)")
    }
}

/// The fields of one COPY text line, as ranges of the line: split once, read by index.
///
/// The cohort's values (ids, codes, digits, dates) never hold a backslash, a tab or a line break, so
/// the only escape a line may hold is `\N` (NULL); any other is refused as an unreadable row.
struct FieldSplitter {
    let count: Int
    private var starts: [Int]
    private var ends: [Int]

    init(count: Int) {
        self.count = count
        starts = [Int](repeating: 0, count: count)
        ends = [Int](repeating: 0, count: count)
    }

    /// Splits `line` into exactly ``count`` fields.
    /// - Throws: ``CohortLoadError`` `unreadable_cohort_row` when it has another number of fields, or an escape other than `\N`.
    mutating func split(_ line: UnsafeBufferPointer<UInt8>) throws(CohortLoadError) {
        var field = 0
        var start = 0
        var i = 0
        let n = line.count
        while i <= n {
            if i == n || line[i] == 0x09 {
                guard field < count else {
                    throw CohortLoadError(code: .unreadableRow, message: "a planning_cohort line has more than \(count) fields")
                }
                starts[field] = start
                ends[field] = i
                field += 1
                start = i + 1
            } else if line[i] == 0x5C {
                guard i - start == 0, i + 2 == n || (i + 2 < n && line[i + 2] == 0x09), line[i + 1] == UInt8(ascii: "N") else {
                    throw CohortLoadError(code: .unreadableRow, message: "a planning_cohort line holds an escaped character")
                }
            }
            i += 1
        }
        guard field == count else {
            throw CohortLoadError(code: .unreadableRow, message: "a planning_cohort line has \(field) fields, not \(count)")
        }
    }

    /// Whether a field is `\N`.
    @inline(__always) func isNull(_ k: Int, in line: UnsafeBufferPointer<UInt8>) -> Bool {
        ends[k] - starts[k] == 2 && line[starts[k]] == 0x5C
    }

    /// A field's bytes, or `nil` for NULL; valid while `line` is.
    @inline(__always) func bytes(_ k: Int, in line: UnsafeBufferPointer<UInt8>) -> UnsafeBufferPointer<UInt8>? {
        if isNull(k, in: line) { return nil }
        return UnsafeBufferPointer(rebasing: line[starts[k]..<ends[k]])
    }

    /// A field as a string, or `nil` for NULL.
    func string(_ k: Int, in line: UnsafeBufferPointer<UInt8>) -> String? {
        bytes(k, in: line).map { String(decoding: $0, as: UTF8.self) }
    }

    /// A field as a `YYYY-MM-DD` date, or `nil` for NULL or a malformed date.
    func date(_ k: Int, in line: UnsafeBufferPointer<UInt8>) -> BusinessDate? {
        bytes(k, in: line).flatMap(CohortRowParser.date)
    }

    /// Whether a field equals `value` (NULL equals nothing).
    func equals(_ k: Int, _ value: [UInt8], in line: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let field = bytes(k, in: line) else { return false }
        return field.elementsEqual(value)
    }
}
