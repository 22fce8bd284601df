import Foundation

/// A file a command writes, named on the command line.
enum OutputFile {
    /// Writes `data` to `path`, replacing what it held.
    /// - Parameters:
    ///   - data: the bytes.
    ///   - path: the path.
    ///   - field: the option or argument to name in an error.
    ///   - code: the error code when the file cannot be written.
    ///   - exitCode: the exit code of that error.
    /// - Throws: ``CLIError`` `code` (rule `writable`) when the file cannot be written.
    static func write(_ data: Data, to path: String, field: String, code: String = "invalid_input", exitCode: Int32 = 2) throws {
        guard FileManager.default.createFile(atPath: path, contents: data) else {
            throw CLIError(code: code, message: "\(field): cannot write \(path)", field: field, rule: "writable", exitCode: exitCode)
        }
    }
}
