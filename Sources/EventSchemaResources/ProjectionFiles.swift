import Foundation

/// The bundled copy of the top-level `Projections/` folder: one SQL file per read model.
///
/// Like `EventSchemas/`, `Projections/` is the single source of truth for its shapes (DESIGN.md §2);
/// SwiftPM copies it into this module's bundle, so the binary carries exactly the repository's files.
public enum ProjectionFiles {
    /// The text of `Projections/<name>.sql`.
    /// - Parameter name: the read model's name (`eligibility`).
    /// - Returns: the file's text.
    /// - Throws: ``EventSchemaFilesError`` `missing_bundle` or `unreadable`.
    public static func sql(named name: String) throws(EventSchemaFilesError) -> String {
        guard let folder = Bundle.module.url(forResource: "Projections", withExtension: nil) else {
            throw EventSchemaFilesError(
                code: .missingBundle, file: "Projections", message: "the Projections folder is missing from the EventSchemaResources bundle")
        }
        let url = folder.appendingPathComponent("\(name).sql")
        guard let data = FileManager.default.contents(atPath: url.path), let text = String(data: data, encoding: .utf8) else {
            throw EventSchemaFilesError(code: .unreadable, file: "\(name).sql", message: "cannot read Projections/\(name).sql as UTF-8")
        }
        return text
    }
}
