/// One file of the bundled `EventSchemas/` folder.
public struct EventSchemaFile: Sendable, Hashable {
    /// The file name, for example `household-registered.v1.json`.
    public let name: String
    /// The file's text.
    public let text: String

    /// Creates a file record.
    /// - Parameters:
    ///   - name: the file name.
    ///   - text: the file's text.
    public init(name: String, text: String) {
        self.name = name
        self.text = text
    }
}
