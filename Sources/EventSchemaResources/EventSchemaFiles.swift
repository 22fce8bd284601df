import Foundation

/// The bundled copy of the top-level `EventSchemas/` folder: the event catalogue's schemas and examples.
///
/// `EventSchemas/` is the single source of truth for event shapes (DESIGN.md §2). SwiftPM copies it
/// into this module's resource bundle at build time (see the `EventSchemaResources` target in
/// `Package.swift`), so the binary carries exactly the files in the repository and nothing is
/// generated or duplicated in the source tree.
public enum EventSchemaFiles {
    /// The folder holding the bundled copy of `EventSchemas/`.
    /// - Returns: the folder's URL.
    /// - Throws: ``EventSchemaFilesError`` with code `missing_bundle` when the bundle has no such folder.
    public static func directory() throws(EventSchemaFilesError) -> URL {
        guard let url = Bundle.module.url(forResource: "EventSchemas", withExtension: nil) else {
            throw EventSchemaFilesError(
                code: .missingBundle, file: "EventSchemas",
                message: "the EventSchemas folder is missing from the EventSchemaResources bundle")
        }
        return url
    }

    /// Every schema document (`*.json` directly in `EventSchemas/`, `common.v1.json` included), sorted by name.
    /// - Returns: the files' names and texts.
    /// - Throws: ``EventSchemaFilesError`` when the folder or a file cannot be read.
    public static func schemas() throws(EventSchemaFilesError) -> [EventSchemaFile] {
        try files(in: try directory(), suffix: ".json")
    }

    /// Every examples file (`examples/*.examples.json`), sorted by name.
    /// - Returns: the files' names and texts.
    /// - Throws: ``EventSchemaFilesError`` when the folder or a file cannot be read.
    public static func examples() throws(EventSchemaFilesError) -> [EventSchemaFile] {
        try files(in: try directory().appendingPathComponent("examples"), suffix: ".examples.json")
    }

    static func files(in folder: URL, suffix: String) throws(EventSchemaFilesError) -> [EventSchemaFile] {
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: folder.path)
        } catch {
            throw EventSchemaFilesError(code: .unreadable, file: folder.lastPathComponent, message: "cannot list \(folder.path)")
        }
        var result: [EventSchemaFile] = []
        for name in names.sorted() where name.hasSuffix(suffix) {
            let url = folder.appendingPathComponent(name)
            guard let data = FileManager.default.contents(atPath: url.path),
                let text = String(data: data, encoding: .utf8)
            else {
                throw EventSchemaFilesError(code: .unreadable, file: name, message: "cannot read \(name) as UTF-8")
            }
            result.append(EventSchemaFile(name: name, text: text))
        }
        return result
    }
}
