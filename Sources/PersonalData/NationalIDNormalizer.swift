/// Normalises a national id number as the registry writes it into the 12 ASCII digits the vault
/// keeps, hashes and matches on.
///
/// Arabic-Indic digits (٠–٩, U+0660–U+0669) and Eastern Arabic-Indic (Persian) digits (۰–۹,
/// U+06F0–U+06F9) become ASCII digits; spaces (any Unicode white space), dashes (`-`, U+2010–U+2015,
/// U+2212) and invisible direction marks (U+200E, U+200F, U+061C, common in text copied from Arabic
/// documents) are removed. What remains must be exactly 12 ASCII digits.
///
/// Small and self-contained so that other modules (cross-matching, PSI) can share one definition.
public enum NationalIDNormalizer {
    /// The number of digits of a normalised national id.
    public static let digitCount = 12

    /// The national id as 12 ASCII digits.
    /// - Parameters:
    ///   - raw: the id as entered or imported.
    ///   - field: the field name to report in an error.
    /// - Returns: the normalised id.
    /// - Throws: ``PersonalDataError`` `invalid_input` on `field`: rule `required` when nothing is left,
    ///   `format` for a character that is not a digit, space or dash, `length` for other than 12 digits.
    ///   The message never repeats the id.
    public static func normalize(_ raw: String, field: String = "nationalId") throws(PersonalDataError) -> String {
        let digits = try normalizedDigits(raw, field: field)
        guard !digits.isEmpty else { throw PersonalDataError.invalid(field, "required", "is required") }
        guard digits.count == digitCount else {
            throw PersonalDataError.invalid(
                field, "length", "must be exactly \(digitCount) digits once spaces and dashes are removed (found \(digits.count))")
        }
        return digits
    }

    /// The digits of `raw` as ASCII, spaces, dashes and direction marks removed, without checking the length.
    /// - Throws: ``PersonalDataError`` rule `format` for any other character.
    public static func normalizedDigits(_ raw: String, field: String = "nationalId") throws(PersonalDataError) -> String {
        var out = ""
        out.reserveCapacity(digitCount)
        for scalar in raw.unicodeScalars {
            if let digit = asciiDigit(scalar) {
                out.unicodeScalars.append(digit)
            } else if isIgnorable(scalar) {
                continue
            } else {
                throw PersonalDataError.invalid(
                    field, "format", "may hold only digits (ASCII, Arabic-Indic or Eastern Arabic-Indic), spaces and dashes")
            }
        }
        return out
    }

    /// The ASCII digit for an ASCII, Arabic-Indic or Eastern Arabic-Indic digit, else `nil`.
    public static func asciiDigit(_ scalar: Unicode.Scalar) -> Unicode.Scalar? {
        switch scalar.value {
        case 0x30...0x39: return scalar
        case 0x0660...0x0669: return Unicode.Scalar(0x30 + scalar.value - 0x0660)
        case 0x06F0...0x06F9: return Unicode.Scalar(0x30 + scalar.value - 0x06F0)
        default: return nil
        }
    }

    /// Spaces, dashes and direction marks: separators people type or copy, never part of the number.
    static func isIgnorable(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x2D, 0x2010...0x2015, 0x2212: return true  // dashes
        case 0x200E, 0x200F, 0x061C: return true  // left-to-right, right-to-left and Arabic letter marks
        default: return scalar.properties.isWhitespace
        }
    }
}
