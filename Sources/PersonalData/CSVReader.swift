/// Splits RFC 4180 CSV into records, remembering the line each starts on.
///
/// Fields are separated by commas and records by LF or CR LF. A field may be quoted with `"`; inside
/// quotes, `""` is a quote and commas and line breaks are data. A quote inside an unquoted field,
/// text after a closing quote, or a quote that never closes makes the record malformed: it is
/// reported and reading resumes on the next line (after the opening line, for an unclosed quote).
/// A UTF-8 byte order mark at the very start is skipped. Fields stay bytes: the caller checks UTF-8.
struct CSVReader {
    /// One record, or why it could not be read.
    enum Item: Equatable {
        case record(line: Int, fields: [[UInt8]])
        case malformed(line: Int, message: String)

        var line: Int {
            switch self {
            case .record(let line, _), .malformed(let line, _): return line
            }
        }
    }

    static let quote = UInt8(ascii: "\"")
    static let comma = UInt8(ascii: ",")
    static let lf = UInt8(ascii: "\n")
    static let cr = UInt8(ascii: "\r")

    /// Every record and malformed record, in order. Blank lines are skipped.
    static func read(_ bytes: [UInt8]) -> [Item] {
        var items: [Item] = []
        var i = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        var line = 1
        let n = bytes.count

        /// Moves past the end of the physical line holding `from`.
        func skipLine(from: Int) -> Int {
            var j = from
            while j < n && bytes[j] != lf { j += 1 }
            return min(j + 1, n)
        }

        outer: while i < n {
            let recordLine = line
            let recordStart = i
            var fields: [[UInt8]] = []
            var field: [UInt8] = []
            while true {
                // At the start of a field.
                if i < n && bytes[i] == quote {
                    i += 1
                    while true {
                        guard i < n else {
                            items.append(.malformed(line: recordLine, message: "a quoted field is never closed"))
                            i = skipLine(from: recordStart)
                            line = recordLine + 1
                            continue outer
                        }
                        let c = bytes[i]
                        if c == quote {
                            if i + 1 < n && bytes[i + 1] == quote {
                                field.append(quote)
                                i += 2
                            } else {
                                i += 1
                                break
                            }
                        } else {
                            if c == lf { line += 1 }
                            field.append(c)
                            i += 1
                        }
                    }
                    // After the closing quote: a comma, the end of the record, or the end of the input.
                    if i < n && bytes[i] != comma && bytes[i] != lf && !(bytes[i] == cr && i + 1 < n && bytes[i + 1] == lf)
                        && !(bytes[i] == cr && i + 1 == n)
                    {
                        items.append(.malformed(line: recordLine, message: "text follows a closing quote (a quote inside a field must be doubled)"))
                        let next = skipLine(from: i)
                        if next > i, bytes[next - 1] == lf { line += 1 }
                        i = next
                        continue outer
                    }
                } else {
                    while i < n && bytes[i] != comma && bytes[i] != lf && !(bytes[i] == cr && (i + 1 == n || bytes[i + 1] == lf)) {
                        if bytes[i] == quote {
                            items.append(
                                .malformed(line: recordLine, message: "a quote inside an unquoted field (quote the whole field and double the quote)")
                            )
                            let next = skipLine(from: i)
                            if next > i, bytes[next - 1] == lf { line += 1 }
                            i = next
                            continue outer
                        }
                        field.append(bytes[i])
                        i += 1
                    }
                }
                fields.append(field)
                field = []
                if i < n && bytes[i] == comma {
                    i += 1
                    continue
                }
                // End of the record: CR LF, LF, a final CR, or the end of the input.
                if i < n && bytes[i] == cr { i += 1 }
                if i < n && bytes[i] == lf {
                    i += 1
                    line += 1
                }
                break
            }
            if fields.count == 1 && fields[0].allSatisfy({ $0 == 0x20 || $0 == 0x09 }) { continue }
            items.append(.record(line: recordLine, fields: fields))
        }
        return items
    }
}
