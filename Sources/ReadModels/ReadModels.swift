import EventSchemaResources
import Foundation
import Postgres
import ProjectionRunner

/// The benefits read models: eligibility, coverage and cost, the planning cohort and the published
/// cost projections, run by a ``ProjectionRunner`` over household and programme partitions.
public enum ReadModels {
    /// The projections, each over its bundled SQL file from `Projections/`.
    /// - Throws: when a file is missing or does not fit its code.
    public static func projections() throws -> [any Projection<PartitionState>] {
        [
            try EligibilityProjection(sql: ProjectionFiles.sql(named: "eligibility")),
            try CoverageProjection(sql: ProjectionFiles.sql(named: "coverage")),
            try CostProjection(sql: ProjectionFiles.sql(named: "cost")),
            try PlanningCohortProjection(sql: ProjectionFiles.sql(named: "planning_cohort")),
            try PublishedProjectionProjection(sql: ProjectionFiles.sql(named: "projection")),
        ]
    }

    /// A runner for the read models on `conninfo`.
    /// - Parameter conninfo: the database's libpq URI.
    /// - Throws: when a projection's file is missing or does not fit its code.
    public static func runner(conninfo: String) throws -> ProjectionRunner<BenefitsFolder> {
        ProjectionRunner(conninfo: conninfo, folder: BenefitsFolder(), projections: try projections())
    }

    /// The migrations the read models need, in order: the projection catalogue, then the partition index.
    /// - Throws: when the bundled SQL cannot be read.
    public static func migrators() throws -> [Migrator] {
        let migrations = try Migration.files(in: Bundle.module.url(forResource: "Migrations", withExtension: nil), component: "readmodels")
        return [try ProjectionCatalog.migrator(), Migrator(component: "readmodels", migrations: migrations)]
    }
}
