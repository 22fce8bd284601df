import Foundation

/// The partner's input file: UTF-8 CSV with the header `national_id,indicator`.
///
/// - A UTF-8 byte order mark is skipped; lines end in `\n` or `\r\n`; the header's names are matched
///   without regard to case or surrounding spaces.
/// - Fields follow RFC 4180: a field in double quotes may hold commas and doubled quotes (`""`). Line
///   breaks inside a field are not allowed, so that a stray quote spoils one row, not the rest of the file.
/// - The national id is normalised (``NationalID/normalize(_:rule:)``); the indicator is trimmed of
///   surrounding spaces and must be non-empty, at most ``ExchangeFile/maximumIndicatorBytes`` bytes,
///   without control characters. Arabic text is fine.
/// - Every row that cannot be used is reported in ``Report/rejected`` with its line and the reason;
///   none is dropped silently. Blank lines are not rows; they are counted in ``Report/blankLines``.
public enum PartnerCSV {
    /// A usable row.
    public struct Row: Sendable, Hashable {
        /// The row's 1-based line in the file.
        public var line: Int
        /// The national id, normalised.
        public var nationalID: String
        /// The indicator, trimmed.
        public var indicator: String
    }

    /// What reading the file found.
    public struct Report: Sendable {
        /// The usable rows, in file order.
        public var rows: [Row]
        /// The rows refused, in file order, each a ``MatchError`` with its line: `invalid_national_id` (field
        /// `national_id`), `duplicate_national_id` (naming the first line), `invalid_row` (field count,
        /// quotes, indicator, UTF-8).
        public var rejected: [MatchError]
        /// Lines with nothing on them.
        public var blankLines: Int

        /// The rows as ``PartnerRun/respond(to:rows:partner:rule:)`` takes them.
        public var partnerRows: [(nationalId: String, indicator: String)] { rows.map { ($0.nationalID, $0.indicator) } }
    }

    /// Reads a partner file.
    ///
    /// - Parameters:
    ///   - data: the file's bytes.
    ///   - rule: the national id length rule; Iraq's 12-digit card by default.
    /// - Returns: the usable rows and the rejected ones.
    /// - Throws: ``MatchError`` `invalid_csv` (line 1) when the file is empty or its header is not
    ///   `national_id,indicator`.
    public static func read(_ data: Data, rule: NationalID.Rule = .iraqUnifiedCard) throws(MatchError) -> Report {
        var bytes = [UInt8](data)
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }
        var report = Report(rows: [], rejected: [], blankLines: 0)
        var firstLine: [String: Int] = [:]
        var lineNumber = 0
        var sawHeader = false
        var start = 0
        while start < bytes.count {
            var end = bytes[start...].firstIndex(of: 0x0A) ?? bytes.count
            let next = end + 1
            if end > start, bytes[end - 1] == 0x0D { end -= 1 }
            lineNumber += 1
            let line = bytes[start..<end]
            start = next
            if !sawHeader {
                sawHeader = true
                guard case .success(let fields) = splitFields(line),
                    fields.map({ String(decoding: $0, as: UTF8.self).trimmingCharacters(in: .whitespaces).lowercased() }) == ["national_id", "indicator"]
                else {
                    throw MatchError(.invalidCSV, line: lineNumber, field: "header", "the first line must be the header national_id,indicator")
                }
                continue
            }
            if line.allSatisfy({ $0 == 0x20 || $0 == 0x09 }) {
                report.blankLines += 1
                continue
            }
            switch row(line, lineNumber: lineNumber, rule: rule) {
            case .failure(let e):
                report.rejected.append(e)
            case .success(let r):
                if let first = firstLine.updateValue(lineNumber, forKey: r.nationalID) {
                    firstLine[r.nationalID] = first
                    report.rejected.append(
                        MatchError(.duplicateNationalID, line: lineNumber, field: "national_id", "the same national id as line \(first)"))
                } else {
                    report.rows.append(r)
                }
            }
        }
        guard sawHeader else { throw MatchError(.invalidCSV, line: 1, field: "header", "the file is empty; it needs the header national_id,indicator") }
        return report
    }

    static func row(_ line: ArraySlice<UInt8>, lineNumber: Int, rule: NationalID.Rule) -> Result<Row, MatchError> {
        let fields: [[UInt8]]
        switch splitFields(line) {
        case .failure(let why): return .failure(MatchError(.invalidRow, line: lineNumber, why.message))
        case .success(let f): fields = f
        }
        guard fields.count == 2 else {
            return .failure(MatchError(.invalidRow, line: lineNumber, "\(fields.count) field\(fields.count == 1 ? "" : "s"); a row has 2: national_id,indicator"))
        }
        guard let rawID = String(validating: fields[0], as: UTF8.self) else {
            return .failure(MatchError(.invalidRow, line: lineNumber, field: "national_id", "not UTF-8"))
        }
        guard let rawIndicator = String(validating: fields[1], as: UTF8.self) else {
            return .failure(MatchError(.invalidRow, line: lineNumber, field: "indicator", "not UTF-8"))
        }
        let id: String
        do throws(MatchError) {
            id = try NationalID.normalize(rawID, rule: rule)
        } catch {
            var e = error
            e.line = lineNumber
            return .failure(e)
        }
        let indicator = rawIndicator.trimmingCharacters(in: .whitespaces)
        guard !indicator.isEmpty else { return .failure(MatchError(.invalidRow, line: lineNumber, field: "indicator", "the indicator is empty")) }
        if let problem = ExchangeFile.indicatorProblem(indicator) {
            return .failure(MatchError(.invalidRow, line: lineNumber, field: "indicator", "the indicator is \(problem)"))
        }
        return .success(Row(line: lineNumber, nationalID: id, indicator: indicator))
    }

    /// Splits one line into fields (RFC 4180 quoting, no line breaks inside fields).
    static func splitFields(_ line: ArraySlice<UInt8>) -> Result<[[UInt8]], FieldError> {
        let quote = UInt8(ascii: "\""), comma = UInt8(ascii: ",")
        var fields: [[UInt8]] = []
        var i = line.startIndex
        while true {
            var field: [UInt8] = []
            // Spaces before an opening quote are allowed (and dropped).
            var j = i
            while j < line.endIndex, line[j] == 0x20 { j += 1 }
            if j < line.endIndex, line[j] == quote {
                i = j + 1
                var closed = false
                while i < line.endIndex {
                    if line[i] == quote {
                        if i + 1 < line.endIndex, line[i + 1] == quote {
                            field.append(quote)
                            i += 2
                            continue
                        }
                        closed = true
                        i += 1
                        break
                    }
                    field.append(line[i])
                    i += 1
                }
                guard closed else { return .failure(FieldError("unterminated quote in field \(fields.count + 1) (line breaks inside fields are not allowed)")) }
                while i < line.endIndex, line[i] == 0x20 { i += 1 }
                guard i == line.endIndex || line[i] == comma else {
                    return .failure(FieldError("text after the closing quote of field \(fields.count + 1)"))
                }
            } else {
                while i < line.endIndex, line[i] != comma {
                    if line[i] == quote { return .failure(FieldError("a quote inside unquoted field \(fields.count + 1)")) }
                    field.append(line[i])
                    i += 1
                }
            }
            fields.append(field)
            if i == line.endIndex { return .success(fields) }
            i += 1  // the comma
        }
    }

    /// Why a line's fields cannot be split.
    struct FieldError: Error {
        var message: String
        init(_ message: String) { self.message = message }
    }
}
