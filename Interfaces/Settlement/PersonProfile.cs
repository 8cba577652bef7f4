namespace Medisettle.Interfaces.Settlement;

/// <summary>参保人 the insured person as the policy engine needs them.</summary>
public sealed record PersonProfile
{
    /// <summary>人员编号 person id (wire <c>psn_no</c>).</summary>
    public required string PersonId { get; init; }

    public required Scheme Scheme { get; init; }

    public required PersonCategory Category { get; init; }

    /// <summary>救助身份 assistance statuses (低保, 五保, 特困 ...); empty for most people.</summary>
    public IReadOnlyList<AssistanceStatus> AssistanceStatuses { get; init; } = [];

    /// <summary>门诊特殊病种 disease codes the person holds a certificate for.</summary>
    public IReadOnlyList<string> SpecialDiseaseCertificates { get; init; } = [];

    /// <summary>参保地 insured region (wire <c>insuplc_admdvs</c>), six digits.</summary>
    public required string InsuredRegion { get; init; }

    /// <summary>First day of enrolment in the scheme.</summary>
    public required DateOnly EnrolmentDate { get; init; }

    /// <summary>Last day of enrolment, when it has ended.</summary>
    public DateOnly? EnrolmentEndDate { get; init; }

    /// <summary>缴费日期 date the (annual) contribution was paid; the waiting period counts from it.</summary>
    public required DateOnly PaymentDate { get; init; }

    /// <summary>Whether the person bought the optional 大额医疗 add-on.</summary>
    public bool HasLargeAmountAddOn { get; init; }

    /// <summary>待遇暂停 benefits suspended (e.g. contributions in arrears).</summary>
    public bool BenefitsSuspended { get; init; }
}
