using Medisettle.Interfaces.Settlement;

namespace Medisettle.Interfaces.Visits;

/// <summary>Registers a visit: 2201 门诊挂号 or 2401 入院办理.</summary>
[GenerateSerializer]
[Immutable]
public sealed record VisitOpening
{
    /// <summary>The client's message id (wire <c>msgid</c>).</summary>
    [Id(0)] public required string MessageId { get; init; }
    /// <summary>The registering institution; only it may act on the visit.</summary>
    [Id(1)] public required string InstitutionCode { get; init; }
    [Id(2)] public required string PersonId { get; init; }
    [Id(3)] public required VisitType Type { get; init; }
    /// <summary>Visit or admission date (wire <c>begntime</c>).</summary>
    [Id(4)] public required DateOnly BeginDate { get; init; }
    /// <summary>转院 transferred in with a certificate.</summary>
    [Id(5)] public bool IsTransfer { get; init; }
    [Id(6)] public string? DiseaseCode { get; init; }
    /// <summary>The institution's own number for the visit (wire <c>ipt_otp_no</c> / <c>ipt_no</c>).</summary>
    [Id(7)] public required string InstitutionVisitNo { get; init; }
}
