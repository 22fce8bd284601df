import Foundation

/// A file named on the command line, or `-` for standard input.
enum InputFile {
    /// The bytes of `path`, or of standard input for `-`.
    /// - Parameters:
    ///   - path: the path, or `-`.
    ///   - field: the option or argument to name in an error.
    /// - Throws: ``CLIError`` `invalid_input` (rule `file`) when the file cannot be read.
    static func read(_ path: String, field: String = "file") throws -> Data {
        if path == "-" { return FileHandle.standardInput.readDataToEndOfFile() }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw CLIError(code: "invalid_input", message: "\(field): cannot read \(path)", field: field, rule: "file")
        }
        return data
    }
}
