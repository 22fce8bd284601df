/// JSON Pointer (RFC 6901) tokens and their text form.
///
/// Used for both sides of schema validation: the location of a value in an instance and the
/// location of a keyword in a schema.
enum JSONPointer {
    /// The text of a pointer made of `tokens`, outermost first (`""` for no tokens).
    static func text<S: Sequence<String>>(_ tokens: S) -> String {
        var out = ""
        for token in tokens {
            out.append("/")
            out.append(escape(token))
        }
        return out
    }

    /// A token with `~` written as `~0` and `/` as `~1`.
    static func escape(_ token: String) -> String {
        guard token.utf8.contains(where: { $0 == UInt8(ascii: "~") || $0 == UInt8(ascii: "/") }) else { return token }
        var out = ""
        for c in token.unicodeScalars {
            switch c {
            case "~": out.append("~0")
            case "/": out.append("~1")
            default: out.unicodeScalars.append(c)
            }
        }
        return out
    }

    /// The tokens of pointer `text`, unescaped; `nil` when the text is not a pointer.
    static func tokens(_ text: String) -> [String]? {
        if text.isEmpty { return [] }
        guard text.hasPrefix("/") else { return nil }
        var result: [String] = []
        for raw in text.dropFirst().split(separator: "/", omittingEmptySubsequences: false) {
            var token = ""
            var scalars = raw.unicodeScalars.makeIterator()
            while let c = scalars.next() {
                guard c == "~" else {
                    token.unicodeScalars.append(c)
                    continue
                }
                switch scalars.next() {
                case "0": token.append("~")
                case "1": token.append("/")
                default: return nil
                }
            }
            result.append(token)
        }
        return result
    }
}
