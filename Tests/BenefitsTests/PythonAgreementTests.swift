import Benefits
import DaftarJSON
import DaftarTesting
import Foundation
import Testing

/// Swift and Python's `jsonschema` (an independent validator) must agree on every example.
///
/// Needs `python3` with `jsonschema` 4.18+ and `referencing` (CI installs them). Without them the
/// test fails and says so: a skipped agreement check would look like agreement.
@Suite struct PythonAgreementTests {
    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    /// Runs `Ops/check-event-schemas.py --json` on the repository's EventSchemas/.
    static func runChecker() async throws -> (status: Int32, stdout: String, stderr: String) {
        let o = try await ChildProcess.run(
            "/usr/bin/env",
            [
                "python3", packageRoot.appendingPathComponent("Ops/check-event-schemas.py").path, "--json",
                "--dir", packageRoot.appendingPathComponent("EventSchemas").path,
            ])
        return (o.status, o.stdout, o.stderr)
    }

    @Test func swiftAndPythonAgreeOnEveryExample() async throws {
        let catalogue = try CatalogueExamples.catalogue.get()
        let run = try await Self.runChecker()
        guard let report = try? JSONParser.parse(run.stdout), let results = report.arrayValue else {
            Issue.record(
                """
                Ops/check-event-schemas.py gave no JSON report (exit status \(run.status)). It needs python3 with \
                the packages jsonschema (4.18+) and referencing, e.g. `pip install jsonschema`. stderr: \(run.stderr)
                """)
            return
        }
        #expect(run.status == 0, "the Python checker reports problems: \(run.stderr)")
        let byFile = Dictionary(uniqueKeysWithValues: results.compactMap { r in r["file"]?.stringValue.map { ($0, r) } })
        #expect(Set(byFile.keys) == Set(CatalogueExamples.files.map(\.name)))

        var compared = 0
        for file in CatalogueExamples.files {
            guard let python = byFile[file.name] else { continue }
            let schema = try #require(catalogue.schema(type: file.eventType, schemaVersion: file.schemaVersion))
            #expect(python["problems"]?.arrayValue?.isEmpty == true, "\(file.name): \(python["problems"]?.canonicalText ?? "")")

            let pythonValid = (python["valid"]?.arrayValue ?? []).map { $0.boolValue }
            #expect(pythonValid.count == file.valid.count, "\(file.name)")
            for (i, example) in file.valid.enumerated() where i < pythonValid.count {
                #expect(pythonValid[i] == schema.isValid(example), "\(file.name) valid[\(i)]: Python and Swift disagree")
                compared += 1
            }

            let pythonInvalid = (python["invalid"]?.arrayValue ?? []).map { $0.boolValue }
            let pythonErrors = python["invalidErrors"]?.arrayValue ?? []
            #expect(pythonInvalid.count == file.invalid.count && pythonErrors.count == file.invalid.count, "\(file.name)")
            for (i, example) in file.invalid.enumerated() where i < pythonInvalid.count && i < pythonErrors.count {
                let swiftErrors = schema.validate(example.instance).map { "\($0.keyword) at \($0.instancePointer)" }.sorted()
                let pyErrors = (pythonErrors[i].arrayValue ?? []).map {
                    "\($0["keyword"]?.stringValue ?? "?") at \($0["pointer"]?.stringValue ?? "?")"
                }.sorted()
                #expect(pythonInvalid[i] == false && swiftErrors.isEmpty == false, "\(file.name) invalid[\(i)] must fail in both")
                #expect(swiftErrors == pyErrors, "\(file.name) invalid[\(i)] (\(example.description)): Swift and Python disagree")
                #expect(swiftErrors == ["\(example.keyword) at \(example.pointer)"], "\(file.name) invalid[\(i)]")
                compared += 1
            }
        }
        #expect(compared >= 39 * 6)
    }
}
