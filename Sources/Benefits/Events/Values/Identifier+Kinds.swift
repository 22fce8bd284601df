// The identifier kinds of the catalogue (EventSchemas/common.v1.json, `$defs`).

/// A pseudonymous household id of the social registry (`HH-BG00012345`).
public typealias HouseholdID = Identifier<HouseholdIDKind>
/// A pseudonymous person id (`P-BG0001234501`).
public typealias PersonID = Identifier<PersonIDKind>
/// A programme id (`iq-spn`).
public typealias ProgrammeID = Identifier<ProgrammeIDKind>
/// An ISO 3166-1 alpha-2 country code (`IQ`).
public typealias CountryCode = Identifier<CountryCodeKind>
/// An ISO 3166-2 governorate code (`IQ-BG`).
public typealias GovernorateCode = Identifier<GovernorateCodeKind>
/// A district code (`IQ-BG-07`).
public typealias DistrictCode = Identifier<DistrictCodeKind>
/// A country, governorate or district code (`IQ`, `IQ-BA`, `IQ-BA-03`).
public typealias AreaCode = Identifier<AreaCodeKind>
/// A payment id (`PAY-202501BG00012345`).
public typealias PaymentID = Identifier<PaymentIDKind>
/// An appeal (objection) id (`APL-2025BA000317`).
public typealias AppealID = Identifier<AppealIDKind>
/// An emergency top-up id (`TU-2025SOUTH1`).
public typealias TopUpID = Identifier<TopUpIDKind>
/// An exclusion proposal id (`XP-2025BA004512`).
public typealias ProposalID = Identifier<ProposalIDKind>
/// A cross-match run id, a lower-case UUID.
public typealias CrossMatchRunID = Identifier<CrossMatchRunIDKind>
/// A cross-match hit id (`HIT-2025CBI0000456`).
public typealias CrossMatchHitID = Identifier<CrossMatchHitIDKind>
/// An opaque reference to evidence kept outside the ledger (`cbi-loans:2025-01/000456`).
public typealias EvidenceReference = Identifier<EvidenceReferenceKind>
/// Who acted, as `kind:id` (`user:researcher.bg.0412`, `committee:ba-02`).
public typealias ActorID = Identifier<ActorIDKind>
/// A payment service provider id (`qi-card`).
public typealias ProviderID = Identifier<ProviderIDKind>
/// A payment provider's opaque transaction reference (`QI-2025-01-0004471123`).
public typealias ProviderReference = Identifier<ProviderReferenceKind>
/// A legal instrument code (`IQ-LAW-11-2014`).
public typealias LegalBasis = Identifier<LegalBasisKind>
/// A published cost projection's id (`CP-2025BASE0001`).
public typealias CostProjectionID = Identifier<CostProjectionIDKind>
/// A SHA-256 digest in lower-case hex (64 digits).
public typealias HexDigest = Identifier<HexDigestKind>
/// A costing scenario's name as tables and charts show it (`Indexation 3 pct (2026)`): a code, not free text.
public typealias ScenarioLabel = Identifier<ScenarioLabelKind>

/// Marks ``HouseholdID``.
public enum HouseholdIDKind: IdentifierKind { public static let noun = "household id" }
/// Marks ``PersonID``.
public enum PersonIDKind: IdentifierKind { public static let noun = "person id" }
/// Marks ``ProgrammeID``.
public enum ProgrammeIDKind: IdentifierKind { public static let noun = "programme id" }
/// Marks ``CountryCode``.
public enum CountryCodeKind: IdentifierKind { public static let noun = "country code" }
/// Marks ``GovernorateCode``.
public enum GovernorateCodeKind: IdentifierKind { public static let noun = "governorate code" }
/// Marks ``DistrictCode``.
public enum DistrictCodeKind: IdentifierKind { public static let noun = "district code" }
/// Marks ``AreaCode``.
public enum AreaCodeKind: IdentifierKind { public static let noun = "area code" }
/// Marks ``PaymentID``.
public enum PaymentIDKind: IdentifierKind { public static let noun = "payment id" }
/// Marks ``AppealID``.
public enum AppealIDKind: IdentifierKind { public static let noun = "appeal id" }
/// Marks ``TopUpID``.
public enum TopUpIDKind: IdentifierKind { public static let noun = "top-up id" }
/// Marks ``ProposalID``.
public enum ProposalIDKind: IdentifierKind { public static let noun = "proposal id" }
/// Marks ``CrossMatchRunID``.
public enum CrossMatchRunIDKind: IdentifierKind { public static let noun = "cross-match run id" }
/// Marks ``CrossMatchHitID``.
public enum CrossMatchHitIDKind: IdentifierKind { public static let noun = "cross-match hit id" }
/// Marks ``EvidenceReference``.
public enum EvidenceReferenceKind: IdentifierKind { public static let noun = "evidence reference" }
/// Marks ``ActorID``.
public enum ActorIDKind: IdentifierKind { public static let noun = "actor" }
/// Marks ``ProviderID``.
public enum ProviderIDKind: IdentifierKind { public static let noun = "provider id" }
/// Marks ``ProviderReference``.
public enum ProviderReferenceKind: IdentifierKind { public static let noun = "provider reference" }
/// Marks ``LegalBasis``.
public enum LegalBasisKind: IdentifierKind { public static let noun = "legal basis code" }
/// Marks ``CostProjectionID``.
public enum CostProjectionIDKind: IdentifierKind { public static let noun = "cost projection id" }
/// Marks ``HexDigest``.
public enum HexDigestKind: IdentifierKind { public static let noun = "SHA-256 digest" }
/// Marks ``ScenarioLabel``.
public enum ScenarioLabelKind: IdentifierKind { public static let noun = "scenario label" }
