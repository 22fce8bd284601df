import EventStore

extension Programme {
    /// Decides ``PublishCostProjection``: a defined programme, its currency, a projection id not yet
    /// published, and a scenario digest that is the scenario text's. The bounds of the other fields
    /// (months, fiscal year start, ledger position, total) are the schema's, checked on append.
    /// - Parameter command: the command.
    /// - Returns: `CostProjectionPublished`.
    /// - Throws: ``DomainRejection`` `unknown_programme`, `currency_mismatch`, `duplicate_identifier` (projectionId),
    ///   `digest_mismatch` (scenarioDigest).
    public func decide(_ command: PublishCostProjection) throws(DomainRejection) -> [any DomainEvent] {
        guard isDefined else { throw .unknownProgramme(command.programmeId) }
        try requireCurrency(command.currency, field: "currency")
        guard publishedProjections[command.projectionId] == nil else {
            throw DomainRejection(
                .duplicateIdentifier, rule: "a projection id is published once per programme", field: "projectionId",
                value: command.projectionId.rawValue)
        }
        let digest = EventHash.sha256Hex(of: command.scenarioJson.text)
        guard command.scenarioDigest.rawValue == digest else {
            throw DomainRejection(
                .digestMismatch, rule: "scenarioDigest is SHA-256 of scenarioJson (\(digest))", field: "scenarioDigest",
                value: command.scenarioDigest.rawValue)
        }
        return [
            CostProjectionPublished(
                projectionId: command.projectionId, programmeId: command.programmeId, scenarioLabel: command.scenarioLabel,
                scenarioDigest: command.scenarioDigest, scenarioJson: command.scenarioJson, pinnedLedgerSeq: command.pinnedLedgerSeq,
                fromMonth: command.fromMonth, months: command.months, fiscalYearStartMonth: command.fiscalYearStartMonth,
                methodVersion: command.methodVersion, resultDigest: command.resultDigest, currency: command.currency,
                totalAmountMinor: command.totalAmountMinor, publishedOn: command.publishedOn)
        ]
    }
}
