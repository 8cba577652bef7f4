namespace Medisettle.Interfaces.Settlement;

/// <summary>参保人 the insured person as the policy engine needs them.</summary>
[GenerateSerializer]
[Immutable]
public sealed record PersonProfile
{
    /// <summary>人员编号 person id (wire <c>psn_no</c>).</summary>
    [Id(0)] public required string PersonId { get; init; }

    [Id(1)] public required Scheme Scheme { get; init; }

    [Id(2)] public required PersonCategory Category { get; init; }

    /// <summary>救助身份 assistance statuses (低保, 五保, 特困 ...); empty for most people.</summary>
    [Id(3)] public IReadOnlyList<AssistanceStatus> AssistanceStatuses { get; init; } = [];

    /// <summary>门诊特殊病种 disease codes the person holds a certificate for.</summary>
    [Id(4)] public IReadOnlyList<string> SpecialDiseaseCertificates { get; init; } = [];

    /// <summary>参保地 insured region (wire <c>insuplc_admdvs</c>), six digits.</summary>
    [Id(5)] public required string InsuredRegion { get; init; }

    /// <summary>First day of enrolment in the scheme.</summary>
    [Id(6)] public required DateOnly EnrolmentDate { get; init; }

    /// <summary>Last day of enrolment, when it has ended.</summary>
    [Id(7)] public DateOnly? EnrolmentEndDate { get; init; }

    /// <summary>缴费日期 date the (annual) contribution was paid; the waiting period counts from it.</summary>
    [Id(8)] public required DateOnly PaymentDate { get; init; }

    /// <summary>Whether the person bought the optional 大额医疗 add-on.</summary>
    [Id(9)] public bool HasLargeAmountAddOn { get; init; }

    /// <summary>待遇暂停 benefits suspended (e.g. contributions in arrears).</summary>
    [Id(10)] public bool BenefitsSuspended { get; init; }
}
